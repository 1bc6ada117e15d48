package io.agentstream.research;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents a {@link CorpusIndex} added since its snapshot, one {@link JournalEntry} per line
 * of JSON in {@code journal.jsonl}. Adding a document appends one line and forces it to disk, so
 * saving costs the size of that document, not of the whole index.
 *
 * <p>A line is written with one append and ends with a newline; a crash in the middle of an append
 * leaves a torn last line, which {@link #read} ignores (its document is embedded again). The next
 * append first ends such a fragment with a newline, so it never runs into a complete line. Workers
 * sharing the folder append to the same file: each line stands alone, and a document two of them
 * embedded is simply there twice.
 */
final class IndexJournal {

  static final String FILE = "journal.jsonl";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Path file;

  IndexJournal(Path dir) {
    this.file = dir.resolve(FILE);
  }

  /**
   * What the journal holds.
   *
   * @param entries its complete lines, in the order they were appended
   * @param unreadable lines that are not a whole entry: torn by a crash mid-append
   */
  record Replay(List<JournalEntry> entries, int unreadable) {}

  Path file() {
    return file;
  }

  boolean exists() {
    return Files.isRegularFile(file);
  }

  /** Appends an entry and returns once it is on disk. */
  void append(JournalEntry entry) throws IOException {
    byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(file.getParent());
    ByteBuffer out =
        endsMidLine()
            ? ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip()
            : ByteBuffer.wrap(line);
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (out.hasRemaining()) {
        channel.write(out);
      }
      channel.force(false);
    }
  }

  /** Whether the file ends with a line torn by a crash, which the next line must not extend. */
  private boolean endsMidLine() throws IOException {
    if (!exists()) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, size - 1);
      return last.get(0) != '\n';
    }
  }

  /** The complete entries, read line by line; empty when there is no journal. */
  Replay read() throws IOException {
    List<JournalEntry> entries = new ArrayList<>();
    int unreadable = 0;
    if (!exists()) {
      return new Replay(entries, unreadable);
    }
    // InputStreamReader replaces malformed UTF-8 (a line torn inside a character) instead of
    // failing the whole read, as Files.newBufferedReader would.
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        try {
          // A torn line is cut JSON: it never parses, so it needs no other marker.
          entries.add(JSON.readValue(line, JournalEntry.class));
        } catch (JsonProcessingException e) {
          unreadable++;
        }
      }
    }
    return new Replay(entries, unreadable);
  }

  /** Removes the journal once a snapshot holds everything in it. */
  void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
