package io.agentstream.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.agentstream.step.ToolResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The question-answer agent's tools, for what a model cannot know or gets wrong: {@code
 * calculate(expression)} ({@link Arithmetic}, exact) and {@code current_date_time(time_zone)} (the
 * worker's clock: a model does not know today's date). A tool that cannot do what it was asked
 * answers with an {@code error} the model reads, rather than failing the step: a model that wrote a
 * bad expression or an unknown zone can correct itself.
 */
final class AnswerTools {

  static final String CALCULATE = "calculate";
  static final String CURRENT_DATE_TIME = "current_date_time";

  static final List<ToolSpecification> SPECIFICATIONS =
      List.of(
          ToolSpecification.builder()
              .name(CALCULATE)
              .description(
                  "Evaluates an arithmetic expression exactly: numbers, + - * / % ^ and"
                      + " parentheses. Use it for every calculation instead of working it out.")
              .parameters(
                  JsonObjectSchema.builder()
                      .addStringProperty("expression", "the expression, e.g. (17.5 * 4 + 3) / 2")
                      .required("expression")
                      .build())
              .build(),
          ToolSpecification.builder()
              .name(CURRENT_DATE_TIME)
              .description(
                  "Returns the current date, day of the week and time. Use it whenever the"
                      + " question depends on today's date or the time now.")
              .parameters(
                  JsonObjectSchema.builder()
                      .addStringProperty(
                          "time_zone", "an IANA time zone such as Europe/Rome, or UTC")
                      .required("time_zone")
                      .build())
              .build());

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;

  AnswerTools(Clock clock) {
    this.clock = clock;
  }

  /** Runs the call; an unknown tool or arguments that are not JSON are an {@code error} too. */
  ToolResult run(String name, String arguments) {
    JsonNode args;
    try {
      args = JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
    } catch (Exception e) {
      return error("the arguments are not JSON: " + arguments);
    }
    return switch (name) {
      case CALCULATE -> calculate(args.path("expression").asText(""));
      case CURRENT_DATE_TIME -> now(args.path("time_zone").asText(""));
      default -> error("there is no tool named " + name);
    };
  }

  private static ToolResult calculate(String expression) {
    try {
      BigDecimal value = Arithmetic.evaluate(expression);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("expression", expression);
      data.put("result", value.toPlainString());
      return new ToolResult(expression + " = " + value.toPlainString(), data);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return error("cannot calculate " + expression + ": " + e.getMessage());
    }
  }

  private ToolResult now(String timeZone) {
    ZoneId zone;
    try {
      zone = timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      return error("unknown time zone: " + timeZone);
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    String day = now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("date", now.toLocalDate().toString());
    data.put("dayOfWeek", day);
    data.put("time", now.format(DateTimeFormatter.ofPattern("HH:mm")));
    data.put("timeZone", zone.getId());
    data.put("iso", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    return new ToolResult(day + " " + data.get("date") + " " + data.get("time") + " " + zone, data);
  }

  private static ToolResult error(String message) {
    return new ToolResult(message, Map.of("error", message));
  }
}
