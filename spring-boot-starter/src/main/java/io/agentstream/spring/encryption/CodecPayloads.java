package io.agentstream.spring.encryption;

import java.util.List;
import java.util.Map;

/**
 * The body of a remote codec request and answer: Temporal's {@code Payloads} in protobuf JSON form
 * (bytes as base64).
 */
public record CodecPayloads(List<JsonPayload> payloads) {

  public CodecPayloads {
    payloads = payloads == null ? List.of() : List.copyOf(payloads);
  }

  public record JsonPayload(Map<String, String> metadata, String data) {
    public JsonPayload {
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
      data = data == null ? "" : data;
    }
  }
}
