package io.agentstream.research;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents the deep-research agent works on: a folder of Markdown, text, HTML and PDF files
 * (subfolders included; other files ignored), or the small collection bundled with agentstream (a
 * few of its own docs and short texts), read from the classpath. Documents are ordered by id.
 */
public final class Corpus {

  private static final Logger log = LoggerFactory.getLogger(Corpus.class);

  static final String BUNDLED = "/io/agentstream/research/corpus/";

  private final String location;
  private final List<CorpusDocument> documents;
  private final Map<String, CorpusDocument> byId = new HashMap<>();
  private final String fingerprint;

  private Corpus(String location, List<CorpusDocument> documents) {
    this.location = location;
    this.documents =
        documents.stream().sorted(java.util.Comparator.comparing(CorpusDocument::id)).toList();
    StringBuilder all = new StringBuilder();
    this.documents.forEach(d -> all.append(d.id()).append('=').append(d.hash()).append('\n'));
    this.documents.forEach(d -> byId.putIfAbsent(d.id(), d));
    this.fingerprint = sha256(all.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The collection bundled with agentstream, which the app uses with no setting. */
  public static Corpus bundled() {
    List<CorpusDocument> documents = new ArrayList<>();
    for (String line :
        new String(resource("documents.list"), StandardCharsets.UTF_8).split("\\R")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        try {
          documents.add(DocumentParser.parse(name, resource(name)));
        } catch (UnreadableDocumentException e) {
          throw new IllegalStateException("bundled research document unreadable", e);
        }
      }
    }
    return new Corpus("classpath:" + BUNDLED, documents);
  }

  /**
   * Every Markdown, text, HTML and PDF file under {@code folder}. A PDF that cannot be read
   * (corrupt, encrypted) is left out with a warning that says why, so one bad file does not keep
   * the agent from the others; a file that cannot be read from disk at all still fails the whole
   * folder, as that is a problem with the folder, not with one document.
   */
  public static Corpus folder(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("the research corpus is not a folder: " + folder);
    }
    List<CorpusDocument> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (!DocumentParser.accepts(name) || isHidden(folder, file)) {
          continue;
        }
        try {
          documents.add(DocumentParser.parse(name, Files.readAllBytes(file)));
        } catch (UnreadableDocumentException e) {
          log.warn("Research corpus: skipping {}: {}", file, e.reason());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the research corpus " + folder, e);
    }
    long ids = documents.stream().map(CorpusDocument::id).distinct().count();
    if (ids != documents.size()) {
      throw new IllegalArgumentException(
          "two documents of " + folder + " have the same name without extension");
    }
    return new Corpus(folder.toString(), documents);
  }

  private static boolean isHidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Where the documents come from, for logs: a folder or {@code classpath:...}. */
  public String location() {
    return location;
  }

  List<CorpusDocument> documents() {
    return documents;
  }

  /** The ids of the documents, in order. */
  public List<String> documentIds() {
    return documents.stream().map(CorpusDocument::id).toList();
  }

  /** By id, in constant time: loading an index looks up every document it names. */
  Optional<CorpusDocument> document(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** SHA-256 over every document's id and content: an index is valid for exactly one. */
  public String fingerprint() {
    return fingerprint;
  }

  private static byte[] resource(String name) {
    try (InputStream in = Corpus.class.getResourceAsStream(BUNDLED + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled research document missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
