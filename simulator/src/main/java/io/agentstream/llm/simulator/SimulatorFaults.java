package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults armed for upcoming requests. Each matching request consumes one use, so a test can say
 * "fail the next two plan calls" and then observe the third succeed.
 */
public final class SimulatorFaults {

  private final List<ArmedFault> armed = new ArrayList<>();

  /**
   * Arms {@code fault} for the next {@code times} requests of {@code task}.
   *
   * @param task task name as given on the {@code Task:} line, or {@code null} for any task
   * @param fault what to do to those requests
   * @param times how many requests to affect; must be positive
   */
  public synchronized void inject(String task, SimulatorFault fault, int times) {
    Objects.requireNonNull(fault, "fault");
    if (times <= 0) {
      throw new IllegalArgumentException("times must be positive, was " + times);
    }
    armed.add(new ArmedFault(task, fault, times));
  }

  /** Disarms everything not yet consumed. */
  public synchronized void clear() {
    armed.clear();
  }

  /** How many more requests will be affected by armed faults, over all tasks. */
  public synchronized int pending() {
    return armed.stream().mapToInt(ArmedFault::remaining).sum();
  }

  /** Consumes the oldest armed fault that applies to {@code task}, if any. */
  synchronized Optional<SimulatorFault> consumeFor(String task) {
    for (int i = 0; i < armed.size(); i++) {
      ArmedFault candidate = armed.get(i);
      if (candidate.appliesTo(task)) {
        if (candidate.remaining() > 1) {
          armed.set(i, candidate.afterOneUse());
        } else {
          armed.remove(i);
        }
        return Optional.of(candidate.fault());
      }
    }
    return Optional.empty();
  }

  private record ArmedFault(String task, SimulatorFault fault, int remaining) {

    boolean appliesTo(String requestTask) {
      return task == null || task.equals(requestTask);
    }

    ArmedFault afterOneUse() {
      return new ArmedFault(task, fault, remaining - 1);
    }
  }
}
