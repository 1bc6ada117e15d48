package io.agentstream.api.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP calls to a running agentstream, as any client would make them. */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ApiClient(String base) {
    this.base = base;
  }

  /** A response: status, headers of interest and the parsed JSON body (empty when none). */
  public record Response(
      int status, String location, String contentType, Map<String, Object> body) {}

  public Response post(String path, String json) throws IOException, InterruptedException {
    return post(path, json, Map.of());
  }

  public Response post(String path, String json, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return send(request.build());
  }

  public Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  public Response get(String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    headers.forEach(request::header);
    return send(request.build());
  }

  public URI uri(String path) {
    return URI.create(base + path);
  }

  private Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    String body = response.body();
    Map<String, Object> parsed =
        body == null || body.isBlank() || !body.trim().startsWith("{")
            ? Map.of()
            : JSON.readValue(body, new TypeReference<>() {});
    return new Response(
        response.statusCode(),
        response.headers().firstValue("Location").orElse(null),
        response.headers().firstValue("Content-Type").orElse(null),
        parsed);
  }

  public String raw(String path) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
