package io.agentstream.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.spring.security.ApiKeys;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OAuth2/OIDC bearer tokens alongside API keys: the identity provider is a JWK set served by a real
 * local HTTP server, and its tokens are signed by a key this test generates. A valid token is a
 * caller named by its subject who sees only its own runs, a role claim makes an admin, and an
 * expired token or one signed by another key is a 401 problem. No {@code server.address} is set:
 * JWTs count as configured authentication, so anonymous callers are refused even on loopback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityJwtTest {

  static final String TRIP =
      "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}";
  static final String BOB_KEY = ApiKeys.newKey();
  static final RSAKey IDP = newKey("idp");
  static final RSAKey STRANGER = newKey("idp");
  static final HttpServer JWKS = serve(new JWKSet(IDP.toPublicJWK()));

  @DynamicPropertySource
  static void jwt(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
        () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
    registry.add("agentstream.security.api-keys", () -> ApiKeys.entryFor("bob", BOB_KEY, false));
  }

  @AfterAll
  static void stopIdp() {
    JWKS.stop(0);
  }

  @LocalServerPort int port;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  @Test
  void aValidTokenIsItsSubjectAndSeesOnlyItsOwnRuns() throws Exception {
    Map<String, String> alice = bearer(token(IDP, "alice", List.of(), 300));
    Map<String, String> carol = bearer(token(IDP, "carol", List.of("user"), 300));
    String run = (String) api.post("/api/runs", TRIP, alice).body().get("runId");
    assertThat(run).isNotNull();
    assertThat(api.get("/api/runs/" + run, alice).status()).isEqualTo(200);
    assertThat(api.get("/api/runs/" + run, carol).status()).isEqualTo(404);
    assertThat(api.get("/api/runs/" + run, bearer(BOB_KEY)).status()).isEqualTo(404);
    assertThat(runIds(alice)).contains(run);
    assertThat(runIds(carol)).doesNotContain(run);

    // A stream token works for a JWT caller like for a key holder.
    String streamToken =
        (String) api.post("/api/runs/" + run + "/stream-token", "{}", alice).body().get("token");
    assertThat(
            sse.read(api.uri("/api/runs/" + run + "/events?token=" + streamToken), null, e -> true)
                .status())
        .isEqualTo(200);

    Map<String, String> admin = bearer(token(IDP, "ops", List.of("admin"), 300));
    assertThat(api.get("/api/runs/" + run, admin).status()).isEqualTo(200);
    assertThat(api.post("/api/runs/" + run + "/cancel", null, alice).status()).isEqualTo(202);
  }

  @Test
  void anExpiredTokenOrOneSignedByAnotherKeyIs401WithAProblemBody() throws Exception {
    for (String token :
        List.of(token(IDP, "alice", List.of(), -60), token(STRANGER, "alice", List.of(), 300))) {
      ApiClient.Response r = api.get("/api/runs", bearer(token));
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.body()).containsEntry("status", 401).containsKeys("type", "title", "detail");
      assertThat(r.body().get("detail").toString())
          .contains("not valid")
          .doesNotContain("Exception");
    }
    ApiClient.Response expired = api.get("/api/runs", bearer(token(IDP, "a", List.of(), -60)));
    assertThat(expired.body().get("detail").toString()).containsIgnoringCase("expired");
  }

  @Test
  void keysStillWorkAndAnonymousIsRefusedEvenOnLoopback() throws Exception {
    assertThat(api.get("/api/runs", bearer(BOB_KEY)).status()).isEqualTo(200);
    assertThat(api.get("/api/runs", bearer("ask_wrong")).status()).isEqualTo(401);
    assertThat(api.get("/api/runs").status()).isEqualTo(401);
  }

  @SuppressWarnings("unchecked")
  List<Object> runIds(Map<String, String> auth) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                    .header("Authorization", auth.get("Authorization"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    List<Map<String, Object>> runs =
        new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.body(), List.class);
    return runs.stream().map(m -> m.get("runId")).toList();
  }

  static Map<String, String> bearer(String credential) {
    return Map.of("Authorization", "Bearer " + credential);
  }

  static String token(RSAKey key, String subject, List<String> roles, long validSeconds)
      throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issueTime(Date.from(now.minusSeconds(120)))
            .expirationTime(Date.from(now.plusSeconds(validSeconds)))
            .claim("roles", roles)
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  static RSAKey newKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpServer serve(JWKSet keys) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/jwks",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return server;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
