package dev.warden.api.temporal;

import dev.warden.workflows.codec.PayloadEncryption;
import dev.warden.workflows.codec.PayloadKeys;
import io.temporal.common.converter.DataConverter;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's Temporal client encrypts every payload ({@code WARDEN_PAYLOAD_KEYS}, else a key
 * generated into {@code WARDEN_DATA_DIR}); Temporal's Spring starter takes {@code
 * mainDataConverter} for the client (and for the in-process workers of the tests).
 */
@Configuration(proxyBeanMethods = false)
class TemporalCodecConfiguration {

  @Bean
  PayloadKeys payloadKeys(
      @Value("${warden.temporal.payload-keys:}") String keys,
      @Value("${warden.data-dir:.warden}") String dataDir) {
    return PayloadKeys.load(Optional.of(keys), Path.of(dataDir));
  }

  @Bean
  PayloadEncryption payloadEncryption(PayloadKeys keys) {
    return new PayloadEncryption(keys);
  }

  @Bean
  DataConverter mainDataConverter(PayloadKeys keys) {
    return PayloadEncryption.dataConverter(keys);
  }
}
