package dev.warden.engines.receipt;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The receipt keys of both apps: {@code WARDEN_RECEIPT_KEY} (a JWK or JWK set file), else the key
 * generated into {@code WARDEN_DATA_DIR} on first start. The worker signs with it; the API
 * publishes its public part.
 */
@Configuration(proxyBeanMethods = false)
public class ReceiptConfiguration {

  @Bean
  ReceiptKeys receiptKeys(
      @Value("${warden.receipt.key:}") String keyFile,
      @Value("${warden.data-dir:.warden}") String dataDir) {
    return ReceiptKeys.load(
        keyFile.isBlank() ? Optional.empty() : Optional.of(Path.of(keyFile)), Path.of(dataDir));
  }

  @Bean
  ReceiptSigner receiptSigner(ReceiptKeys keys) {
    return new ReceiptSigner(keys);
  }
}
