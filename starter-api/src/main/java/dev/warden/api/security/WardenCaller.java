package dev.warden.api.security;

import org.springframework.security.core.Authentication;

/**
 * A caller the route rules decide on: Warden's roles as authorities, the actor as its name, and the
 * tenant a tenant's token is bound to. A bearer token gives one per request ({@link
 * WardenAuthentication}); a console sign-in keeps one in the session ({@link ConsolePerson}).
 */
interface WardenCaller extends Authentication {

  /** The tenant claim's value, or null. */
  String tenantId();

  /**
   * True for a person's token (the person claim is {@code true} and there is no {@code client_id});
   * false for a service's client-credentials token.
   */
  boolean person();
}
