package io.agentstream.research;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF's text as sections, through PDFBox. A PDF with an outline (bookmarks) gets one section per
 * bookmark (three levels deep, like Markdown's {@code #} to {@code ###}), from where its title
 * appears on its page to the next bookmark; text before the first one is the {@code
 * "Introduction"}. A PDF without an outline gets one section per page ({@code "Page 3"}).
 *
 * <p>Why these two: bookmarks are the author's own table of contents, so they cut the text where
 * its topics change, as headings do in Markdown; a PDF has no other reliable heading structure
 * (guessing headings from font sizes breaks on every other layout). Without bookmarks, a page is
 * the unit a reader of the PDF can find again, so a cited {@code "Page 3"} means something, and
 * pages are short enough to embed once {@link DocumentParser} splits the long ones.
 */
final class PdfParser {

  private static final int OUTLINE_DEPTH = 3;
  private static final String INTRODUCTION = "Introduction";

  private PdfParser() {}

  /** The PDF's document-info title (null when it has none) and its sections. */
  static DocumentParser.Parsed parse(String fileName, byte[] bytes)
      throws UnreadableDocumentException {
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      List<String> pages = pageTexts(pdf);
      List<Bookmark> bookmarks = bookmarks(pdf);
      Map<String, StringBuilder> sections =
          bookmarks.isEmpty() ? byPage(pages) : byOutline(pages, bookmarks);
      String title = pdf.getDocumentInformation().getTitle();
      return new DocumentParser.Parsed(
          title == null || title.isBlank() ? null : title.strip(), sections);
    } catch (InvalidPasswordException e) {
      throw new UnreadableDocumentException(fileName, "the PDF is encrypted with a password", e);
    } catch (IOException | RuntimeException e) {
      // PDFBox reports a damaged file with IOExceptions, and a few malformed structures with
      // runtime exceptions deeper in; either way this file has no text to give.
      throw new UnreadableDocumentException(fileName, "not a readable PDF (" + e + ")", e);
    }
  }

  private static List<String> pageTexts(PDDocument pdf) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setLineSeparator("\n");
    // A blank line after each paragraph PDFBox detects: where DocumentParser splits long text.
    stripper.setParagraphEnd("\n");
    List<String> pages = new ArrayList<>();
    for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
      stripper.setStartPage(page);
      stripper.setEndPage(page);
      pages.add(stripper.getText(pdf));
    }
    return pages;
  }

  private static Map<String, StringBuilder> byPage(List<String> pages) {
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    for (int i = 0; i < pages.size(); i++) {
      sections.put("Page " + (i + 1), new StringBuilder(pages.get(i)));
    }
    return sections;
  }

  /** A bookmark's title and the page it points to (0-based). */
  private record Bookmark(String title, int page) {}

  /** Where a bookmark's section starts in the text of all pages. */
  private record Cut(String title, int offset) {}

  private static List<Bookmark> bookmarks(PDDocument pdf) throws IOException {
    List<Bookmark> bookmarks = new ArrayList<>();
    PDDocumentOutline outline = pdf.getDocumentCatalog().getDocumentOutline();
    if (outline != null) {
      collect(pdf, outline.children(), 1, bookmarks);
    }
    return bookmarks;
  }

  private static void collect(
      PDDocument pdf, Iterable<PDOutlineItem> items, int depth, List<Bookmark> into)
      throws IOException {
    for (PDOutlineItem item : items) {
      PDPage page = item.findDestinationPage(pdf);
      int index = page == null ? -1 : pdf.getPages().indexOf(page);
      String title = item.getTitle() == null ? "" : item.getTitle().strip();
      if (index >= 0 && !title.isEmpty()) {
        into.add(new Bookmark(title, index));
      }
      if (depth < OUTLINE_DEPTH) {
        collect(pdf, item.children(), depth + 1, into);
      }
    }
  }

  /**
   * Cuts the text of all pages at each bookmark: at its title when the title is on its page (the
   * usual case, a heading), else at the top of that page.
   */
  private static Map<String, StringBuilder> byOutline(List<String> pages, List<Bookmark> marks) {
    StringBuilder all = new StringBuilder();
    int[] pageStart = new int[pages.size()];
    for (int i = 0; i < pages.size(); i++) {
      pageStart[i] = all.length();
      all.append(pages.get(i));
    }
    String lower = all.toString().toLowerCase(Locale.ROOT);
    List<Cut> cuts = new ArrayList<>();
    for (Bookmark mark : marks) {
      int from = pageStart[mark.page()];
      int to = mark.page() + 1 < pages.size() ? pageStart[mark.page() + 1] : all.length();
      int at = lower.indexOf(mark.title().toLowerCase(Locale.ROOT), from);
      cuts.add(new Cut(mark.title(), at >= 0 && at < to ? at : from));
    }
    cuts.sort(Comparator.comparingInt(Cut::offset)); // stable: outline order on ties
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    String before = all.substring(0, cuts.get(0).offset());
    if (!before.isBlank()) {
      sections.put(INTRODUCTION, new StringBuilder(before));
    }
    for (int i = 0; i < cuts.size(); i++) {
      Cut mark = cuts.get(i);
      int end = i + 1 < cuts.size() ? cuts.get(i + 1).offset() : all.length();
      String text = all.substring(mark.offset(), end);
      if (text.regionMatches(true, 0, mark.title(), 0, mark.title().length())) {
        text = text.substring(mark.title().length()); // the heading is the section's name
      }
      sections.put(DocumentParser.unique(sections, mark.title()), new StringBuilder(text));
    }
    return sections;
  }
}
