package dev.warden.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's OAuth2 client (WARDEN_CONSOLE_* variables, see docs/operations.md): a public client
 * of the identity provider, authorization code with PKCE. Blank endpoints default to Spring
 * Authorization Server's paths under the issuer (the devstack's); Keycloak's are set explicitly.
 */
@ConfigurationProperties("warden.console")
record ConsoleProperties(String clientId, String authorizationUri, String tokenUri) {

  String clientIdOrDefault() {
    return blank(clientId) ? "warden-console" : clientId.trim();
  }

  String authorizationUri(AuthProperties auth) {
    return blank(authorizationUri) ? issuer(auth) + "/oauth2/authorize" : authorizationUri.trim();
  }

  String tokenUri(AuthProperties auth) {
    return blank(tokenUri) ? issuer(auth) + "/oauth2/token" : tokenUri.trim();
  }

  private static String issuer(AuthProperties auth) {
    if (auth.issuerUri() == null) {
      throw new IllegalStateException(
          "the console needs WARDEN_CONSOLE_AUTHORIZATION_URI and WARDEN_CONSOLE_TOKEN_URI when"
              + " WARDEN_AUTH_ISSUER_URI is not set");
    }
    return auth.issuerUri().replaceAll("/+$", "");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
