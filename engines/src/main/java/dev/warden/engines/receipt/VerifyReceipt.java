package dev.warden.engines.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * {@code ./warden verify-receipt FILE --keys URL|FILE}: checks a receipt saved from {@code GET
 * /v1/purges/{id}/receipt} against the published keys, offline when the keys are a file. Exit
 * status 0 valid, 1 not valid (the reason is printed), 2 unusable arguments or inputs.
 */
public final class VerifyReceipt {

  private VerifyReceipt() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 3 || !"--keys".equals(args[1])) {
      err.println("usage: verify-receipt FILE --keys URL|FILE");
      return 2;
    }
    JsonNode receipt;
    JWKSet keys;
    try {
      receipt = CanonicalJson.parse(Files.readString(Path.of(args[0])));
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot read the receipt " + args[0] + ": " + e.getMessage());
      return 2;
    }
    try {
      keys = keys(args[2]);
    } catch (IOException | ParseException | IllegalArgumentException e) {
      err.println("cannot read the keys from " + args[2] + ": " + e.getMessage());
      return 2;
    }
    ReceiptVerifier.Verdict verdict = new ReceiptVerifier(keys).verify(receipt);
    String purge = receipt.path("purgeId").asText("?");
    if (verdict.valid()) {
      out.println("OK receipt of purge " + purge + ": " + verdict.reason());
      return 0;
    }
    out.println("FAILED receipt of purge " + purge + ": " + verdict.reason());
    return 1;
  }

  static JWKSet keys(String location) throws IOException, ParseException {
    if (location.startsWith("http://") || location.startsWith("https://")) {
      return JWKSet.load(URI.create(location).toURL());
    }
    return JWKSet.load(Path.of(location).toFile());
  }
}
