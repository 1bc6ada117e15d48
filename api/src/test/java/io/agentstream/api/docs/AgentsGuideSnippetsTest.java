package io.agentstream.api.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/agents.md from rotting: every Java excerpt in it is preceded by {@code <!-- from: path
 * -->} naming a file of this repository, and appears in that file verbatim, white space and line
 * wrapping aside. A line {@code // ...} in an excerpt stands for lines left out; the parts around
 * it must appear in the file in that order.
 */
class AgentsGuideSnippetsTest {

  private static final Pattern FENCE =
      Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```", Pattern.DOTALL);
  private static final Pattern SOURCE = Pattern.compile("<!--\\s*from:\\s*(\\S+)\\s*-->\\s*$");
  private static final String ELISION = "// ...";

  /** The repository root: the parent of the api module, whatever directory the tests run in. */
  private static Path repository() {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    return Files.isDirectory(module.resolve("src")) ? module.getParent() : module;
  }

  record Excerpt(String source, String code, int line) {}

  static List<Excerpt> excerpts(String markdown) {
    List<Excerpt> excerpts = new ArrayList<>();
    Matcher fence = FENCE.matcher(markdown);
    while (fence.find()) {
      if (!fence.group(1).equals("java")) {
        continue;
      }
      String before = markdown.substring(0, fence.start()).stripTrailing();
      String lastLine = before.substring(before.lastIndexOf('\n') + 1);
      Matcher source = SOURCE.matcher(lastLine);
      int line = (int) before.lines().count() + 1;
      excerpts.add(new Excerpt(source.find() ? source.group(1) : null, fence.group(2), line));
    }
    return excerpts;
  }

  @Test
  void everyJavaExcerptOfTheAgentsGuideIsInTheFileItNames() throws IOException {
    Path root = repository();
    List<Excerpt> excerpts = excerpts(Files.readString(root.resolve("docs/agents.md")));

    assertThat(excerpts).hasSizeGreaterThanOrEqualTo(10);
    for (Excerpt excerpt : excerpts) {
      if (excerpt.source() == null) {
        fail(
            "docs/agents.md:%d: a Java excerpt without <!-- from: path --> before it",
            excerpt.line());
      }
      Path file = root.resolve(excerpt.source());
      assertThat(file)
          .as("docs/agents.md:%d names %s", excerpt.line(), excerpt.source())
          .isRegularFile();
      assertAppearsIn(Files.readString(file), excerpt);
    }
  }

  @Test
  void anExcerptThatDriftedFromItsFileIsCaught() {
    String file = "class A {\n  int a = 1;\n  int b = 2;\n  int c = 3;\n}\n";

    assertThat(matches(file, "int a = 1;\n// ...\nint c = 3;\n")).isTrue();
    assertThat(matches(file, "    int b = 2;\n")).isTrue();
    assertThat(matches(file, "int a = 1;\nint c = 3;\n")).isFalse();
    assertThat(matches(file, "int c = 3;\n// ...\nint a = 1;\n")).isFalse();
  }

  @Test
  void anExcerptWrappedDifferentlyFromItsFileStillMatches() {
    String file = "call(\n    first,\n    second);\n";

    assertThat(matches(file, "call(first, second);")).isTrue();
    assertThat(matches(file, "call(first, third);")).isFalse();
  }

  private static void assertAppearsIn(String file, Excerpt excerpt) {
    if (!matches(file, excerpt.code())) {
      fail(
          "docs/agents.md:%d: this excerpt is not (or no longer) in %s:%n%s",
          excerpt.line(), excerpt.source(), excerpt.code());
    }
  }

  /**
   * True when the excerpt's parts between elisions appear in the file, in order. White space does
   * not count, so an excerpt wrapped for reading matches the formatter's wrapping of the same code;
   * any other change does not.
   */
  static boolean matches(String file, String code) {
    String text = withoutWhitespace(file);
    int from = 0;
    for (String part : parts(code)) {
      int at = text.indexOf(part, from);
      if (at < 0) {
        return false;
      }
      from = at + part.length();
    }
    return true;
  }

  private static List<String> parts(String code) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      if (line.strip().equals(ELISION)) {
        parts.add(withoutWhitespace(current.toString()));
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    parts.add(withoutWhitespace(current.toString()));
    parts.removeIf(String::isEmpty);
    return parts;
  }

  private static String withoutWhitespace(String s) {
    return s.replaceAll("\\s+", "");
  }
}
