package io.agentstream.spring.config;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code agentstream.model.extra-body}: fields added to the body of every model request, for what
 * an OpenAI-compatible server takes beyond OpenAI's own fields (vLLM's {@code chat_template_kwargs}
 * that turn a Qwen3's thinking off, a router's provider preferences), as the {@code extra_body} of
 * OpenAI's own SDKs. A JSON object, so that its values keep their types ({@code false} stays a
 * boolean) also when it comes from an environment variable. The fields agentstream writes itself
 * are refused: sent twice, which one a server reads is not defined.
 */
public final class ModelExtraBody {

  /** The request fields agentstream sets, and the setting that sets each ("" where none does). */
  private static final Map<String, String> OWN_FIELDS =
      Map.ofEntries(
          Map.entry("messages", ""),
          Map.entry("stream", ""),
          Map.entry("stream_options", ""),
          Map.entry("tools", ""),
          Map.entry("tool_choice", ""),
          Map.entry("parallel_tool_calls", ""),
          Map.entry("response_format", ""),
          Map.entry("model", "agentstream.model.name"),
          Map.entry("max_tokens", "agentstream.model.max-tokens"),
          Map.entry("max_completion_tokens", "agentstream.model.max-tokens"),
          Map.entry("reasoning_effort", "agentstream.model.reasoning-effort"));

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ModelExtraBody() {}

  /**
   * The fields of {@code json}: empty for a blank setting.
   *
   * @throws IllegalArgumentException naming the setting when {@code json} is not a JSON object or
   *     sets a field agentstream writes itself
   */
  public static Map<String, Object> parse(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    Object parsed;
    try {
      parsed = JSON.readValue(json, Object.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "agentstream.model.extra-body must be a JSON object, such as"
              + " {\"chat_template_kwargs\":{\"enable_thinking\":false}}: "
              + e.getOriginalMessage());
    }
    if (!(parsed instanceof Map<?, ?> fields)) {
      throw new IllegalArgumentException(
          "agentstream.model.extra-body must be a JSON object ({...}), not " + json.strip());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    for (Map.Entry<?, ?> field : fields.entrySet()) {
      String name = String.valueOf(field.getKey());
      if (OWN_FIELDS.containsKey(name)) {
        String instead = OWN_FIELDS.get(name);
        throw new IllegalArgumentException(
            "agentstream.model.extra-body cannot set '"
                + name
                + "': agentstream writes that field itself"
                + (instead.isEmpty() ? "" : " (set " + instead + ")"));
      }
      body.put(name, field.getValue());
    }
    return body;
  }
}
