package io.agentstream.stream;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the annotated test class when no Redis answers at {@link TestRedis#address()}, with a
 * reason that says so, the way the browser test skips without Chromium. CI never skips: {@code
 * .ci/run} starts Redis when it is not running.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRedis.Reachable.class)
public @interface RequiresRedis {

  /** The condition behind the annotation. */
  final class Reachable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (TestRedis.isReachable()) {
        return ConditionEvaluationResult.enabled("Redis is reachable on " + TestRedis.address());
      }
      return ConditionEvaluationResult.disabled(
          "Redis is not reachable on "
              + TestRedis.address()
              + "; .ci/run starts it (or: redis-server --daemonize yes --port 6379)");
    }
  }
}
