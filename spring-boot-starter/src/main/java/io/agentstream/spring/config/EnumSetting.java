package io.agentstream.spring.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;

/**
 * Reads an enum-valued setting before the context exists (conditions, environment post processors),
 * with the same leniency as Spring's binding (case-insensitive) and a start-up failure that names
 * the allowed values when the value is not one of them.
 */
final class EnumSetting {

  private EnumSetting() {}

  static <E extends Enum<E>> E read(
      Environment env, String property, String defaultValue, Class<E> type) {
    String value = env.getProperty(property, defaultValue).trim();
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          property
              + "="
              + value
              + " is not allowed; allowed values: "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }
}
