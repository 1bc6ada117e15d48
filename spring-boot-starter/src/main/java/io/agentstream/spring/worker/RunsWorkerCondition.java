package io.agentstream.spring.worker;

import io.agentstream.spring.config.Role;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches in the roles that run the worker ({@link Role#runsWorker()}). */
class RunsWorkerCondition implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return Role.of(context.getEnvironment()).runsWorker();
  }
}
