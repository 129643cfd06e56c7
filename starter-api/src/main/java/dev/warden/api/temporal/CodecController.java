package dev.warden.api.temporal;

import com.google.protobuf.ByteString;
import dev.warden.workflows.codec.PayloadEncryption;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, so Temporal's Web UI (and {@code temporal} CLI's {@code
 * --codec-endpoint}) show decrypted histories to signed-in staff: {@code {"payloads": [{"metadata":
 * {name: base64}, "data": base64}]}} in and out. A payload of an unknown key id is a 400.
 */
@RestController
@RequestMapping("/v1/temporal/codec")
class CodecController {

  /** One payload as Temporal's JSON encodes it: metadata values and data in base64. */
  record JsonPayload(Map<String, String> metadata, String data) {}

  record Payloads(List<JsonPayload> payloads) {}

  private final PayloadEncryption codec;

  CodecController(PayloadEncryption codec) {
    this.codec = codec;
  }

  @PostMapping("/encode")
  Payloads encode(@RequestBody Payloads body) {
    return apply(body, true);
  }

  @PostMapping("/decode")
  Payloads decode(@RequestBody Payloads body) {
    return apply(body, false);
  }

  private Payloads apply(Payloads body, boolean encode) {
    if (body == null || body.payloads() == null) {
      throw new IllegalArgumentException("the body is {\"payloads\": [...]}");
    }
    List<Payload> in = body.payloads().stream().map(CodecController::payload).toList();
    try {
      List<Payload> out = encode ? codec.encode(in) : codec.decode(in);
      return new Payloads(out.stream().map(CodecController::json).toList());
    } catch (PayloadCodecException e) {
      throw new IllegalArgumentException(
          e.getCause() != null && e.getMessage() == null
              ? e.getCause().getMessage()
              : e.getMessage());
    }
  }

  private static Payload payload(JsonPayload json) {
    Base64.Decoder base64 = Base64.getDecoder();
    Payload.Builder p = Payload.newBuilder();
    if (json.metadata() != null) {
      json.metadata().forEach((k, v) -> p.putMetadata(k, ByteString.copyFrom(base64.decode(v))));
    }
    if (json.data() != null) {
      p.setData(ByteString.copyFrom(base64.decode(json.data())));
    }
    return p.build();
  }

  private static JsonPayload json(Payload p) {
    Base64.Encoder base64 = Base64.getEncoder();
    Map<String, String> metadata = new LinkedHashMap<>();
    p.getMetadataMap().forEach((k, v) -> metadata.put(k, base64.encodeToString(v.toByteArray())));
    return new JsonPayload(metadata, base64.encodeToString(p.getData().toByteArray()));
  }
}
