package io.agentstream.research;

import io.agentstream.protocol.Question;
import io.agentstream.protocol.TokenUsage;
import java.util.List;

/** The clarifying questions the model found the research question leaves open (possibly none). */
public record ResearchQuestions(List<Question> questions, TokenUsage usage) {
  public ResearchQuestions {
    questions = questions == null ? List.of() : List.copyOf(questions);
    usage = TokenUsage.orNone(usage);
  }

  /** A result that reports no token usage. */
  public ResearchQuestions(List<Question> questions) {
    this(questions, TokenUsage.NONE);
  }
}
