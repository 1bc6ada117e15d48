package io.agentstream.spring.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Key rotation and missing keys against Temporal's test server, with workers and clients built the
 * way the starter builds them ({@link CodecDataConverter} around {@link AesGcmPayloadCodec}).
 */
class KeyRotationTest {

  static final String QUEUE = "rotation";
  static final String K1 = "k1:" + randomKey();
  static final String K2 = "k2:" + randomKey();

  @WorkflowInterface
  public interface Echo {
    @WorkflowMethod
    String run(String input);

    @SignalMethod
    void answer(String answer);
  }

  public static class EchoImpl implements Echo {
    private String answer;

    @Override
    public String run(String input) {
      Workflow.await(() -> answer != null);
      return input + " / " + answer;
    }

    @Override
    public void answer(String answer) {
      this.answer = answer;
    }
  }

  final TestWorkflowEnvironment env =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());

  final List<WorkerFactory> factories = new java.util.ArrayList<>();

  @AfterEach
  void tearDown() {
    factories.forEach(WorkerFactory::shutdownNow);
    env.close();
  }

  @Test
  @Timeout(120)
  void aRunStartedUnderKeyOneCompletesAndIsReadableAfterKeyTwoBecomesCurrent() {
    // Started under key 1 (its input is encrypted with it) before the rotation.
    WorkflowClient k1 = client(K1);
    WorkflowClient.start(stub(k1, "rotated")::run, "secret input one");

    WorkflowClient k2 = client(K2 + "," + K1);
    workers(k2);
    k2.newWorkflowStub(Echo.class, "rotated").answer("secret answer two");
    String result = k2.newUntypedWorkflowStub("rotated").getResult(String.class);

    assertThat(result).isEqualTo("secret input one / secret answer two");
    String raw = rawHistory("rotated");
    assertThat(raw).doesNotContain("secret").contains("k1").contains("k2");
  }

  @Test
  @Timeout(120)
  void aWorkerWithoutTheKeyFailsTheWorkflowTaskNamingTheKeyAndChangesNothing() {
    WorkflowClient k1 = client(K1);
    WorkflowClient.start(stub(k1, "keyless")::run, "secret input");
    WorkerFactory keyless = workers(client(K2));

    HistoryEvent failed = awaitEvent("keyless", EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    RuntimeException cause =
        converter(K2)
            .failureToException(failed.getWorkflowTaskFailedEventAttributes().getFailure());
    assertThat(messages(cause)).contains("key id 'k1'").contains("agentstream.encryption.keys");
    assertThat(rawHistory("keyless")).doesNotContain("secret");

    // A worker with the key takes over: the run was left as it was.
    keyless.shutdownNow();
    workers(client(K1));
    k1.newWorkflowStub(Echo.class, "keyless").answer("later");
    assertThat(k1.newUntypedWorkflowStub("keyless").getResult(String.class))
        .isEqualTo("secret input / later");
  }

  private WorkflowClient client(String keys) {
    return WorkflowClient.newInstance(
        env.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder()
            .setNamespace(env.getNamespace())
            .setDataConverter(converter(keys))
            .build());
  }

  private static DataConverter converter(String keys) {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance(),
        List.of(new AesGcmPayloadCodec(EncryptionKeys.parse(keys))),
        true);
  }

  /** Without a workflow cache, so no task is held on a stopped worker's sticky queue. */
  private WorkerFactory workers(WorkflowClient client) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
    factories.add(factory);
    factory.newWorker(QUEUE).registerWorkflowImplementationTypes(EchoImpl.class);
    factory.start();
    return factory;
  }

  private static Echo stub(WorkflowClient client, String id) {
    return client.newWorkflowStub(
        Echo.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  private List<HistoryEvent> history(String id) {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                .build())
        .getHistory()
        .getEventsList();
  }

  private String rawHistory(String id) {
    StringBuilder bytes = new StringBuilder();
    history(id)
        .forEach(e -> bytes.append(new String(e.toByteArray(), StandardCharsets.ISO_8859_1)));
    return bytes.toString();
  }

  /** Polls the history until the event is there (the test's own timeout bounds the wait). */
  private HistoryEvent awaitEvent(String id, EventType type) {
    while (true) {
      for (HistoryEvent e : history(id)) {
        if (e.getEventType() == type) {
          return e;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }

  static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
