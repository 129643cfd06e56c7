package dev.warden.engines.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {

  static final String RECEIPT =
      """
      {"purgeId":"%s","tenantId":"acme","env":"prod","requestedBy":"compliance",
       "status":"COMPLETED","dryRun":false,"partial":false,"approvedBy":["compliance-2"],
       "receivedAt":"2026-12-01T10:00:00.000Z","dueAt":"2026-12-31T10:00:00.000Z","onTime":true,
       "deleted":[{"step":"STORAGE","items":120,"bytes":4096,"archivesRead":0},
                  {"step":"INDEX","items":1500,"bytes":0,"archivesRead":0},
                  {"step":"LOGS","items":721,"bytes":0,"archivesRead":3}],
       "residue":{"objects":0,"documents":0,"logDocuments":0,"archiveLines":0}}
      """;

  private final ReceiptKeys keys = new ReceiptKeys(new JWKSet(ReceiptKeys.newKey()));
  private final ReceiptSigner signer = new ReceiptSigner(keys);
  private final ReceiptVerifier verifier = new ReceiptVerifier(keys.published());

  @Test
  void givenAnUntouchedReceipt_whenVerifiedWithOnlyThePublicKeys_thenValid() {
    JsonNode receipt = signed("p-1");

    ReceiptVerifier.Verdict verdict = verifier.verify(receipt);

    assertThat(verdict.valid()).as(verdict.reason()).isTrue();
    assertThat(keys.published().getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
  }

  @Test
  void givenTheReceiptReorderedAndIndented_whenVerified_thenStillValid() throws Exception {
    JsonNode receipt = signed("p-1");
    String pretty =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(receipt);

    assertThat(verifier.verify(CanonicalJson.parse(pretty)).valid()).isTrue();
  }

  @Test
  void givenOneCountChanged_whenVerified_thenFailsNamingTheField() {
    ObjectNode receipt = signed("p-1");
    ((ObjectNode) receipt.get("deleted").get(0)).put("items", 121);

    ReceiptVerifier.Verdict verdict = verifier.verify(receipt);

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).contains("deleted[0].items (signed 120, receipt has 121)");
  }

  @Test
  void givenAStoreRemoved_whenVerified_thenFails() {
    ObjectNode receipt = signed("p-1");
    ((ArrayNode) receipt.get("deleted")).remove(2);

    ReceiptVerifier.Verdict verdict = verifier.verify(receipt);

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).contains("deleted[2]").contains("receipt has nothing");
  }

  @Test
  void givenAnotherPurgesSignature_whenVerified_thenFailsOnThePurgeId() {
    ObjectNode receipt = signed("p-1");
    receipt.set(ReceiptSigner.SIGNATURE, signed("p-2").get(ReceiptSigner.SIGNATURE));

    ReceiptVerifier.Verdict verdict = verifier.verify(receipt);

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).contains("purgeId (signed \"p-2\", receipt has \"p-1\")");
  }

  @Test
  void givenAKeyThatIsNotPublished_whenVerified_thenFailsOnTheUnknownKid() {
    ReceiptKeys other = new ReceiptKeys(new JWKSet(ReceiptKeys.newKey()));
    ObjectNode receipt = unsigned("p-1");
    receipt.put(ReceiptSigner.SIGNATURE, new ReceiptSigner(other).sign(receipt));

    ReceiptVerifier.Verdict verdict = verifier.verify(receipt);

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).contains("unknown key id (kid) " + other.signing().getKeyID());
  }

  @Test
  void givenAKidThatIsPublishedButAnotherKeySigned_whenVerified_thenTheSignatureDoesNotMatch() {
    var forged =
        new com.nimbusds.jose.jwk.ECKey.Builder(ReceiptKeys.newKey())
            .keyID(keys.signing().getKeyID())
            .build();
    ObjectNode receipt = unsigned("p-1");
    receipt.put(
        ReceiptSigner.SIGNATURE,
        new ReceiptSigner(new ReceiptKeys(new JWKSet(forged))).sign(receipt));

    ReceiptVerifier.Verdict verdict = verifier.verify(receipt);

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).contains("the signature does not match");
  }

  @Test
  void givenARotatedKey_whenAReceiptOfTheOldKeyIsVerifiedWithBothPublished_thenValid() {
    ObjectNode old = signed("p-1");
    var next = ReceiptKeys.newKey();
    JWKSet both = new JWKSet(List.of(next, keys.signing())).toPublicJWKSet();

    assertThat(new ReceiptVerifier(both).verify(old).valid()).isTrue();
  }

  @Test
  void givenNoSignature_whenVerified_thenSaysItIsNotSigned() {
    assertThat(verifier.verify(unsigned("p-1")).reason()).contains("not signed");
  }

  private ObjectNode unsigned(String purgeId) {
    return (ObjectNode) CanonicalJson.parse(RECEIPT.formatted(purgeId));
  }

  private ObjectNode signed(String purgeId) {
    ObjectNode receipt = unsigned(purgeId);
    receipt.put(ReceiptSigner.SIGNATURE, signer.sign(receipt));
    return receipt;
  }
}
