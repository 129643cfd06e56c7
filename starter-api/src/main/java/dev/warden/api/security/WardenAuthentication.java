package dev.warden.api.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** An authenticated caller: its name is the actor id; a tenant token also knows its tenant. */
final class WardenAuthentication extends JwtAuthenticationToken implements WardenCaller {

  private final String tenantId;
  private final boolean person;

  WardenAuthentication(
      Jwt jwt,
      Collection<? extends GrantedAuthority> authorities,
      String actor,
      String tenantId,
      boolean person) {
    super(jwt, authorities, actor);
    this.tenantId = tenantId;
    this.person = person;
  }

  @Override
  public boolean person() {
    return person;
  }

  @Override
  public String tenantId() {
    return tenantId;
  }
}
