package dev.warden.api.gate;

import dev.warden.engines.killswitch.KillSwitchAction;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a handler method as a gated route: its action (which kill switches and which rate-limit
 * class cover it) and the providers it depends on. The handler validates its input, then calls
 * {@link GateChain#enforce} (kill switch, rate limit, quota) before doing any work; the route is
 * timed as {@code warden.route}, and one that answers without passing the chain is reported.
 * Provider names are checked at startup.
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
   * No effect: every gated handler now calls the {@link GateChain} itself, once its input (and so
   * its tenant) is known. Kept so existing declarations still compile.
   *
   * @deprecated every gated route is enforced by its handler
   */
  @Deprecated
  boolean enforcedByHandler() default false;
}
