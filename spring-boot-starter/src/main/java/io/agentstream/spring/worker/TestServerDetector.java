package io.agentstream.spring.worker;

import com.google.protobuf.Empty;
import io.temporal.api.testservice.v1.TestServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/**
 * Tells whether the Temporal server is Temporal's Java test server (the embedded engine or the
 * {@code engine} command): only it answers the TestService's GetCurrentTime.
 */
final class TestServerDetector {

  private TestServerDetector() {}

  static boolean isTestServer(WorkflowServiceStubs stubs) {
    try {
      TestServiceGrpc.newBlockingStub(stubs.getRawChannel())
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .getCurrentTime(Empty.getDefaultInstance());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
