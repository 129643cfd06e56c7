package dev.warden.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string member that is not acceptable {@link Text}; Jackson adds the member's path. */
public final class InvalidTextException extends MismatchedInputException {
  InvalidTextException(JsonParser parser, String problem) {
    super(parser, problem, String.class);
  }

  /** What is wrong, without the member's name (the problem handler names it). */
  public String problem() {
    return getOriginalMessage();
  }
}
