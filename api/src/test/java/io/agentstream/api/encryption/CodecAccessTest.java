package io.agentstream.api.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.spring.security.ApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The codec server reads every run's payloads, so with API keys only admins may call it; the
 * Temporal UI's origin (and no other) may call it from a browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CodecAccessTest {

  static final String ALICE = ApiKeys.newKey();
  static final String ROOT = ApiKeys.newKey();
  static final String UI = "http://localhost:8233";
  static final String BODY =
      "{\"payloads\":[{\"metadata\":{\"encoding\":\"anNvbi9wbGFpbg==\"},\"data\":\"MQ==\"}]}";

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add(
        "agentstream.security.api-keys",
        () -> ApiKeys.entryFor("alice", ALICE, false) + "," + ApiKeys.entryFor("root", ROOT, true));
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("agentstream.encryption.keys", () -> EncryptedHistoryTest.KEYS);
    registry.add("agentstream.encryption.codec-allowed-origins", () -> UI);
  }

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void onlyAdminsMayEncodeOrDecode() throws Exception {
    assertThat(post("/codec/decode", null).statusCode()).isEqualTo(401);
    assertThat(post("/codec/decode", ALICE).statusCode()).isEqualTo(403);
    HttpResponse<String> admin = post("/codec/encode", ROOT);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("\"payloads\"").doesNotContain("\"MQ==\"");
  }

  @Test
  void theTemporalUiOriginMayCallItFromABrowserAndNoOtherMay() throws Exception {
    assertThat(preflight(UI).headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    assertThat(
            preflight("https://elsewhere.example")
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .isEmpty();
  }

  private HttpResponse<String> post(String path, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/codec/decode"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
