package dev.warden.engines.receipt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt keys: the one private key that signs (ES256, P-256) and every public key a receipt
 * may have been signed with. Read from a JWK or JWK set file ({@code WARDEN_RECEIPT_KEY}): the
 * first key with a private part signs; the others are published so receipts signed before a
 * rotation still verify. Without a file, one key is generated into the data directory on first
 * start and reused after (the local setup).
 */
public final class ReceiptKeys {

  /** The file a generated key is kept in, inside the data directory. */
  public static final String GENERATED_FILE = "receipt-keys.jwks.json";

  private static final Logger log = LoggerFactory.getLogger(ReceiptKeys.class);

  private final ECKey signing;
  private final JWKSet published;

  ReceiptKeys(JWKSet keys) {
    this.signing =
        keys.getKeys().stream()
            .filter(JWK::isPrivate)
            .findFirst()
            .map(ReceiptKeys::ecP256)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the receipt key file holds no private key to sign with"));
    keys.getKeys().forEach(ReceiptKeys::ecP256);
    this.published = keys.toPublicJWKSet();
  }

  /** {@code keyFile} when set, else the generated key in {@code dataDir}. */
  public static ReceiptKeys load(Optional<Path> keyFile, Path dataDir) {
    Path file = keyFile.orElseGet(() -> dataDir.resolve(GENERATED_FILE));
    try {
      if (keyFile.isEmpty() && !Files.exists(file)) {
        generate(file);
      }
      return new ReceiptKeys(read(file));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot read the receipt key " + file + ": " + e, e);
    }
  }

  static JWKSet read(Path file) throws IOException, ParseException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.contains("\"keys\"") ? JWKSet.parse(text) : new JWKSet(List.of(JWK.parse(text)));
  }

  /** A new P-256 key whose kid says when it was made. */
  public static ECKey newKey() {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .keyID("warden-receipt-" + LocalDate.now(ZoneOffset.UTC) + "-" + suffix())
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a receipt key", e);
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  // Written whole to a temporary file, then linked into place: the API and the worker starting
  // together both end up with the one key that won, never a half-written one.
  private static void generate(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), "receipt-key", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, new JWKSet(newKey()).toString(false), StandardCharsets.UTF_8);
      Files.createLink(file, tmp);
      log.warn(
          "generated a receipt signing key in {}; set WARDEN_RECEIPT_KEY in production and"
              + " publish its public part",
          file);
    } catch (FileAlreadyExistsException anotherProcessWon) {
      // use theirs
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static ECKey ecP256(JWK key) {
    if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
      throw new IllegalArgumentException(
          "receipt keys are EC P-256 (ES256); key " + key.getKeyID() + " is not");
    }
    if (ec.getKeyID() == null || ec.getKeyID().isBlank()) {
      throw new IllegalArgumentException("every receipt key needs a kid");
    }
    return ec;
  }

  ECKey signing() {
    return signing;
  }

  /** The public keys, as served at {@code GET /v1/receipts/keys}. */
  public JWKSet published() {
    return published;
  }
}
