package dev.warden.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/** Which tokens the API accepts: signed by the configured issuer, for this audience, current. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class JwtConfiguration {

  /** What an actor id may contain (the same characters the audit trail has always accepted). */
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");

  /**
   * Built on first use, not at startup: the API can start before its identity provider answers
   * (compose brings them up together), and a token arriving meanwhile is refused, not crashed on.
   */
  @Bean
  JwtDecoder jwtDecoder(AuthProperties auth) {
    return new SupplierJwtDecoder(
        () -> {
          NimbusJwtDecoder decoder =
              auth.jwkSetUri() != null
                  ? NimbusJwtDecoder.withJwkSetUri(auth.jwkSetUri()).build()
                  : NimbusJwtDecoder.withIssuerLocation(auth.issuerUri()).build();
          decoder.setJwtValidator(validator(auth));
          return decoder;
        });
  }

  @Bean
  WardenJwtAuthentication wardenJwtAuthentication(AuthProperties auth) {
    return new WardenJwtAuthentication(auth.rolesClaim(), auth.tenantClaim(), auth.personClaim());
  }

  static OAuth2TokenValidator<Jwt> validator(AuthProperties auth) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new JwtTimestampValidator(auth.clockSkew()));
    if (auth.issuerUri() != null) {
      validators.add(new JwtIssuerValidator(auth.issuerUri()));
    }
    validators.add(
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD, aud -> aud != null && aud.contains(auth.audience())));
    // The actor is built from sub or client_id: both must be plain identifiers.
    validators.add(
        new JwtClaimValidator<String>(
            JwtClaimNames.SUB, sub -> sub != null && IDENTIFIER.matcher(sub).matches()));
    validators.add(
        new JwtClaimValidator<Object>(
            WardenJwtAuthentication.CLIENT_ID_CLAIM,
            id -> id == null || (id instanceof String s && IDENTIFIER.matcher(s).matches())));
    return new DelegatingOAuth2TokenValidator<>(validators);
  }
}
