package io.agentstream.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one-command app's own settings, under {@code agentstream.*} beside the starter's: they tune
 * what only this app has (the embedded engine, the built-in agents, the simulator), so a team's app
 * on the starter never sees them.
 *
 * @param engine the embedded Temporal engine used when no TEMPORAL_ADDRESS is set
 * @param trip trip planner tunables
 * @param simulator the built-in simulated model, used when no model key is set
 */
@ConfigurationProperties("agentstream")
public record AppProperties(
    @DefaultValue Engine engine, @DefaultValue Trip trip, @DefaultValue Simulator simulator) {

  /**
   * @param port loopback port of the embedded engine (0 picks a free one)
   */
  public record Engine(@DefaultValue(Engine.DEFAULT_PORT) int port) {
    /**
     * The port {@code temporal server start-dev} uses too, so tools find the engine where they
     * expect it.
     */
    public static final String DEFAULT_PORT = "7233";
  }

  /**
   * @param answerTimeout how long a run waits for answers before using the stated defaults
   * @param placesPerCategory restaurants and attractions to recommend
   */
  public record Trip(
      @DefaultValue("24h") Duration answerTimeout, @DefaultValue("4") int placesPerCategory) {}

  /**
   * @param tokensPerSecond pace of the simulated model per stream (0 = as fast as possible)
   * @param port loopback port of the simulator (0 = any free port)
   */
  public record Simulator(
      @DefaultValue("40") double tokensPerSecond, @DefaultValue("0") int port) {}
}
