package io.agentstream.spring.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code agentstream.stream} names this live channel; a value that names none fails
 * the start with the allowed values (see {@link LiveChannel#of}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(OnLiveChannel.Matches.class)
public @interface OnLiveChannel {

  LiveChannel value();

  /** The condition behind the annotation. */
  class Matches implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Map<String, Object> attributes =
          metadata.getAnnotationAttributes(OnLiveChannel.class.getName());
      return attributes != null
          && LiveChannel.of(context.getEnvironment()) == attributes.get("value");
    }
  }
}
