package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team's app with a home page of its own, as the starter's users have: it starts, its {@code /}
 * is its own, and the live run page is still there for a run's address and its files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(PageGivesWayToTheAppsHomeTest.TeamHome.class)
class PageGivesWayToTheAppsHomeTest {

  @TestConfiguration
  @RestController
  static class TeamHome {
    @GetMapping("/")
    String home() {
      return "the team's own home page";
    }
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theAppsOwnHomePageWinsAndTheRunPageStaysAtARunsAddress() throws Exception {
    assertThat(get("/").body()).isEqualTo("the team's own home page");

    HttpResponse<String> runPage = get("/runs/run-abc");
    assertThat(runPage.statusCode()).isEqualTo(200);
    assertThat(runPage.body()).contains("<title>agentstream</title>", "/agentstream-page/app.js");
    assertThat(get("/agentstream-page/app.js").statusCode()).isEqualTo(200);
    assertThat(get("/agentstream-page/app.css").statusCode()).isEqualTo(200);
  }
}
