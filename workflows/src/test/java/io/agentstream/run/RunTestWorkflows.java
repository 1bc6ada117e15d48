package io.agentstream.run;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;

/**
 * Temporal test servers that know the run search attributes. Every agent workflow upserts {@link
 * RunSearchAttributes#STATUS}, {@link RunSearchAttributes#STEP} and {@link
 * RunSearchAttributes#AGENT} as it goes, and a server that has not registered them rejects the
 * upsert; the workflow tests set them up here instead of each repeating the registrations.
 */
public final class RunTestWorkflows {

  private RunTestWorkflows() {}

  /**
   * A {@link TestWorkflowExtension} builder whose server has the keys the workflows upsert
   * registered; the test adds its own workflow types, activities and options.
   */
  public static TestWorkflowExtension.Builder newExtensionBuilder() {
    return TestWorkflowExtension.newBuilder()
        .registerSearchAttribute(
            RunSearchAttributes.STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute(
            RunSearchAttributes.STEP.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute(
            RunSearchAttributes.AGENT.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }

  /**
   * Registers every run search attribute on {@code env}, as a namespace is set up, for the replay
   * tests that record a history on an environment of their own.
   */
  public static void registerSearchAttributes(TestWorkflowEnvironment env) {
    for (var key : RunSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
  }
}
