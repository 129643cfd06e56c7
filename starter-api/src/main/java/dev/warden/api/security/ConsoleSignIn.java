package dev.warden.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Turns a sign-in into what a bearer token gives ({@link WardenCaller}): the access token of the
 * code flow is validated by the API's decoder (issuer, audience, expiry) and read by {@link
 * WardenJwtAuthentication} (roles, actor {@code user:{sub}}), then kept in the session. No second
 * list of roles, no userinfo call.
 */
final class ConsoleSignIn extends SavedRequestAwareAuthenticationSuccessHandler
    implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

  private static final String TOKEN = "warden.token";

  private final JwtDecoder tokens;
  private final WardenJwtAuthentication reader;
  private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

  ConsoleSignIn(JwtDecoder tokens, WardenJwtAuthentication reader) {
    this.tokens = tokens;
    this.reader = reader;
    setDefaultTargetUrl("/console/purges");
  }

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ConsoleSignIn.class);

  /** A refused sign-in is logged (without the token) and shown as the sign-in-failed page. */
  static org.springframework.security.web.authentication.AuthenticationFailureHandler failed() {
    var page =
        new org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler(
            "/console/assets/signin-failed.html");
    return (request, response, failure) -> {
      log.warn("console sign-in refused: {}", failure.getMessage());
      page.onAuthenticationFailure(request, response, failure);
    };
  }

  @Override
  public OAuth2User loadUser(OAuth2UserRequest request) {
    try {
      WardenAuthentication person =
          (WardenAuthentication)
              reader.convert(tokens.decode(request.getAccessToken().getTokenValue()));
      ConsolePerson signedIn =
          new ConsolePerson(
              person.getAuthorities(), person.getName(), person.tenantId(), person.person());
      return new DefaultOAuth2User(
          person.getAuthorities(), Map.of("sub", person.getName(), TOKEN, signedIn), "sub");
    } catch (JwtException invalid) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              "invalid_token", "the access token was refused: " + invalid.getMessage(), null));
    }
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, jakarta.servlet.ServletException {
    OAuth2User user = (OAuth2User) authentication.getPrincipal();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(user.getAttribute(TOKEN));
    SecurityContextHolder.setContext(context);
    sessions.saveContext(context, request, response);
    super.onAuthenticationSuccess(request, response, authentication);
  }
}
