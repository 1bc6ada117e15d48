package io.agentstream.api.engine;

import io.agentstream.spring.worker.SearchAttributeRegistration;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server as a real-time engine on a loopback port: the no-Docker stand-in for
 * {@code temporal server start-dev}. Its state lives in memory only. The stock launcher binds every
 * interface; this one binds 127.0.0.1 and registers agentstream's search attributes.
 */
public final class TemporalEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TemporalEngine.class);
  public static final String NAMESPACE = "default";

  private final TestServicesStarter services;
  private final Server server;

  private TemporalEngine(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /** Starts the engine on 127.0.0.1:{@code port} (0 = any free port), with time skipping off. */
  public static TemporalEngine start(int port) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    for (BindableService service : services.getServices()) {
      builder.addService(service);
    }
    HealthStatusManager health = new HealthStatusManager();
    builder.addService(health.getHealthService());
    try {
      Server server = builder.build().start();
      health.setStatus(
          "temporal.api.workflowservice.v1.WorkflowService",
          io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
      health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
      TemporalEngine engine = new TemporalEngine(services, server);
      engine.registerSearchAttributes();
      log.info("Temporal engine (in-memory test server) listening on {}", engine.address());
      return engine;
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("cannot start the Temporal engine on 127.0.0.1:" + port, e);
    }
  }

  /** {@code 127.0.0.1:port}, the value for TEMPORAL_ADDRESS. */
  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Registers agentstream's search attributes the way ops would on any server: through its API. */
  private void registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address())
                .validateAndBuildWithDefaults());
    try {
      SearchAttributeRegistration.register(operator, NAMESPACE);
    } finally {
      operator.shutdownNow();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutdownNow();
    services.close();
  }
}
