package io.agentstream.spring.config;

import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * What a process does ({@code agentstream.role}). The one place that decides whether a process
 * serves the API and whether it runs the worker; read before the context exists too (a worker's web
 * server is set up from it), hence {@link #of(Environment)}.
 */
public enum Role {
  /** API and worker in one process: the one-command mode. */
  ALL,
  /** HTTP only: the runs API, SSE and the page. */
  API,
  /**
   * The Temporal worker only; its one HTTP port serves the actuator endpoints (health, metrics) on
   * {@code management.server.port}, {@value #WORKER_MANAGEMENT_PORT} unless set.
   */
  WORKER;

  /** The default role, as written in configuration. */
  public static final String DEFAULT = "all";

  public static final String PROPERTY = "agentstream.role";

  /** The management port of a {@code worker} when {@code management.server.port} is not set. */
  public static final String WORKER_MANAGEMENT_PORT = "8081";

  /** True in the roles that serve the runs API, SSE and the page. */
  public boolean servesApi() {
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
