package io.agentstream.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstream.api.AgentstreamApplication;
import io.agentstream.api.client.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

/**
 * No keys: the app binds loopback by itself and serves anonymous callers there, refuses to start on
 * a non-loopback address, and a cross-site form or text/plain post starts nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityLoopbackTest {

  @LocalServerPort int port;
  @Autowired Environment env;

  @Test
  void withoutKeysTheAppBindsLoopbackAndServesAnonymousCallers() throws Exception {
    assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);
    ApiClient.Response created =
        api.post("/api/runs", "{\"agent\":\"question-answer\",\"input\":{\"question\":\"Why?\"}}");
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");
    assertThat(api.get("/api/runs/" + runId).status()).isEqualTo(200);
    assertThat(api.post("/api/runs/" + runId + "/stream-token", "{}").status()).isEqualTo(200);
  }

  @Test
  void aCrossSitePostThatIsNotJsonStartsNothing() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int before = recentRuns(http);
    for (String type :
        List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                  .header("Content-Type", type)
                  .header("Origin", "https://evil.example")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"agent\":\"question-answer\",\"input\":{\"question\":\"Why?\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(type).isEqualTo(415);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(r.body()).contains("application/json");
    }
    HttpResponse<String> bodyless =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs/x/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bodyless.statusCode()).isEqualTo(415);
    assertThat(recentRuns(http)).isEqualTo(before);
  }

  @Test
  void refusesToStartOnANonLoopbackAddressWithoutKeys() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(AgentstreamApplication.class)
                    .profiles("test")
                    .properties("server.address=0.0.0.0", "server.port=0")
                    .run()
                    .close())
        .hasMessageContaining("agentstream.security.api-keys")
        .hasMessageContaining("server.address=0.0.0.0");
  }

  private int recentRuns(HttpClient http) throws Exception {
    String body =
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/runs?limit=200"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return body.split("\"runId\"", -1).length - 1;
  }
}
