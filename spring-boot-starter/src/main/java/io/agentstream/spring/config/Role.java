package io.agentstream.spring.config;

import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * What a process does ({@code agentstream.role}). The one place that decides whether a process
 * serves HTTP and whether it runs the worker; read before the context exists too (the web
 * application type is chosen from it), hence {@link #of(Environment)}.
 */
public enum Role {
  /** API and worker in one process: the one-command mode. */
  ALL,
  /** HTTP only: the runs API, SSE and the page. */
  API,
  /** The Temporal worker only; serves no HTTP. */
  WORKER;

  /** The default role, as written in configuration. */
  public static final String DEFAULT = "all";

  public static final String PROPERTY = "agentstream.role";

  public boolean servesHttp() {
    return this != WORKER;
  }

  public boolean runsWorker() {
    return this != API;
  }

  /**
   * The role configured in {@code env}.
   *
   * @throws IllegalStateException naming the allowed values when the setting is not one of them
   */
  public static Role of(Environment env) {
    return EnumSetting.read(env, PROPERTY, DEFAULT, Role.class);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
