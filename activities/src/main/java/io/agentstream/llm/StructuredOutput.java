package io.agentstream.llm;

/**
 * How a step asks the model for data ({@link ModelStream#structured}): OpenAI-compatible servers do
 * not all take the same {@code response_format}, and a server that refuses the one sent fails every
 * structured step with HTTP 400.
 */
public enum StructuredOutput {
  /**
   * {@code response_format: json_schema} with {@code strict: true}: the server constrains the reply
   * to the schema (OpenAI's Structured Outputs; every property is required and no other is
   * allowed). The default.
   */
  STRICT_JSON_SCHEMA,

  /**
   * {@code response_format: json_schema} without {@code strict}: for servers that take a schema but
   * refuse or ignore strict mode.
   */
  JSON_SCHEMA,

  /**
   * {@code response_format: json_object}, with the schema in the system message: for servers that
   * only guarantee some JSON (DeepSeek's API, for one). The reply is still read against the schema,
   * and one that does not match fails the attempt for Temporal to retry.
   */
  JSON_OBJECT
}
