package io.agentstream.research;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/** Real PDFs written with PDFBox, the way a word processor would: lines of text on pages. */
final class TestPdfs {

  /** A bookmark of the outline: its title and the page it opens (0-based). */
  record Bookmark(String title, int page) {}

  private TestPdfs() {}

  /**
   * @param title the document-info title; null for none
   * @param pages each page's lines, top to bottom
   * @param outline the bookmarks, in outline order; empty for a PDF without outline
   */
  static byte[] pdf(String title, List<List<String>> pages, List<Bookmark> outline) {
    return write(title, pages, outline, null);
  }

  /** A PDF that opens only with the password {@code userPassword}. */
  static byte[] encrypted(List<List<String>> pages, String userPassword) {
    return write(null, pages, List.of(), userPassword);
  }

  private static byte[] write(
      String title, List<List<String>> pages, List<Bookmark> outline, String password) {
    try (PDDocument pdf = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (List<String> lines : pages) {
        PDPage page = new PDPage();
        pdf.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
          content.beginText();
          content.setFont(font, 11);
          content.setLeading(14);
          content.newLineAtOffset(50, 740);
          for (String line : lines) {
            content.showText(line);
            content.newLine();
          }
          content.endText();
        }
      }
      if (title != null) {
        pdf.getDocumentInformation().setTitle(title);
      }
      if (!outline.isEmpty()) {
        PDDocumentOutline root = new PDDocumentOutline();
        for (Bookmark bookmark : outline) {
          PDOutlineItem item = new PDOutlineItem();
          item.setTitle(bookmark.title());
          item.setDestination(pdf.getPage(bookmark.page()));
          root.addLast(item);
        }
        pdf.getDocumentCatalog().setDocumentOutline(root);
      }
      if (password != null) {
        StandardProtectionPolicy policy =
            new StandardProtectionPolicy("owner-" + password, password, new AccessPermission());
        policy.setEncryptionKeyLength(128);
        pdf.protect(policy);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
