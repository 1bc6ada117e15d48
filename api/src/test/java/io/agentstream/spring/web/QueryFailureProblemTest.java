package io.agentstream.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowQueryException;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * A run whose workflow could not answer its state query just now (a cold worker's replay timed out
 * by the deadlock detector, seen after a restart) is a 503 to retry, not a 500, and the answer says
 * nothing of Temporal's exception.
 */
class QueryFailureProblemTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aQueryTheWorkflowCouldNotAnswerIsA503WithRetryAfter() throws Exception {
    WorkflowQueryException failure =
        new WorkflowQueryException(
            WorkflowExecution.newBuilder().setWorkflowId("run-1").build(),
            "TripPlannerWorkflow",
            ApplicationFailure.newFailure("Potential deadlock detected", "PotentialDeadlock"));

    ResponseEntity<Object> answer = new ProblemDetailsAdvice().stateUnreadable(failure);

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    Map<String, Object> body = JSON.readValue((byte[]) answer.getBody(), new TypeReference<>() {});
    assertThat((String) body.get("type")).endsWith("/engine-unavailable");
    assertThat(body).containsEntry("status", 503);
    assertThat((String) body.get("detail"))
        .isEqualTo("the run's state could not be read just now; retry")
        .doesNotContain("Temporal", "Exception", "deadlock");
  }
}
