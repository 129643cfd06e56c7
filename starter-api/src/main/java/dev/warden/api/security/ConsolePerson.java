package dev.warden.api.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A person signed in to the console, as their access token said (roles, actor, tenant). Kept in the
 * session, unlike a bearer token's authentication (which Spring Security never stores); the token
 * itself is not kept.
 */
final class ConsolePerson extends AbstractAuthenticationToken implements WardenCaller {

  private final String actor;
  private final String tenantId;
  private final boolean person;

  ConsolePerson(
      Collection<? extends GrantedAuthority> authorities,
      String actor,
      String tenantId,
      boolean person) {
    super(authorities);
    this.actor = actor;
    this.tenantId = tenantId;
    this.person = person;
    setAuthenticated(true);
  }

  /** What the sign-in's token said: a console sign-in is a person only if its token says so. */
  @Override
  public boolean person() {
    return person;
  }

  @Override
  public Object getPrincipal() {
    return actor;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public String tenantId() {
    return tenantId;
  }
}
