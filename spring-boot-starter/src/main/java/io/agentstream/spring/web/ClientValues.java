package io.agentstream.spring.web;

import io.agentstream.spring.run.RunNotFoundException;
import java.util.regex.Pattern;

/** Values from a client's request line and headers, as every controller checks and quotes them. */
public final class ClientValues {

  /**
   * The shape of a run id: {@code run-} and a UUID or a digest, all URL-safe unreserved characters.
   */
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

  /** Longest quoted client value in a detail. */
  private static final int QUOTE_LENGTH = 40;

  private ClientValues() {}

  /**
   * The run id of a path. An id of another shape names no run: it is answered 404 at once, without
   * a call to Temporal and without quoting it at length.
   *
   * @throws RunNotFoundException when the id cannot name a run
   */
  public static String runId(String runId) {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new RunNotFoundException(quote(runId == null ? "" : runId));
    }
    return runId;
  }

  /**
   * A client's value as a problem's detail may quote it: in single quotes, at most {@value
   * #QUOTE_LENGTH} characters, anything but printable ASCII replaced by {@code ?}, so that a detail
   * stays short and plain whatever was sent.
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder("'");
    int end = Math.min(value.length(), QUOTE_LENGTH);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.append(value.length() > QUOTE_LENGTH ? "…'" : "'").toString();
  }
}
