package io.agentstream.spring.run;

import io.agentstream.run.RunSearchAttributes;
import io.agentstream.spring.security.Caller;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.common.converter.DataConverter;
import java.util.Optional;

/**
 * Whose run it is: the {@link RunSearchAttributes#OWNER} search attribute the API sets when it
 * starts a run. A run without one (started before owners were recorded, or by another Temporal
 * client) belongs to {@link Caller#ANONYMOUS}: visible without keys on loopback, and to admins.
 */
public class RunOwnership {

  private final SnapshotBuilder snapshots;
  private final DataConverter converter;

  public RunOwnership(SnapshotBuilder snapshots, DataConverter converter) {
    this.snapshots = snapshots;
    this.converter = converter;
  }

  /** The run's owner; empty when there is no such run. */
  public Optional<String> ownerOf(String runId) {
    try {
      return Optional.of(ownerOf(snapshots.describe(runId).getWorkflowExecutionInfo(), converter));
    } catch (RunNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The owner of a listed run. A list entry without search attributes (the in-memory test server
   * lists none) is described to find out.
   */
  public String ownerOfListed(WorkflowExecutionInfo info) {
    if (info.getSearchAttributes().getIndexedFieldsCount() == 0) {
      return ownerOf(info.getExecution().getWorkflowId()).orElse(Caller.ANONYMOUS.name());
    }
    return ownerOf(info, converter);
  }

  /** The owner recorded in a described or listed execution. */
  public static String ownerOf(WorkflowExecutionInfo info, DataConverter converter) {
    Payload field =
        info.getSearchAttributes().getIndexedFieldsMap().get(RunSearchAttributes.OWNER.getName());
    if (field == null) {
      return Caller.ANONYMOUS.name();
    }
    try {
      String owner = converter.fromPayload(field, String.class, String.class);
      return owner == null || owner.isBlank() ? Caller.ANONYMOUS.name() : owner;
    } catch (RuntimeException e) {
      return Caller.ANONYMOUS.name();
    }
  }
}
