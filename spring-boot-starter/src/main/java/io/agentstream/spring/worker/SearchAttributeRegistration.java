package io.agentstream.spring.worker;

import io.agentstream.run.RunSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the search attributes every run sets ({@link RunSearchAttributes}) on the namespace
 * before the worker polls, through the server's operator API, so a fresh server (the Temporal
 * starter's test server, a dev server) runs agents without a manual step. Where the API is not
 * allowed (a managed namespace), register them once by hand; the failure is logged, not fatal.
 */
public final class SearchAttributeRegistration {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private SearchAttributeRegistration() {}

  /** Registers them on the client's namespace, through the client's own connection. */
  static void register(WorkflowClient client) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(client.getWorkflowServiceStubs().getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      register(operator, client.getOptions().getNamespace());
    } finally {
      operator.shutdown();
    }
  }

  /**
   * Registers them on {@code namespace} through {@code operator}; already registered is fine,
   * another failure is logged.
   */
  public static void register(OperatorServiceStubs operator, String namespace) {
    AddSearchAttributesRequest.Builder request =
        AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
    RunSearchAttributes.ALL.forEach(
        key ->
            request.putSearchAttributes(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    try {
      operator.blockingStub().addSearchAttributes(request.build());
      log.info("Registered search attributes {}", request.getSearchAttributesMap().keySet());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return;
      }
      log.warn(
          "Could not register the search attributes {} ({}); register them on the namespace by"
              + " hand, or runs fail to update them",
          request.getSearchAttributesMap().keySet(),
          e.getStatus());
    }
  }
}
