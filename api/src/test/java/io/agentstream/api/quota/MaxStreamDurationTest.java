package io.agentstream.api.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code agentstream.sse.max-duration}: the server ends a stream cleanly when it has been open that
 * long, even while the run waits for answers, and a client that reconnects with {@code
 * Last-Event-ID} continues with the very next event (no snapshot, nothing missing).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "agentstream.sse.max-duration=1s")
class MaxStreamDurationTest {

  static final String TRIP =
      "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}";

  @LocalServerPort int port;
  final SseClient sse = new SseClient();

  @Test
  void theServerEndsALongStreamAndAResumingClientLosesNothing() throws Exception {
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);
    String run = (String) api.post("/api/runs", TRIP).body().get("runId");
    List<SseClient.Received> first = new ArrayList<>();
    SseClient.Outcome ended =
        sse.read(api.uri("/api/runs/" + run + "/events"), null, e -> !first.add(e));
    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.endedByServer()).isTrue();
    assertThat(first).isNotEmpty();
    String lastId = first.get(first.size() - 1).id();

    assertThat(api.post("/api/runs/" + run + "/cancel", null).status()).isEqualTo(202);
    List<SseClient.Received> resumed = new ArrayList<>();
    sse.read(
        api.uri("/api/runs/" + run + "/events"),
        lastId,
        e -> {
          resumed.add(e);
          return e.name().equals("run.cancelled");
        });
    assertThat(resumed).isNotEmpty();
    assertThat(resumed.get(0).name()).isNotEqualTo("snapshot");
    assertThat(Long.parseLong(resumed.get(0).id())).isEqualTo(Long.parseLong(lastId) + 1);
    for (int i = 1; i < resumed.size(); i++) {
      assertThat(Long.parseLong(resumed.get(i).id()))
          .isEqualTo(Long.parseLong(resumed.get(i - 1).id()) + 1);
    }
    assertThat(resumed.get(resumed.size() - 1).name()).isEqualTo("run.cancelled");
  }
}
