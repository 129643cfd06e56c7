package dev.warden.api.security;

import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * What the signed-in person may do, as the API's route rules say: a page shows a button only when
 * the rule of the API route behind it lets this person through (the server checks again).
 */
@Component("can")
public class ConsolePermissions {

  /** Whether {@code person} holds a role of the API rule for {@code method} {@code pattern}. */
  public boolean call(Authentication person, String method, String pattern) {
    if (person == null || !person.isAuthenticated()) {
      return false;
    }
    return grants(person, RouteRules.apiRule(HttpMethod.valueOf(method), pattern).access());
  }

  /** Whether {@code person} may open the console page {@code method} {@code pattern}. */
  public boolean open(Authentication person, String method, String pattern) {
    if (person == null || !person.isAuthenticated()) {
      return false;
    }
    return grants(person, RouteRules.consoleRule(HttpMethod.valueOf(method), pattern).access());
  }

  private static boolean grants(Authentication person, Access access) {
    if (access.anyone()) {
      return true;
    }
    Set<String> granted =
        Set.copyOf(person.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    return access.anyOf().stream().map(Roles::authority).anyMatch(granted::contains);
  }

  /** Warden's role names of this person, for the header. */
  public Set<String> roles(Authentication person) {
    if (person == null) {
      return Set.of();
    }
    return Set.copyOf(
        person.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith("ROLE_"))
            .map(a -> a.substring("ROLE_".length()))
            .toList());
  }
}
