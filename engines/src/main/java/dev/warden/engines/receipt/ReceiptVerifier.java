package dev.warden.engines.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks a served receipt (its fields plus {@code signature}) with nothing but the public JWK set:
 * the key named by the JWS is published, the signature is the key's over the signed bytes, and
 * those bytes are the receipt's canonical form. Says which check failed and, for a changed receipt,
 * which fields differ from what was signed.
 */
public final class ReceiptVerifier {

  /** The outcome: {@code valid}, or why not. */
  public record Verdict(boolean valid, String kid, String reason) {
    static Verdict fails(String kid, String reason) {
      return new Verdict(false, kid, reason);
    }
  }

  private final JWKSet keys;

  public ReceiptVerifier(JWKSet keys) {
    this.keys = keys;
  }

  public Verdict verify(JsonNode receipt) {
    JsonNode signature = receipt.get(ReceiptSigner.SIGNATURE);
    if (signature == null || !signature.isTextual()) {
      return Verdict.fails(
          null, "the receipt has no \"signature\" field (a JWS): it is not signed");
    }
    JWSObject jws;
    try {
      jws = JWSObject.parse(signature.asText());
    } catch (ParseException e) {
      return Verdict.fails(null, "the signature is not a compact JWS: " + e.getMessage());
    }
    String kid = jws.getHeader().getKeyID();
    if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
      return Verdict.fails(
          kid,
          "the signature's algorithm is "
              + jws.getHeader().getAlgorithm()
              + "; receipts are signed with ES256");
    }
    JWK key = kid == null ? null : keys.getKeyByKeyId(kid);
    if (!(key instanceof ECKey ec)) {
      return Verdict.fails(
          kid,
          "unknown key id (kid) "
              + kid
              + ": not among the "
              + keys.getKeys().size()
              + " published receipt keys "
              + kids());
    }
    try {
      if (!jws.verify(new ECDSAVerifier(ec.toPublicJWK()))) {
        return Verdict.fails(
            kid,
            "the signature does not match: it was not made by key "
                + kid
                + " over these bytes (a forged or corrupted signature)");
      }
    } catch (JOSEException e) {
      return Verdict.fails(
          kid, "cannot check the signature with key " + kid + ": " + e.getMessage());
    }
    JsonNode signed = CanonicalJson.parse(jws.getPayload().toBytes());
    JsonNode shown = ReceiptSigner.unsigned(receipt);
    if (!java.util.Arrays.equals(CanonicalJson.bytes(signed), CanonicalJson.bytes(shown))) {
      return Verdict.fails(
          kid,
          "the signature is valid, but the receipt differs from what was"
              + " signed: "
              + String.join("; ", differences("", signed, shown)));
    }
    return new Verdict(true, kid, "valid: signed by key " + kid);
  }

  private List<String> kids() {
    return keys.getKeys().stream().map(JWK::getKeyID).toList();
  }

  /** The paths where the signed and the shown receipt differ, with both values. */
  static List<String> differences(String path, JsonNode signed, JsonNode shown) {
    List<String> out = new ArrayList<>();
    if (signed != null && shown != null && signed.isObject() && shown.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      signed.fieldNames().forEachRemaining(names::add);
      shown.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        out.addAll(
            differences(
                path.isEmpty() ? name : path + "." + name, signed.get(name), shown.get(name)));
      }
    } else if (signed != null && shown != null && signed.isArray() && shown.isArray()) {
      int n = Math.max(signed.size(), shown.size());
      for (int i = 0; i < n; i++) {
        out.addAll(differences(path + "[" + i + "]", signed.get(i), shown.get(i)));
      }
    } else if (signed == null || shown == null || !signed.equals(shown)) {
      out.add(path + " (signed " + show(signed) + ", receipt has " + show(shown) + ")");
    }
    return out;
  }

  private static String show(JsonNode node) {
    return node == null ? "nothing" : node.toString();
  }
}
