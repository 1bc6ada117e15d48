package io.agentstream.run;

import io.agentstream.protocol.Question;
import java.util.Map;

/** Answers to clarifying questions, keyed by {@link Question#id()}. */
public record Answers(Map<String, String> answers) {
  public Answers {
    answers = answers == null ? Map.of() : Map.copyOf(answers);
  }
}
