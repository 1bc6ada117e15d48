package io.agentstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java reducer against the recorded streams under {@code sequences/}, the same files the
 * JavaScript reducer's tests ({@code clients/js/test}) apply: each event's outcome and the final
 * state must be exactly what the file says.
 */
class RecordedSequencesTest {

  private static final Path SEQUENCES = Path.of("src/test/resources/sequences");
  private final EventCodec codec = EventCodec.json();
  private final ObjectMapper json = codec.mapper();

  @Test
  void everyRequiredKindOfStreamIsRecorded() throws IOException {
    assertThat(files())
        .as("recorded sequences in %s", SEQUENCES.toAbsolutePath())
        .hasSizeGreaterThanOrEqualTo(9);
  }

  @TestFactory
  Stream<DynamicTest> theReducerGivesEachRecordedOutcomeAndFinalState() throws IOException {
    return files().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      JsonNode sequence = json.readTree(file.toFile());
                      RunView view = new RunView();
                      JsonNode events = sequence.get("events");
                      JsonNode outcomes = sequence.get("outcomes");
                      assertThat(outcomes.size())
                          .as("one outcome per event")
                          .isEqualTo(events.size());
                      for (int i = 0; i < events.size(); i++) {
                        RunEvent event =
                            codec.read(json.writeValueAsString(events.get(i).get("data")));
                        RunView.Outcome outcome = view.apply(event);
                        assertThat(outcome.name().toLowerCase(Locale.ROOT))
                            .as("event %d (%s, seq %d)", i, event.type(), event.seq())
                            .isEqualTo(outcomes.get(i).asText());
                      }
                      assertThat(project(view)).isEqualTo(sequence.get("state"));
                    }));
  }

  /**
   * The fields the fixtures pin: status, result, error, and per step id, status, attempt, text,
   * items, and reasoning and tool calls where there are any; the run's and each step's usage where
   * there is some, and the stop reason where there is one.
   */
  private JsonNode project(RunView view) {
    ObjectNode state = json.createObjectNode();
    state.put("status", view.status() == null ? null : view.status().name());
    ArrayNode steps = state.putArray("steps");
    for (StepView step : view.steps()) {
      ObjectNode s = steps.addObject();
      s.put("id", step.id());
      s.put("status", step.status().name());
      s.put("attempt", step.attempt());
      s.put("text", step.text());
      s.set("items", json.valueToTree(step.items()));
      // Only where a step has some, so the sequences recorded before tool calls stay as they are.
      // Reasoning only where a step has some: most sequences come from models that do not reason.
      if (!step.reasoning().isEmpty()) {
        s.put("reasoning", step.reasoning());
      }
      if (!step.toolCalls().isEmpty()) {
        s.set("toolCalls", json.valueToTree(step.toolCalls()));
      }
      // Likewise usage, which the sequences recorded before it was reported do not have.
      if (!step.usage().isNone()) {
        s.set("usage", asRead(step.usage()));
      }
    }
    state.set("result", json.valueToTree(view.result()));
    state.put("error", view.error());
    if (!view.usage().isNone()) {
      state.set("usage", asRead(view.usage()));
    }
    if (view.stopReason() != null) {
      state.put("stopReason", view.stopReason().name());
    }
    return state;
  }

  /** As the fixture's parser reads it: small counts as ints, as in the file. */
  private JsonNode asRead(TokenUsage usage) {
    try {
      return json.readTree(json.writeValueAsString(usage));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files() throws IOException {
    if (!Files.isDirectory(SEQUENCES)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(SEQUENCES)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }
}
