package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedPromptTest {

  @Test
  void readsTaskFromFirstLineOfFirstSystemMessage() {
    SimulatedPrompt prompt =
        SimulatedPrompt.of(
            List.of(
                new ChatTurn("system", "Task: Rank-Place\nBe brief."),
                new ChatTurn("system", "Task: plan"),
                new ChatTurn("user", "Place: X")));

    assertThat(prompt.task()).isEqualTo("rank-place");
    assertThat(prompt.material()).isEqualTo("Place: X");
    assertThat(prompt.isContinuation()).isFalse();
  }

  @Test
  void taskOnALaterLineDoesNotCount() {
    assertThat(SimulatedPrompt.of(List.of(new ChatTurn("system", "Be brief.\nTask: plan"))).task())
        .isNull();
  }

  @Test
  void assistantMessagesAfterTheFirstUserMessageAreThePartialReply() {
    SimulatedPrompt prompt =
        SimulatedPrompt.of(
            List.of(
                new ChatTurn("system", "Task: answer"),
                new ChatTurn("user", "Why?"),
                new ChatTurn("assistant", "Because "),
                new ChatTurn("user", "Continue exactly where you stopped."),
                new ChatTurn("assistant", "it is.")));

    assertThat(prompt.partialReply()).isEqualTo("Because it is.");
  }
}
