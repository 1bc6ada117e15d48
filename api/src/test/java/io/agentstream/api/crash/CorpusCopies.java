package io.agentstream.api.crash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A research corpus folder made of copies of the collection bundled with agentstream ({@code
 * copy1-faq.html}, {@code copy2-faq.html}, …): real documents, enough of them that embedding takes
 * seconds, so a test can kill a worker while it indexes.
 */
final class CorpusCopies {

  private static final String BUNDLED = "/io/agentstream/research/corpus/";

  private CorpusCopies() {}

  /**
   * Writes {@code copies} copies of every bundled document into {@code folder}.
   *
   * @return the ids of the documents written (file names without extension), in the corpus' order
   */
  static List<String> write(Path folder, int copies) throws IOException {
    Files.createDirectories(folder);
    List<String> names =
        new String(read("documents.list"), StandardCharsets.UTF_8)
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    for (int k = 1; k <= copies; k++) {
      for (String name : names) {
        Files.write(folder.resolve("copy" + k + "-" + name), read(name));
      }
    }
    try (var files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .map(n -> n.substring(0, n.lastIndexOf('.')))
          .sorted()
          .toList();
    }
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in = CorpusCopies.class.getResourceAsStream(BUNDLED + name)) {
      if (in == null) {
        throw new IOException("bundled research document missing: " + name);
      }
      return in.readAllBytes();
    }
  }
}
