package io.agentstream.spring.encryption;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The remote codec protocol of the Temporal UI and CLI ({@code --codec-endpoint}): {@code POST
 * /codec/encode} and {@code /codec/decode} take {@code {"payloads":[{"metadata":{"k":"<base64>"},
 * "data":"<base64>"}]}} and answer the same shape. Only admin callers may use it (see
 * SecurityConfiguration): it reads any run's payloads, whoever owns the run.
 */
@RestController
@ConditionalOnExpression("'${agentstream.encryption.keys:}'.trim() != ''")
public class CodecController {

  private final AesGcmPayloadCodec codec;

  CodecController(AesGcmPayloadCodec codec) {
    this.codec = codec;
  }

  @PostMapping(
      path = "/codec/encode",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  CodecPayloads encode(@RequestBody CodecPayloads body) {
    return apply(body, all -> codec.encode(all));
  }

  @PostMapping(
      path = "/codec/decode",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  CodecPayloads decode(@RequestBody CodecPayloads body) {
    return apply(body, all -> codec.decode(all));
  }

  private static CodecPayloads apply(CodecPayloads body, UnaryOperator<List<Payload>> op) {
    List<Payload> payloads;
    try {
      payloads = body.payloads().stream().map(CodecController::toProto).toList();
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "metadata values and data must be base64");
    }
    try {
      return new CodecPayloads(op.apply(payloads).stream().map(CodecController::toJson).toList());
    } catch (PayloadCodecException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  private static Payload toProto(CodecPayloads.JsonPayload json) {
    Base64.Decoder b64 = Base64.getDecoder();
    Payload.Builder payload = Payload.newBuilder();
    json.metadata().forEach((k, v) -> payload.putMetadata(k, ByteString.copyFrom(b64.decode(v))));
    return payload.setData(ByteString.copyFrom(b64.decode(json.data()))).build();
  }

  private static CodecPayloads.JsonPayload toJson(Payload payload) {
    Base64.Encoder b64 = Base64.getEncoder();
    Map<String, String> metadata = new LinkedHashMap<>();
    payload
        .getMetadataMap()
        .forEach((k, v) -> metadata.put(k, b64.encodeToString(v.toByteArray())));
    return new CodecPayloads.JsonPayload(
        metadata, b64.encodeToString(payload.getData().toByteArray()));
  }
}
