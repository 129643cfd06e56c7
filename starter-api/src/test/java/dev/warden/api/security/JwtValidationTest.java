package dev.warden.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claim checks behind the signature check: issuer, audience, time with bounded skew, ids. */
class JwtValidationTest {

  private static final String ISSUER = "https://id.example/realms/warden";
  private final OAuth2TokenValidator<Jwt> validator =
      JwtConfiguration.validator(new AuthProperties(ISSUER, null, null, null, null, null, null));

  @Test
  void givenAGoodToken_whenValidated_thenAccepted() {
    assertThat(validator.validate(token(Map.of(), Instant.now())).hasErrors()).isFalse();
  }

  @Test
  void givenAnotherAudience_whenValidated_thenRefused() {
    assertThat(
            validator
                .validate(token(Map.of("aud", List.of("other-api")), Instant.now()))
                .hasErrors())
        .isTrue();
  }

  @Test
  void givenAnotherIssuer_whenValidated_thenRefused() {
    assertThat(
            validator
                .validate(token(Map.of("iss", "https://evil.example"), Instant.now()))
                .hasErrors())
        .isTrue();
  }

  @Test
  void givenAnExpiryWithinTheSkew_whenValidated_thenAcceptedButBeyondItRefused() {
    Instant now = Instant.now();
    assertThat(validator.validate(token(Map.of(), now.minusSeconds(20))).hasErrors()).isFalse();
    assertThat(validator.validate(token(Map.of(), now.minusSeconds(40))).hasErrors()).isTrue();
  }

  @Test
  void givenASubjectThatIsNoIdentifier_whenValidated_thenRefused() {
    assertThat(
            validator
                .validate(token(Map.of("sub", "Dana Officer <dpo@example.com>"), Instant.now()))
                .hasErrors())
        .isTrue();
  }

  @Test
  void givenASkewAboveFiveMinutes_whenConfigured_thenTheAppRefusesToStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new AuthProperties(ISSUER, null, null, null, null, Duration.ofMinutes(10), null))
        .hasMessageContaining("WARDEN_AUTH_CLOCK_SKEW");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new AuthProperties(" ", null, null, null, null, null, null))
        .hasMessageContaining("WARDEN_AUTH_ISSUER_URI");
  }

  private static Jwt token(Map<String, Object> overrides, Instant expiresAt) {
    Jwt.Builder builder =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .issuer(ISSUER)
            .subject("u-1")
            .audience(List.of("warden-api"))
            .issuedAt(expiresAt.minusSeconds(300))
            .expiresAt(expiresAt);
    overrides.forEach(builder::claim);
    return builder.build();
  }
}
