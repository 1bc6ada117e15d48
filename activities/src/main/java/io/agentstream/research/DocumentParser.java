package io.agentstream.research;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns a file of the collection into titled sections: Markdown by its headings ({@code #} to
 * {@code ###}, outside code fences), HTML by its {@code h1}-{@code h3} (text through jsoup, scripts
 * and styles dropped), plain text by paragraphs, PDF by its outline or else by page ({@link
 * PdfParser}). A section longer than {@link #MAX_SECTION} characters is split at paragraph ends
 * into parts ({@code "Name (part 2)"}), so every passage fits the embedding model's window.
 *
 * <p>Text formats are read as UTF-8; a PDF is read from its bytes, since it is binary. Either way
 * the document's hash is over the file's bytes.
 */
final class DocumentParser {

  /** Characters per passage at most (all-MiniLM-L6-v2 reads about 256 word pieces). */
  static final int MAX_SECTION = 1200;

  private static final Pattern HEADING = Pattern.compile("^(#{1,3})\\s+(.+?)\\s*#*\\s*$");
  private static final String INTRODUCTION = "Introduction";

  private DocumentParser() {}

  /** Whether the collection reads files with this name. */
  static boolean accepts(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".md")
        || lower.endsWith(".markdown")
        || lower.endsWith(".txt")
        || lower.endsWith(".html")
        || lower.endsWith(".htm")
        || lower.endsWith(".pdf");
  }

  static String idOf(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /**
   * The document in a file's bytes.
   *
   * @throws UnreadableDocumentException when a PDF cannot be read (corrupt, or encrypted); text
   *     formats always parse
   */
  static CorpusDocument parse(String fileName, byte[] bytes) throws UnreadableDocumentException {
    String lower = fileName.toLowerCase(Locale.ROOT);
    String id = idOf(fileName);
    Parsed parsed;
    if (lower.endsWith(".pdf")) {
      parsed = PdfParser.parse(fileName, bytes);
    } else if (lower.endsWith(".html") || lower.endsWith(".htm")) {
      parsed = html(text(bytes));
    } else if (lower.endsWith(".txt")) {
      parsed = text(text(bytes));
    } else {
      parsed = markdown(text(bytes));
    }
    return new CorpusDocument(
        id,
        parsed.title() == null ? id : parsed.title(),
        Corpus.sha256(bytes),
        split(parsed.sections()));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * What a format's reader found: the title (null for none, then the id is the title) and the
   * sections' names and texts in document order, before empty ones are dropped and long ones split.
   */
  record Parsed(String title, Map<String, StringBuilder> sections) {}

  private static Parsed markdown(String content) {
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    String title = null;
    String current = INTRODUCTION;
    boolean fenced = false;
    for (String line : content.split("\\R", -1)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
      }
      Matcher heading = fenced ? null : HEADING.matcher(line);
      if (heading != null && heading.matches()) {
        String name = heading.group(2).strip();
        if (title == null && heading.group(1).length() == 1) {
          title = name;
          continue;
        }
        current = unique(sections, name);
        sections.put(current, new StringBuilder());
        continue;
      }
      sections.computeIfAbsent(current, k -> new StringBuilder()).append(line).append('\n');
    }
    return new Parsed(title, sections);
  }

  private static Parsed text(String content) {
    String[] lines = content.strip().split("\\R", 2);
    String title = lines[0].strip();
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    sections.put(INTRODUCTION, new StringBuilder(lines.length > 1 ? lines[1] : ""));
    return new Parsed(title.isEmpty() ? null : title, sections);
  }

  private static Parsed html(String content) {
    Document html = Jsoup.parse(content);
    html.select("script, style, nav, noscript").remove();
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    String[] current = {INTRODUCTION};
    String[] title = {html.title().isBlank() ? null : html.title().strip()};
    walk(html.body(), sections, current, title);
    return new Parsed(title[0], sections);
  }

  private static void walk(
      Element element, Map<String, StringBuilder> sections, String[] current, String[] title) {
    for (Element child : element.children()) {
      String tag = child.normalName();
      if (tag.equals("h1") || tag.equals("h2") || tag.equals("h3")) {
        String name = child.text().strip();
        if (tag.equals("h1") && (title[0] == null || title[0].equals(name))) {
          title[0] = name;
          continue;
        }
        current[0] = unique(sections, name);
        sections.put(current[0], new StringBuilder());
      } else if (child.children().stream().anyMatch(DocumentParser::isBlock)) {
        walk(child, sections, current, title);
      } else if (!child.text().isBlank()) {
        String prefix = tag.equals("li") ? "- " : "";
        sections
            .computeIfAbsent(current[0], k -> new StringBuilder())
            .append(prefix)
            .append(child.text().strip())
            .append("\n\n");
      }
    }
  }

  private static boolean isBlock(Element e) {
    return switch (e.normalName()) {
      case "p",
          "div",
          "ul",
          "ol",
          "li",
          "h1",
          "h2",
          "h3",
          "h4",
          "pre",
          "table",
          "tr",
          "section",
          "article",
          "main",
          "header",
          "footer",
          "blockquote",
          "dl",
          "dt",
          "dd" ->
          true;
      default -> false;
    };
  }

  /** {@code name}, or {@code "name (2)"} and so on when a section already has it. */
  static String unique(Map<String, StringBuilder> sections, String name) {
    String candidate = name;
    for (int n = 2; sections.containsKey(candidate); n++) {
      candidate = name + " (" + n + ")";
    }
    return candidate;
  }

  /** Drops empty sections and splits long ones at paragraph ends. */
  private static List<DocumentSection> split(Map<String, StringBuilder> sections) {
    List<DocumentSection> result = new ArrayList<>();
    for (Map.Entry<String, StringBuilder> section : sections.entrySet()) {
      String text = section.getValue().toString().strip();
      if (text.isEmpty()) {
        continue;
      }
      List<String> parts = parts(text);
      for (int i = 0; i < parts.size(); i++) {
        String name = i == 0 ? section.getKey() : section.getKey() + " (part " + (i + 1) + ")";
        result.add(new DocumentSection(name, parts.get(i)));
      }
    }
    return result;
  }

  private static List<String> parts(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (String paragraph : text.split("\\n\\s*\\n")) {
      String p = paragraph.strip();
      while (p.length() > MAX_SECTION) {
        int cut = p.lastIndexOf(' ', MAX_SECTION);
        cut = cut <= 0 ? MAX_SECTION : cut;
        flush(parts, part);
        parts.add(p.substring(0, cut).strip());
        p = p.substring(cut).strip();
      }
      if (part.length() > 0 && part.length() + p.length() + 2 > MAX_SECTION) {
        flush(parts, part);
      }
      if (!p.isEmpty()) {
        part.append(part.length() == 0 ? "" : "\n\n").append(p);
      }
    }
    flush(parts, part);
    return parts;
  }

  private static void flush(List<String> parts, StringBuilder part) {
    if (part.length() > 0) {
      parts.add(part.toString());
      part.setLength(0);
    }
  }
}
