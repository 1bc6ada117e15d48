package io.agentstream.spring.web;

import io.agentstream.spring.run.InvalidRunRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit and never further, so a client cannot make the server hold
 * more than the limit of one request, nor wait for the end of a body that is already too large.
 */
final class BoundedBody {

  private BoundedBody() {}

  /**
   * The whole body, at most {@code limit} bytes.
   *
   * @param what names the body in the 413's detail, e.g. "the submission"
   * @throws PayloadTooLargeException at once when the declared {@code Content-Length} is over the
   *     limit, else as soon as the limit is passed while reading (a chunked body)
   */
  static byte[] read(HttpServletRequest request, int limit, String what) {
    if (request.getContentLengthLong() > limit) {
      throw new PayloadTooLargeException(
          what + " of " + request.getContentLengthLong() + " bytes", limit);
    }
    byte[] body;
    try {
      InputStream in = request.getInputStream();
      body = in.readNBytes(limit + 1);
    } catch (IOException e) {
      // The client went away or stalled: there is nobody left to answer, or only a 400 to give.
      throw new InvalidRunRequestException(what + " could not be read to its end");
    }
    if (body.length > limit) {
      throw new PayloadTooLargeException(what, limit);
    }
    return body;
  }
}
