package dev.warden.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A {@code null} in a request body: never a value, so a member is left out instead. */
public final class NullMemberException extends MismatchedInputException {
  NullMemberException(JsonParser parser) {
    super(parser, "null is not a value: leave the member out", (Class<?>) null);
    for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); ) {
      if (c.inObject()) {
        prependPath(null, c.getCurrentName());
      } else {
        prependPath(null, c.getCurrentIndex());
      }
      c = c.getParent();
    }
  }
}
