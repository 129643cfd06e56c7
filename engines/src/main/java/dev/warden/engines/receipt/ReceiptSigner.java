package dev.warden.engines.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;

/**
 * Signs a receipt: a JWS (ES256, compact serialisation) whose payload is the receipt's canonical
 * JSON ({@link CanonicalJson}) without its {@code signature} field, and whose header names the key
 * ({@code kid}). Anyone holding the public JWK set verifies it offline ({@link ReceiptVerifier}).
 */
public final class ReceiptSigner {

  /** The field of a served receipt that holds its JWS. */
  public static final String SIGNATURE = "signature";

  static final JOSEObjectType TYPE = new JOSEObjectType("warden-receipt+jws");

  private final ReceiptKeys keys;
  private final ECDSASigner signer;

  public ReceiptSigner(ReceiptKeys keys) {
    this.keys = keys;
    try {
      this.signer = new ECDSASigner(keys.signing());
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the receipt key cannot sign: " + e.getMessage(), e);
    }
  }

  /** The compact JWS over {@code receipt} (its {@code signature} field, if any, left out). */
  public String sign(JsonNode receipt) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .keyID(keys.signing().getKeyID())
            .type(TYPE)
            .contentType("application/json")
            .build();
    JWSObject jws = new JWSObject(header, new Payload(CanonicalJson.bytes(unsigned(receipt))));
    try {
      jws.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the receipt", e);
    }
    return jws.serialize();
  }

  static JsonNode unsigned(JsonNode receipt) {
    if (!(receipt instanceof ObjectNode object)) {
      throw new IllegalArgumentException("a receipt is a JSON object");
    }
    ObjectNode copy = object.deepCopy();
    copy.remove(SIGNATURE);
    return copy;
  }
}
