package dev.warden.workflows.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadEncryptionTest {

  @TempDir Path dir;

  private static final String SECRET = "GDPR art. 17 request of jane.doe@example.com";

  @Test
  void givenAPayload_whenEncoded_thenNoPlainBytesRemainAndDecodingGivesItBack() {
    PayloadKeys keys = new PayloadKeys(PayloadKeys.newEntry());
    DataConverter converter = PayloadEncryption.dataConverter(keys);

    Payload sealed = converter.toPayload(SECRET).orElseThrow();

    assertThat(new String(sealed.toByteArray(), StandardCharsets.ISO_8859_1))
        .doesNotContain("jane");
    assertThat(sealed.getMetadataMap().get(PayloadEncryption.KEY_ID).toStringUtf8())
        .isEqualTo(keys.currentId());
    assertThat(converter.fromPayload(sealed, String.class, String.class)).isEqualTo(SECRET);
  }

  @Test
  void givenAPlainPayloadFromBeforeEncryption_whenDecoded_thenItPassesThrough() {
    DataConverter converter =
        PayloadEncryption.dataConverter(new PayloadKeys(PayloadKeys.newEntry()));
    Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload(SECRET).orElseThrow();

    assertThat(converter.fromPayload(plain, String.class, String.class)).isEqualTo(SECRET);
  }

  @Test
  void givenARotation_whenTheNewKeyIsFirst_thenOldPayloadsStillDecodeAndNewOnesUseTheNewKey() {
    String old = PayloadKeys.newEntry();
    String next = PayloadKeys.newEntry();
    Payload before = new PayloadEncryption(new PayloadKeys(old)).encode(List.of(plain())).get(0);
    PayloadEncryption rotated = new PayloadEncryption(new PayloadKeys(next + "," + old));

    assertThat(rotated.decode(List.of(before))).containsExactly(plain());
    assertThat(
            rotated
                .encode(List.of(plain()))
                .get(0)
                .getMetadataMap()
                .get(PayloadEncryption.KEY_ID)
                .toStringUtf8())
        .isEqualTo(next.substring(0, next.indexOf('=')));
  }

  @Test
  void givenAnUnknownKeyId_whenDecoded_thenRefusedNamingIt() {
    Payload sealed =
        new PayloadEncryption(new PayloadKeys(PayloadKeys.newEntry()))
            .encode(List.of(plain()))
            .get(0);
    PayloadEncryption other = new PayloadEncryption(new PayloadKeys(PayloadKeys.newEntry()));

    assertThatThrownBy(() -> other.decode(List.of(sealed)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("unknown payload key id");
  }

  @Test
  void givenNoKeys_whenLoadedTwice_thenOneGeneratedKeyIsReused() {
    PayloadKeys a = PayloadKeys.load(Optional.empty(), dir);
    PayloadKeys b = PayloadKeys.load(Optional.of(""), dir);

    assertThat(b.currentId()).isEqualTo(a.currentId());
    assertThat(b.current()).isEqualTo(a.current());
  }

  @Test
  void givenAShortKey_whenParsed_thenRefused() {
    assertThatThrownBy(() -> new PayloadKeys("k1=AAAA")).hasMessageContaining("AES-256 needs 32");
  }

  private static Payload plain() {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(SECRET).orElseThrow();
  }
}
