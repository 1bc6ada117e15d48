package io.agentstream.spring.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches in the roles that serve the runs API, SSE and the page ({@link Role#servesApi()}): on the
 * controllers, so a {@code worker}'s web server has nothing but its actuator endpoints.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ServesApi.Matches.class)
public @interface ServesApi {

  /** The condition behind the annotation. */
  class Matches implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return Role.of(context.getEnvironment()).servesApi();
    }
  }
}
