package dev.warden.api.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A free-text member meant to span lines (a reason, a document's text): tab, line feed and carriage
 * return are allowed in it. Every other text member is one line: no control character at all.
 */
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface MultiLine {}
