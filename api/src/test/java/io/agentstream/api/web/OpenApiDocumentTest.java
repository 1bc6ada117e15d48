package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * docs/openapi.json is the document the app serves at {@code /v3/api-docs}: this test fails when
 * they drift. After changing the API, rewrite the file on purpose with
 *
 * <pre>
 * mvn -B -pl api -am verify -DskipITs -Dtest=OpenApiDocumentTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dagentstream.openapi.write=true
 * </pre>
 *
 * and review its diff like code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiDocumentTest {

  /** Set to {@code true} to write docs/openapi.json from the app instead of checking it. */
  static final String WRITE = "agentstream.openapi.write";

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  @Test
  void theCheckedInDocumentIsWhatTheAppServes() throws Exception {
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);
    JsonNode served = JSON.readTree(api.raw("/v3/api-docs"));
    Path file = repository().resolve("docs/openapi.json");
    if (Boolean.getBoolean(WRITE)) {
      Files.writeString(file, pretty(served));
      System.out.println("[openapi] wrote " + file);
      return;
    }
    String fix =
        "docs/openapi.json differs from /v3/api-docs; if the API change is intended, rewrite it"
            + " with -D"
            + WRITE
            + "=true (see this test's javadoc) and review the diff";
    assertThat(file).as(fix).exists();
    assertThat(JSON.readTree(file.toFile())).as(fix).isEqualTo(served);
    List<String> paths = new ArrayList<>();
    served.at("/paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .containsExactlyInAnyOrder(
            "/api/agents",
            "/api/runs",
            "/api/runs/{runId}",
            "/api/runs/{runId}/answers",
            "/api/runs/{runId}/cancel",
            "/api/runs/{runId}/events",
            "/api/runs/{runId}/finish-now",
            "/api/runs/{runId}/stream-token");
  }

  @Test
  void swaggerUiIsServedAtSwaggerUiHtml() throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/swagger-ui.html"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
  }

  /** Two-space indentation, {@code "key": value}, a final newline: what editors and jq write. */
  private static String pretty(JsonNode document) throws Exception {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    return JSON.writer(printer).writeValueAsString(document) + "\n";
  }

  /** The repository root: the parent of the api module, whatever directory the tests run in. */
  private static Path repository() {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    return Files.isDirectory(module.resolve("src")) ? module.getParent() : module;
  }
}
