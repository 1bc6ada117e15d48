package io.agentstream.research;

/**
 * A file of the collection that has a readable name but content that cannot be turned into
 * sections: a corrupt PDF, or one encrypted with a password. Checked, so that whoever reads a
 * folder decides what one bad file does to the rest: {@link Corpus#folder} skips it with a warning
 * rather than refusing the whole collection, because one broken download should not stop the
 * deep-research agent from working on the others.
 */
final class UnreadableDocumentException extends Exception {

  private final String reason;

  UnreadableDocumentException(String fileName, String reason, Throwable cause) {
    super(fileName + ": " + reason, cause);
    this.reason = reason;
  }

  /** Why the file has no text to give, for a log line that already names the file. */
  String reason() {
    return reason;
  }
}
