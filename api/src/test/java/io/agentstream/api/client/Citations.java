package io.agentstream.api.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The citations {@code [n]} of a deep-research report and the numbered sources they refer to. */
public final class Citations {

  private static final Pattern CITATION = Pattern.compile("\\[(\\d+)]");

  private Citations() {}

  /** The numbers cited, in the order the report cites them (repeats included). */
  public static List<Integer> in(String report) {
    List<Integer> cited = new ArrayList<>();
    Matcher m = CITATION.matcher(report);
    while (m.find()) {
      cited.add(Integer.parseInt(m.group(1)));
    }
    return cited;
  }

  /**
   * Source number {@code n} of the report's {@code sources} (each with its {@code n}).
   *
   * @throws AssertionError when the report has no such source
   */
  public static Map<String, Object> source(List<Map<String, Object>> sources, int n) {
    return sources.stream()
        .filter(s -> ((Number) s.get("n")).intValue() == n)
        .findFirst()
        .orElseThrow(() -> new AssertionError("[" + n + "] is not a source of the report"));
  }
}
