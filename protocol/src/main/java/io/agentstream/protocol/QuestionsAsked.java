package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** The agent waits for answers; each question's default applies after {@code timeoutSeconds}. */
@JsonTypeName("questions")
public record QuestionsAsked(List<Question> questions, long timeoutSeconds)
    implements EventPayload {

  public QuestionsAsked {
    questions = List.copyOf(questions);
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.questions(this);
  }
}
