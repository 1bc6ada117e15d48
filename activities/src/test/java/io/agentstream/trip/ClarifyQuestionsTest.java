package io.agentstream.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstream.protocol.Question;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

/** The clarify step's reply is read as JSON of its schema, or the attempt fails retryably. */
class ClarifyQuestionsTest {

  @Test
  void aReplyOfTheSchemaBecomesQuestions() {
    assertThat(
            ClarifyQuestions.parse(
                "{\"questions\":[{\"id\":\"travelers\",\"text\":\"How many?\",\"default\":\"2 adults\"},"
                    + "{\"id\":\"\",\"text\":\"no id\",\"default\":\"x\"}]}"))
        .containsExactly(new Question("travelers", "How many?", "2 adults"));
  }

  @Test
  void textAroundJsonIsNotCutAwayButAFailureTemporalRetries() {
    assertThatThrownBy(
            () ->
                ClarifyQuestions.parse(
                    "Sure! {\"questions\":[{\"id\":\"a\",\"text\":\"b\",\"default\":\"c\"}]}"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(ModelPlaceSuggestions.NOT_MATCHING);
              assertThat(f.isNonRetryable()).isFalse();
            });
    assertThatThrownBy(() -> ClarifyQuestions.parse("{\"answers\":[]}"))
        .isInstanceOf(ApplicationFailure.class);
  }
}
