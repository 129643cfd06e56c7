package dev.warden.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Tokens the API must not trust: well-formed, current, with every role, but signed by a key of
 * another issuer (a second key the API never fetched).
 */
final class ForeignTokens {

  private static final RSAKey KEY = generate();

  private ForeignTokens() {}

  /** Claims exactly like the trusted issuer's, signature by another key. */
  static String signedByAnotherKey(String issuer) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject("warden-operator")
            .audience("warden-api")
            .claim("client_id", "warden-operator")
            .claim("roles", List.of("compliance", "legal", "operator", "auditor"))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(KEY));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyID("foreign").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
