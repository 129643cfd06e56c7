package dev.warden.engines.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyReceiptTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void givenASavedReceiptAndTheKeysFile_whenRun_thenOkAndAfterOneByteChangedFailed()
      throws Exception {
    ReceiptKeys keys = new ReceiptKeys(new JWKSet(ReceiptKeys.newKey()));
    ObjectNode receipt =
        (ObjectNode) CanonicalJson.parse(ReceiptVerifierTest.RECEIPT.formatted("p-9"));
    receipt.put(ReceiptSigner.SIGNATURE, new ReceiptSigner(keys).sign(receipt));
    Path file = dir.resolve("receipt.json");
    Files.writeString(file, receipt.toPrettyString());
    Path jwks = dir.resolve("keys.json");
    Files.writeString(jwks, keys.published().toString());

    assertThat(run(file, jwks)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK receipt of purge p-9");

    Files.writeString(file, Files.readString(file).replace("\"items\" : 1500", "\"items\" : 1501"));
    assertThat(run(file, jwks)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("FAILED receipt of purge p-9")
        .contains("deleted[1].items (signed 1500, receipt has 1501)");
  }

  @Test
  void givenNoKeys_whenRun_thenUsage() {
    assertThat(VerifyReceipt.run(new String[] {"r.json"}, ps(out), ps(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
  }

  private int run(Path file, Path jwks) {
    out.reset();
    return VerifyReceipt.run(
        new String[] {file.toString(), "--keys", jwks.toString()}, ps(out), ps(err));
  }

  private static PrintStream ps(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
