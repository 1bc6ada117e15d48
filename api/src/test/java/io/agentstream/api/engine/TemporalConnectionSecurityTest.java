package io.agentstream.api.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.AgentstreamApplication;
import io.grpc.Metadata;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's Temporal connection settings reach the client the app builds: a client certificate
 * and key from files (mTLS), or an API key (Temporal Cloud), through the Temporal Spring Boot
 * starter's {@code spring.temporal.connection.*}. The engine address is a closed port: the app
 * starts without reaching it (the client connects lazily), and what is checked is the connection it
 * would open.
 */
class TemporalConnectionSecurityTest {

  @TempDir Path dir;

  static ConfigurableApplicationContext apiNode(String... extra) throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String[] args =
        new String[] {
          "--agentstream.role=api",
          "--spring.temporal.connection.target=127.0.0.1:" + closed,
          "--server.address=127.0.0.1",
          "--server.port=0"
        };
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return new SpringApplicationBuilder(AgentstreamApplication.class).profiles("test").run(all);
  }

  @Test
  void aClientCertificateAndKeyFromFilesMakeTheConnectionMutualTls() throws Exception {
    Path[] pem = clientCertificate();
    try (ConfigurableApplicationContext app =
        apiNode(
            "--spring.temporal.connection.mtls.cert-chain-file=" + pem[0],
            "--spring.temporal.connection.mtls.key-file=" + pem[1])) {
      WorkflowServiceStubsOptions options = app.getBean(WorkflowServiceStubs.class).getOptions();

      assertThat(options.getSslContext()).isNotNull();
      assertThat(options.getSslContext().isClient()).isTrue();
      assertThat(options.getTarget()).startsWith("127.0.0.1:");
    }
  }

  @Test
  void anApiKeyIsSentAsABearerTokenOverTls() throws Exception {
    try (ConfigurableApplicationContext app =
        apiNode("--spring.temporal.connection.api-key=tc-key-123")) {
      WorkflowServiceStubsOptions options = app.getBean(WorkflowServiceStubs.class).getOptions();

      assertThat(options.getEnableHttps()).isTrue();
      Metadata sent = new Metadata();
      for (GrpcMetadataProvider provider : options.getGrpcMetadataProviders()) {
        sent.merge(provider.getMetadata());
      }
      assertThat(sent.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
          .isEqualTo("Bearer tc-key-123");
    }
  }

  @Test
  void withNeitherTheConnectionIsPlaintext() throws Exception {
    try (ConfigurableApplicationContext app = apiNode()) {
      WorkflowServiceStubsOptions options = app.getBean(WorkflowServiceStubs.class).getOptions();

      assertThat(options.getSslContext()).isNull();
      assertThat(options.getEnableHttps()).isFalse();
    }
  }

  /** A self-signed client certificate and its PKCS#8 key as PEM files, made with keytool. */
  Path[] clientCertificate() throws Exception {
    Path store = dir.resolve("client.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=agentstream-test-client",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) keys.getKey("client", "changeit".toCharArray());
    Certificate certificate = keys.getCertificate("client");
    Path cert = dir.resolve("client.pem");
    Path keyFile = dir.resolve("client.key");
    Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    return new Path[] {cert, keyFile};
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
