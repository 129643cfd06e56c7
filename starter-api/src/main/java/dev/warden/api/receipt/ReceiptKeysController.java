package dev.warden.api.receipt;

import dev.warden.engines.receipt.ReceiptKeys;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public keys receipts are signed with, as a JWK set, open to anyone: an auditor verifies a
 * receipt with them and nothing else ({@code ./warden verify-receipt}).
 */
@RestController
class ReceiptKeysController {

  static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

  private final ReceiptKeys keys;

  ReceiptKeysController(ReceiptKeys keys) {
    this.keys = keys;
  }

  @GetMapping(
      value = "/v1/receipts/keys",
      produces = {"application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE})
  ResponseEntity<Map<String, Object>> keys() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noCache())
        .body(keys.published().toJSONObject(true));
  }
}
