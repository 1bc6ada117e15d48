package io.agentstream.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstream.research.TestPdfs.Bookmark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PDF documents of a folder corpus: real PDFs written with PDFBox, parsed, indexed and searched.
 */
class PdfDocumentTest {

  @Test
  void pdfWithoutOutlineHasOneSectionPerPageTitledByItsDocumentInfo() throws Exception {
    byte[] bytes =
        TestPdfs.pdf(
            "Worker operations handbook",
            List.of(
                List.of("Workers poll the task queue."),
                List.of("Drain a worker before you stop it."),
                List.of("Scale workers by queue depth.")),
            List.of());

    CorpusDocument doc = DocumentParser.parse("handbook.pdf", bytes);

    assertThat(doc.id()).isEqualTo("handbook");
    assertThat(doc.title()).isEqualTo("Worker operations handbook");
    assertThat(doc.hash()).isEqualTo(Corpus.sha256(bytes));
    assertThat(doc.sections())
        .extracting(DocumentSection::name)
        .containsExactly("Page 1", "Page 2", "Page 3");
    assertThat(doc.section("page 2").orElseThrow().text())
        .isEqualTo("Drain a worker before you stop it.");
  }

  @Test
  void pdfWithoutTitleIsTitledByItsFileName() throws Exception {
    byte[] bytes = TestPdfs.pdf(null, List.of(List.of("Some text.")), List.of());

    assertThat(DocumentParser.parse("release-notes.PDF", bytes).title()).isEqualTo("release-notes");
  }

  @Test
  void pdfWithOutlineHasOneSectionPerBookmarkCutAtItsHeading() throws Exception {
    byte[] bytes =
        TestPdfs.pdf(
            "Runbook",
            List.of(
                List.of(
                    "This runbook is for the on-call engineer.",
                    "Install",
                    "Unpack the archive and start the worker."),
                List.of("Still about installing: set the task queue.", "Upgrade"),
                List.of("Stop one worker at a time and start the new version.")),
            List.of(new Bookmark("Install", 0), new Bookmark("Upgrade", 1)));

    CorpusDocument doc = DocumentParser.parse("runbook.pdf", bytes);

    assertThat(doc.title()).isEqualTo("Runbook");
    assertThat(doc.sections())
        .extracting(DocumentSection::name)
        .containsExactly("Introduction", "Install", "Upgrade");
    assertThat(doc.section("Introduction").orElseThrow().text())
        .isEqualTo("This runbook is for the on-call engineer.");
    assertThat(doc.section("Install").orElseThrow().text())
        .contains("Unpack the archive", "Still about installing")
        .doesNotContain("Upgrade", "on-call");
    assertThat(doc.section("Upgrade").orElseThrow().text())
        .isEqualTo("Stop one worker at a time and start the new version.");
  }

  @Test
  void longPdfPageIsSplitIntoPassagesThatFitTheModel() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      lines.add("Line " + i + " of a long page about retries, timeouts and heartbeats.");
    }
    byte[] bytes = TestPdfs.pdf(null, List.of(lines), List.of());

    CorpusDocument doc = DocumentParser.parse("long.pdf", bytes);

    assertThat(doc.sections())
        .extracting(DocumentSection::name)
        .startsWith("Page 1", "Page 1 (part 2)");
    assertThat(doc.sections())
        .allSatisfy(
            s -> assertThat(s.text().length()).isLessThanOrEqualTo(DocumentParser.MAX_SECTION));
    assertThat(String.join(" ", doc.sections().stream().map(DocumentSection::text).toList()))
        .contains("Line 1 of", "Line 40 of");
  }

  @Test
  void encryptedPdfIsUnreadableAndSaysSo() {
    byte[] bytes = TestPdfs.encrypted(List.of(List.of("Secret text.")), "secret");

    assertThatThrownBy(() -> DocumentParser.parse("locked.pdf", bytes))
        .isInstanceOf(UnreadableDocumentException.class)
        .hasMessageContaining("locked.pdf")
        .hasMessageContaining("encrypted");
  }

  @Test
  void corruptPdfIsSkippedAndTheOtherDocumentsAreIndexed(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("notes.md"), "# Notes\n\nRestart the worker.\n");
    Files.write(
        folder.resolve("broken.pdf"),
        "%PDF-1.7\nthis download stopped halfway".getBytes(StandardCharsets.UTF_8));
    Files.write(
        folder.resolve("locked.pdf"), TestPdfs.encrypted(List.of(List.of("Secret.")), "pw"));
    Files.write(
        folder.resolve("guide.pdf"),
        TestPdfs.pdf("Guide", List.of(List.of("Read the guide.")), List.of()));

    ResearchLibrary library = ResearchLibrary.open(Optional.of(folder), Optional.empty());

    assertThat(library.corpus().documentIds()).containsExactly("guide", "notes");
    assertThat(library.completeIndex().size()).isEqualTo(2);
  }

  @Test
  void folderWithPdfAnswersSearchForAPhraseFromThePdfWithThatDocument(@TempDir Path folder)
      throws Exception {
    Files.writeString(
        folder.resolve("runbook.md"), "# Runbook\n\n## Restart\n\nRestart the worker process.\n");
    Files.writeString(folder.resolve("oncall.txt"), "On call\n\nPage the owner first.");
    Files.write(
        folder.resolve("kitchen.pdf"),
        TestPdfs.pdf(
            "Office kitchen rules",
            List.of(
                List.of("Welcome to the office."),
                List.of("The espresso machine is descaled every Friday by the facilities team.")),
            List.of()));

    ResearchLibrary library = ResearchLibrary.open(Optional.of(folder), Optional.empty());
    CorpusIndex index = library.completeIndex();

    assertThat(index.search("when is the espresso machine descaled", 1))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.documentId()).isEqualTo("kitchen");
              assertThat(s.title()).isEqualTo("Office kitchen rules");
              assertThat(s.section()).isEqualTo("Page 2");
            });
  }
}
