package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP surface besides streaming: admin endpoints for other processes, model list,
 * non-streaming calls.
 */
class OpenAiSimulatorAdminTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static OpenAiSimulator simulator;
  private static SimulatorClient client;
  private static HttpClient http;

  @BeforeAll
  static void startSimulator() {
    simulator = OpenAiSimulator.start(SimulatorSettings.defaults().withTokensPerSecond(0));
    client = new SimulatorClient(simulator);
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void resetSimulator() {
    simulator.faults().clear();
    simulator.stats().reset();
  }

  @Test
  void baseUrlIsLoopbackWithTheV1Prefix() {
    assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v1");
    assertThat(simulator.adminUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/admin");
  }

  @Test
  void faultArmedOverHttpHitsTheNextRequestOfItsTask() throws Exception {
    HttpResponse<String> armed =
        send("POST", "/admin/faults", "{\"task\":\"plan\",\"fault\":\"RATE_LIMIT\",\"times\":1}");

    assertThat(armed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(armed.body()).path("pending").asInt()).isEqualTo(1);
    assertThat(client.stream("answer", "Any tips?").error()).isNull();
    assertThat(client.stream("plan", TravelMaterial.HAWAII_PLAN_REQUEST).error())
        .isInstanceOf(RateLimitException.class);
    assertThat(simulator.faults().pending()).isZero();
  }

  @Test
  void cutFaultArmedOverHttpBreaksTheStreamAfterTheGivenTokens() throws Exception {
    send(
        "POST",
        "/admin/faults",
        "{\"task\":null,\"fault\":\"CUT_AFTER\",\"tokens\":4,\"times\":1}");

    StreamCollector cut = client.stream("answer", "Any tips?");

    assertThat(cut.error()).isNotNull();
    assertThat(cut.arrivals()).hasSize(4);
  }

  @Test
  void faultsCanBeClearedOverHttp() throws Exception {
    send("POST", "/admin/faults", "{\"fault\":\"SERVER_ERROR\",\"times\":3}");

    HttpResponse<String> cleared = send("DELETE", "/admin/faults", null);

    assertThat(JSON.readTree(cleared.body()).path("pending").asInt()).isZero();
    assertThat(client.stream("answer", "Any tips?").error()).isNull();
  }

  @Test
  void unknownFaultIsRejectedWithBadRequest() throws Exception {
    HttpResponse<String> response = send("POST", "/admin/faults", "{\"fault\":\"METEOR_STRIKE\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("METEOR_STRIKE");
    assertThat(simulator.faults().pending()).isZero();
  }

  @Test
  void statsAreServedAsJsonAndCanBeReset() throws Exception {
    String full = client.fullText("plan", TravelMaterial.HAWAII_PLAN_REQUEST);
    client.stream(
        SimulatorClient.continuation(
            "plan", TravelMaterial.HAWAII_PLAN_REQUEST, full.substring(0, 10)),
        new StreamCollector());

    JsonNode stats = JSON.readTree(send("GET", "/admin/stats", null).body());

    assertThat(stats.path("requests").path("plan").asLong()).isEqualTo(2);
    assertThat(stats.path("completedStreams").path("plan").asLong()).isEqualTo(2);
    assertThat(stats.path("continuations").path("plan").asLong()).isEqualTo(1);
    assertThat(stats.path("tokensEmitted").path("plan").asLong())
        .isEqualTo(
            SimulatedTokenizer.tokenize(full).size()
                + SimulatedTokenizer.tokenize(full.substring(10)).size());
    send("DELETE", "/admin/stats", null);
    assertThat(simulator.stats().snapshot().totalRequests()).isZero();
  }

  @Test
  void modelListNamesTheSimulator() throws Exception {
    HttpResponse<String> models = send("GET", "/v1/models", null);

    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(models.body()).path("data").get(0).path("id").asText())
        .isEqualTo("agentstream-simulator");
  }

  @Test
  void nonStreamingRequestGetsTheSameTextInOneCompletion() throws Exception {
    OpenAiChatModel blocking =
        OpenAiChatModel.builder()
            .baseUrl(simulator.baseUrl())
            .apiKey("sim")
            .modelName("agentstream-simulator")
            .maxRetries(0)
            .build();

    String text =
        blocking
            .chat(SimulatorClient.messages("answer", "Is Hawaii expensive?"))
            .aiMessage()
            .text();

    assertThat(text).isEqualTo(client.fullText("answer", "Is Hawaii expensive?"));
  }

  @Test
  void malformedRequestBodyGetsAnOpenAiStyleBadRequest() throws Exception {
    HttpResponse<String> response = send("POST", "/v1/chat/completions", "{not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("error").path("type").asText())
        .isEqualTo("invalid_request_error");
  }

  @Test
  void chatCompletionsIsAlsoServedWithoutTheV1Prefix() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/chat/completions",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("object").asText()).isEqualTo("chat.completion");
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    String root = simulator.baseUrl().substring(0, simulator.baseUrl().length() - "/v1".length());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(root + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
