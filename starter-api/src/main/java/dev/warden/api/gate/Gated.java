package dev.warden.api.gate;

import dev.warden.engines.killswitch.KillSwitchAction;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method as a gated route: before it runs, every {@link Gate} (kill switch first)
 * checks the request, and afterwards the route is timed as {@code warden.route}. The tenant is the
 * {@code tenantId} path variable when the route has one. Provider names are checked at startup.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Gated {

  /** What the route does, as kill switches name it. */
  KillSwitchAction action();

  /** The external systems it depends on ({@code s3}, {@code opensearch}, {@code llm:{name}}). */
  String[] providers() default {};

  /**
   * True when the tenant is only known from the body: the interceptor then only times the route,
   * and the handler must call {@link KillSwitchGate#enforce} itself once it has the tenant.
   */
  boolean enforcedByHandler() default false;
}
