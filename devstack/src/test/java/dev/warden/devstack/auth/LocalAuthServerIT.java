package dev.warden.devstack.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Spring Authorization Server the devstack runs, asked for tokens over HTTP. */
class LocalAuthServerIT {

  private static LocalAuthServer server;
  private static LocalTokens tokens;

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = LocalAuthServer.start(port);
    tokens = new LocalTokens(server.issuer());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void
      givenTheComplianceClient_whenItAsksForAToken_thenTheTokenIsSignedAndCarriesRoleAudienceAndClient()
          throws Exception {
    JWTClaimsSet claims = verified(tokens.forRole("compliance"));

    assertThat(claims.getIssuer()).isEqualTo(server.issuer());
    assertThat(claims.getAudience()).containsExactly("warden-api");
    assertThat(claims.getStringListClaim("roles")).containsExactly("compliance");
    assertThat(claims.getSubject()).isEqualTo("warden-compliance");
    assertThat(claims.getStringClaim("client_id")).isEqualTo("warden-compliance");
    assertThat(claims.getClaim("tenant_id")).isNull();
    assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
  }

  @Test
  void givenAPersonSigningIn_whenTheCodeIsExchanged_thenTheTokenSaysPersonAndAClientsNever()
      throws Exception {
    JWTClaimsSet person = verified(new LocalPersonTokens(server.issuer()).token("compliance-2"));
    JWTClaimsSet client = verified(tokens.forRole("compliance-2"));

    assertThat(person.getSubject()).isEqualTo("compliance-2");
    assertThat(person.getStringListClaim("roles")).containsExactly("compliance");
    assertThat(person.getAudience()).containsExactly("warden-api");
    assertThat(person.getBooleanClaim(LocalUsers.PERSON_CLAIM)).isTrue();
    assertThat(person.getClaim("client_id")).isNull();
    assertThat(client.getClaim(LocalUsers.PERSON_CLAIM)).isNull();
    assertThat(client.getStringClaim("client_id")).isEqualTo("warden-compliance-2");
  }

  @Test
  void givenTheTenantClient_whenItNamesATenant_thenTheTokenIsBoundToIt() throws Exception {
    JWTClaimsSet claims = verified(tokens.forTenant("acme"));

    assertThat(claims.getStringListClaim("roles")).containsExactly("tenant");
    assertThat(claims.getStringClaim("tenant_id")).isEqualTo("acme");
  }

  @Test
  void givenTheTenantClient_whenItNamesNoTenantOrABadOne_thenNoTokenIsIssued() {
    assertThatThrownBy(() -> tokens.token("warden-tenant", null))
        .hasMessageContaining("400")
        .hasMessageContaining("invalid_request");
    assertThatThrownBy(() -> tokens.token("warden-tenant", "../acme"))
        .hasMessageContaining("invalid_request");
    assertThatThrownBy(() -> tokens.token("warden-operator", "acme"))
        .hasMessageContaining("invalid_request");
  }

  @Test
  void givenTheExpiredClient_whenItAsksForAToken_thenTheTokenHasExpiredAlready() throws Exception {
    JWTClaimsSet claims = verified(tokens.token(LocalClients.EXPIRED, null));

    assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().minusSeconds(60));
  }

  @Test
  void givenAWrongSecret_whenAskingForAToken_thenTheServerRefuses() throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(URI.create(server.issuer() + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&client_id=warden-operator&client_secret=guess"))
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  private static JWTClaimsSet verified(String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    JWKSet keys = JWKSet.load(new URL(server.issuer() + "/oauth2/jwks"));
    RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    return jwt.getJWTClaimsSet();
  }
}
