package io.agentstream.api.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.protocol.RunStatus;
import io.agentstream.spring.encryption.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * With {@code agentstream.encryption.keys} set, a whole run (submission, answers, checkpoints,
 * result) leaves nothing readable in Temporal's history, fetched raw through the gRPC API; the
 * codec endpoints turn it back into what was sent.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "agentstream.encryption.keys=" + EncryptedHistoryTest.KEYS)
@ActiveProfiles("test")
class EncryptedHistoryTest {

  static final String KEYS = "current:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST = "Plan a 5-day trip to Hawaii for the Zyxwvut family";
  private static final String ANSWER = "Quixotic-travelers-42";

  @LocalServerPort int port;
  @Autowired WorkflowClient workflows;
  final SseClient sse = new SseClient();
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Timeout(300)
  @SuppressWarnings("unchecked")
  void aRunLeavesNoInputAnswerOrOutputReadableInHistory() throws Exception {
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);
    ApiClient.Response created =
        api.post(
            "/api/runs",
            "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"" + REQUEST + "\"}}");
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");

    StreamedRun view = new StreamedRun();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (StreamedRun.asksQuestions(e.event())) {
            answerAll(api, runId, e.data());
          }
          return false;
        });
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    Map<String, Object> result = (Map<String, Object>) view.result();
    String itinerary = (String) result.get("itinerary");
    assertThat(itinerary).contains("Day 5");

    List<HistoryEvent> events = history(runId);
    String raw = raw(events);
    assertThat(raw).doesNotContain("Zyxwvut").doesNotContain(ANSWER);
    assertThat(raw).doesNotContain(itinerary.substring(0, 40)).doesNotContain("Day 5");
    assertThat(raw).contains(AesGcmPayloadCodec.ENCODING);

    // The codec endpoint decodes the run's input back, and encode/decode round-trip.
    Payload input =
        events.get(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    Map<String, Object> decoded = codec("/codec/decode", List.of(input)).get(0);
    String text = new String(Base64.getDecoder().decode((String) decoded.get("data")));
    assertThat(text).contains(REQUEST);

    Payload plain =
        Payload.newBuilder()
            .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
            .setData(com.google.protobuf.ByteString.copyFromUtf8("\"hello\""))
            .build();
    Map<String, Object> encoded = codec("/codec/encode", List.of(plain)).get(0);
    assertThat((String) encoded.get("data")).doesNotContain(b64("\"hello\""));
    assertThat((Map<String, String>) encoded.get("metadata"))
        .containsEntry(AesGcmPayloadCodec.KEY_ID, b64("current"));
    List<Map<String, Object>> back = codec("/codec/decode", List.of(toProto(encoded)));
    assertThat(back.get(0))
        .isEqualTo(
            Map.of("metadata", Map.of("encoding", b64("json/plain")), "data", b64("\"hello\"")));
  }

  private List<Map<String, Object>> codec(String path, List<Payload> payloads) throws Exception {
    List<Map<String, Object>> json =
        payloads.stream()
            .map(
                p ->
                    Map.<String, Object>of(
                        "metadata",
                        p.getMetadataMap().entrySet().stream()
                            .collect(
                                java.util.stream.Collectors.toMap(
                                    Map.Entry::getKey, e -> b64(e.getValue().toByteArray()))),
                        "data",
                        b64(p.getData().toByteArray())))
            .toList();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-Namespace", "default")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("payloads", json))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, List<Map<String, Object>>> body =
        JSON.readValue(response.body(), new TypeReference<>() {});
    return body.get("payloads");
  }

  @SuppressWarnings("unchecked")
  private static Payload toProto(Map<String, Object> json) {
    Payload.Builder p = Payload.newBuilder();
    ((Map<String, String>) json.get("metadata"))
        .forEach(
            (k, v) ->
                p.putMetadata(
                    k, com.google.protobuf.ByteString.copyFrom(Base64.getDecoder().decode(v))));
    return p.setData(
            com.google.protobuf.ByteString.copyFrom(
                Base64.getDecoder().decode((String) json.get("data"))))
        .build();
  }

  private static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private List<HistoryEvent> history(String runId) {
    return workflows
        .getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(workflows.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                .build())
        .getHistory()
        .getEventsList();
  }

  private static String raw(List<HistoryEvent> events) {
    StringBuilder bytes = new StringBuilder();
    events.forEach(e -> bytes.append(new String(e.toByteArray(), StandardCharsets.ISO_8859_1)));
    return bytes.toString();
  }

  @SuppressWarnings("unchecked")
  private static void answerAll(ApiClient api, String runId, Map<String, Object> event) {
    Map<String, Object> source =
        event.containsKey("snapshot") ? (Map<String, Object>) event.get("snapshot") : event;
    StringBuilder json = new StringBuilder("{\"answers\":{");
    List<Map<String, Object>> questions = (List<Map<String, Object>>) source.get("questions");
    for (int i = 0; i < questions.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append('"')
          .append(questions.get(i).get("id"))
          .append("\":\"")
          .append(ANSWER)
          .append('"');
    }
    json.append("}}");
    try {
      assertThat(api.post("/api/runs/" + runId + "/answers", json.toString()).status())
          .isEqualTo(200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
