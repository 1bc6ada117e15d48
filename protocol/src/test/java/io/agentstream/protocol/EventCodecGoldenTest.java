package io.agentstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The wire format, byte for byte: one fixture per event type under {@code golden/}. A new event
 * type without a fixture, or a change of the JSON an existing type produces, fails here.
 */
class EventCodecGoldenTest {

  private final EventCodec codec = EventCodec.json();

  @Test
  void everyPermittedPayloadTypeIsRegisteredAndHasAGoldenEvent() {
    assertThat(Arrays.stream(EventPayload.class.getPermittedSubclasses()).map(EventTypes::nameOf))
        .containsExactlyInAnyOrderElementsOf(EventTypes.all());
    assertThat(GoldenEvents.all().keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all());
  }

  @TestFactory
  Stream<DynamicTest> eachTypeIsWrittenExactlyAsItsFixture() {
    return GoldenEvents.all().entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> assertThat(codec.write(e.getValue())).isEqualTo(fixture(e.getKey()))));
  }

  @TestFactory
  Stream<DynamicTest> eachFixtureReadsBackToTheSameEvent() {
    return GoldenEvents.all().entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      RunEvent read = codec.read(fixture(e.getKey()));
                      assertThat(read.type()).isEqualTo(e.getKey());
                      assertThat(codec.write(read)).isEqualTo(fixture(e.getKey()));
                    }));
  }

  @Test
  void anEventWrittenWithoutItsSeqReadsBackWithTheSeqAStorePutsFirst() {
    RunEvent token = GoldenEvents.all().get("step.token");
    String stored =
        "{\"seq\":"
            + token.seq()
            + ","
            + codec
                .writeWithoutSeq(
                    new EventDraft(token.runId(), token.step(), token.attempt(), token.payload()),
                    token.ts())
                .substring(1);
    assertThat(codec.read(stored)).isEqualTo(token);
  }

  @TestFactory
  Stream<DynamicTest> aDraftRoundTripsThroughAPlainJacksonMapperLikeTemporalsDataConverter() {
    com.fasterxml.jackson.databind.ObjectMapper plain =
        new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
    return GoldenEvents.all().values().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.type(),
                    () -> {
                      EventDraft draft =
                          new EventDraft(e.runId(), e.step(), e.attempt(), e.payload());
                      EventDraft back =
                          plain.readValue(plain.writeValueAsString(draft), EventDraft.class);
                      assertThat(codec.write(RunEvent.of(back, e.seq(), e.ts())))
                          .isEqualTo(fixture(e.type()));
                    }));
  }

  @Test
  void unknownFieldsAreIgnoredSoNewerServersCanAddThem() {
    String json = fixture("step.token").replace("\"offset\":", "\"tokens\":3,\"offset\":");
    assertThat(codec.read(json)).isEqualTo(GoldenEvents.all().get("step.token"));
  }

  @Test
  void anUnknownTypeIsAClearError() {
    assertThatThrownBy(
            () ->
                codec.read(
                    "{\"runId\":\"r\",\"seq\":1,\"type\":\"step.teleported\",\"attempt\":0,\"ts\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step.teleported");
  }

  static String fixture(String type) {
    try (InputStream in =
        EventCodecGoldenTest.class.getResourceAsStream("/golden/" + type + ".json")) {
      assertThat(in).as("fixture golden/%s.json", type).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
