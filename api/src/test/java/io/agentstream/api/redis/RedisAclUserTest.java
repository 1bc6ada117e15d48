package io.agentstream.api.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.AgentstreamApplication;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.protocol.RunStatus;
import io.agentstream.stream.RequiresRedis;
import io.agentstream.stream.TestRedis;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app reaches Redis as Spring Boot's {@code spring.data.redis.*} say, here as an ACL user of a
 * real Redis who may touch only {@code agentstream:*} keys: a run streams through the live channel
 * and the quotas, and every connection of the app is that user's.
 */
@RequiresRedis
class RedisAclUserTest {

  static final String USER = "agentstream-acl-" + UUID.randomUUID().toString().substring(0, 8);
  static final String PASSWORD = UUID.randomUUID().toString();

  static RedisClient admin;
  static StatefulRedisConnection<String, String> adminConnection;
  static ConfigurableApplicationContext app;
  static ApiClient api;

  @BeforeAll
  static void startAsAnAclUser() {
    admin = RedisClient.create(TestRedis.url());
    adminConnection = admin.connect();
    adminConnection
        .sync()
        .aclSetuser(
            USER,
            AclSetuserArgs.Builder.on()
                .addPassword(PASSWORD)
                .keyPattern("agentstream:*")
                .allChannels()
                .allCommands());
    app =
        new SpringApplicationBuilder(AgentstreamApplication.class)
            .profiles("test")
            .run(
                "--agentstream.stream=redis",
                "--spring.data.redis.host=" + TestRedis.host(),
                "--spring.data.redis.port=" + TestRedis.port(),
                "--spring.data.redis.username=" + USER,
                "--spring.data.redis.password=" + PASSWORD,
                "--server.address=127.0.0.1",
                "--server.port=0");
    api =
        new ApiClient(
            "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (adminConnection != null) {
      adminConnection.sync().aclDeluser(USER);
      adminConnection.close();
    }
    if (admin != null) {
      admin.shutdown();
    }
  }

  @Test
  void aRunStreamsThroughRedisAsTheConfiguredAclUser() throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            "{\"agent\":\"question-answer\",\"input\":{\"question\":\"Why is the sea salty?\"}}");
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");
    StreamedRun view = new StreamedRun();
    new SseClient()
        .read(
            api.uri("/api/runs/" + runId + "/events"),
            null,
            e -> {
              view.apply(e.event());
              return false;
            });

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.step("answer").streamedText()).isNotEmpty();
    // The run's events are in Redis, and every connection named by the app is the ACL user's.
    assertThat(adminConnection.sync().keys("agentstream:run:{" + runId + "}*")).isNotEmpty();
    String clients = adminConnection.sync().clientList();
    assertThat(clients).contains("user=" + USER);
    clients
        .lines()
        .filter(line -> line.contains("name=agentstream"))
        .forEach(line -> assertThat(line).contains("user=" + USER));
  }
}
