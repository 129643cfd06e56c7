package dev.warden.workflows.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload before it leaves the process (workflow inputs, signals, queries, results,
 * heartbeat details, memos, failure messages): AES-256-GCM, a random 96-bit nonce per payload, the
 * key id in the payload's metadata so a rotated key still decrypts old histories. Plain payloads
 * (written before encryption was turned on) decode as they are, so running workflows keep running.
 */
public final class PayloadEncryption implements PayloadCodec {

  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  static final String CIPHER = "encryption-cipher";
  private static final String AES_GCM = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final PayloadKeys keys;
  private final SecureRandom random = new SecureRandom();

  public PayloadEncryption(PayloadKeys keys) {
    this.keys = keys;
  }

  /** The data converter of every Warden Temporal client: the default one, through this codec. */
  public static DataConverter dataConverter(PayloadKeys keys) {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance(),
        List.of(new PayloadEncryption(keys)),
        true); // failure messages and stack traces too
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(AES_GCM);
      cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain.toByteArray());
      return Payload.newBuilder()
          .putMetadata("encoding", utf8(ENCODING))
          .putMetadata(CIPHER, utf8(AES_GCM))
          .putMetadata(KEY_ID, utf8(keys.currentId()))
          .setData(
              ByteString.copyFrom(
                  ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }

  private Payload decrypt(Payload payload) {
    Map<String, ByteString> meta = payload.getMetadataMap();
    ByteString encoding = meta.get("encoding");
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
      return payload; // plain: written before encryption, or by another client
    }
    ByteString keyId = meta.get(KEY_ID);
    String id = keyId == null ? null : keyId.toStringUtf8();
    SecretKey key =
        keys.find(id)
            .orElseThrow(
                () ->
                    new PayloadCodecException(
                        "unknown payload key id " + id + ": not among WARDEN_PAYLOAD_KEYS"));
    byte[] data = payload.getData().toByteArray();
    try {
      Cipher cipher = Cipher.getInstance(AES_GCM);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          new IllegalArgumentException("payload of key " + id + " does not decrypt", e));
    }
  }

  private static ByteString utf8(String value) {
    return ByteString.copyFrom(value, StandardCharsets.UTF_8);
  }
}
