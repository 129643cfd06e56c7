package dev.warden.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A validated token as Warden sees it: Warden's roles as {@code ROLE_*} authorities, and as the
 * principal's name the actor written into every record: {@code client:{client_id}} for a
 * client-credentials token, else {@code user:{sub}}. Never a display name or an e-mail claim (the
 * PII contract: actors are identifiers).
 */
final class WardenJwtAuthentication implements Converter<Jwt, AbstractAuthenticationToken> {

  static final String CLIENT_ID_CLAIM = "client_id";

  private final List<String> rolesClaims;
  private final String tenantClaim;
  private final String personClaim;

  WardenJwtAuthentication(List<String> rolesClaims, String tenantClaim) {
    this(rolesClaims, tenantClaim, "warden_person");
  }

  WardenJwtAuthentication(List<String> rolesClaims, String tenantClaim, String personClaim) {
    this.rolesClaims = rolesClaims;
    this.tenantClaim = tenantClaim;
    this.personClaim = personClaim;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    return new WardenAuthentication(
        jwt, authorities(jwt), actor(jwt), jwt.getClaimAsString(tenantClaim), person(jwt));
  }

  /**
   * A person's token: the identity provider set the person claim to {@code true} (a boolean, or the
   * string {@code "true"}), and it is not a client-credentials token ({@code client_id}): a service
   * never counts as a person, even where a mapper put the claim into its token too.
   */
  boolean person(Jwt jwt) {
    Object claim = jwt.getClaims().get(personClaim);
    boolean marked = Boolean.TRUE.equals(claim) || "true".equals(claim);
    return marked && jwt.getClaimAsString(CLIENT_ID_CLAIM) == null;
  }

  static String actor(Jwt jwt) {
    String client = jwt.getClaimAsString(CLIENT_ID_CLAIM);
    return client != null ? "client:" + client : "user:" + jwt.getSubject();
  }

  Set<String> roles(Jwt jwt) {
    Set<String> roles = new LinkedHashSet<>();
    for (String claim : rolesClaims) {
      for (Object role : values(jwt.getClaims(), claim)) {
        if (role instanceof String name && Roles.ALL.contains(name)) {
          roles.add(name);
        }
      }
    }
    return roles;
  }

  private Collection<GrantedAuthority> authorities(Jwt jwt) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    roles(jwt).forEach(role -> authorities.add(new SimpleGrantedAuthority(Roles.authority(role))));
    return authorities;
  }

  /** The list at a dotted path such as {@code realm_access.roles}; empty when absent. */
  private static Collection<?> values(Map<String, Object> claims, String path) {
    Object node = claims;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return List.of();
      }
      node = map.get(part);
    }
    if (node instanceof Collection<?> list) {
      return list;
    }
    return node instanceof String single ? List.of(single) : List.of();
  }
}
