package io.agentstream.research;

import io.agentstream.protocol.Question;
import java.util.List;

/** The clarifying questions the model found the research question leaves open (possibly none). */
public record ResearchQuestions(List<Question> questions) {
  public ResearchQuestions {
    questions = questions == null ? List.of() : List.copyOf(questions);
  }
}
