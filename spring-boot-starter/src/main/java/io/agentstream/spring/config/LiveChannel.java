package io.agentstream.spring.config;

import java.util.Locale;
import org.springframework.core.env.Environment;

/** Which live channel carries the deltas ({@code agentstream.stream}). */
public enum LiveChannel {
  /** In this JVM: the one-command mode, where the API and the worker share a process. */
  MEMORY,
  /** Shared by every API node and worker through Redis ({@code spring.data.redis.*}). */
  REDIS;

  /** The default, as written in configuration. */
  public static final String DEFAULT = "memory";

  public static final String PROPERTY = "agentstream.stream";

  /**
   * The live channel configured in {@code env}.
   *
   * @throws IllegalStateException naming the allowed values when the setting is not one of them
   */
  public static LiveChannel of(Environment env) {
    return EnumSetting.read(env, PROPERTY, DEFAULT, LiveChannel.class);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
