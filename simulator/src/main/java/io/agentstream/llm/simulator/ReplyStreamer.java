package io.agentstream.llm.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one reply as OpenAI does: a chunk per token at the configured pace, a finish chunk, a
 * usage chunk and {@code [DONE]}. A {@link SimulatorFault.CutAfter} or {@link
 * SimulatorFault.HangAfter} fault breaks the stream partway instead, and a client that goes away
 * simply ends the generation.
 */
final class ReplyStreamer {

  private static final Logger log = LoggerFactory.getLogger(ReplyStreamer.class);

  /**
   * Pause between the last token and a deliberate cut. The JDK HTTP client discards bytes it has
   * received but not yet handed to the reader once the connection fails, so cutting at once could
   * make the client see fewer tokens than were sent; tests rely on "exactly N tokens, then an
   * error".
   */
  static final long CUT_GRACE_MILLIS = 200;

  private final OpenAiWireFormat wire;
  private final SimulatorStats stats;
  private final double tokensPerSecond;
  private final EmissionTap emissions;

  /** Holder of the optional {@link TokenEmissionListener}; a volatile read per token when unset. */
  static final class EmissionTap {
    private volatile TokenEmissionListener listener;

    void set(TokenEmissionListener listener) {
      this.listener = listener;
    }
  }

  ReplyStreamer(
      OpenAiWireFormat wire, SimulatorStats stats, double tokensPerSecond, EmissionTap emissions) {
    this.wire = wire;
    this.stats = stats;
    this.tokensPerSecond = tokensPerSecond;
    this.emissions = emissions;
  }

  /**
   * @param material the request's first user message, for the emission listener
   * @param includeUsage whether the client asked for the trailing usage chunk ({@code
   *     stream_options.include_usage})
   * @param fault a mid-stream fault ({@code CutAfter} or {@code HangAfter}) to apply, if any
   * @throws IOException always when the stream did not complete, so the server drops the connection
   *     rather than ending the response cleanly
   */
  void stream(
      HttpExchange exchange,
      SimulatedReply reply,
      String material,
      boolean includeUsage,
      Optional<SimulatorFault> fault)
      throws IOException {
    int breakAt = fault.map(ReplyStreamer::tokensBeforeBreak).orElse(Integer.MAX_VALUE);
    exchange.getResponseHeaders().set("Content-Type", ServerSentEvents.CONTENT_TYPE);
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream body = exchange.getResponseBody();
    ServerSentEvents events = new ServerSentEvents(body);
    TokenPacer pacer = new TokenPacer(tokensPerSecond);
    List<String> tokens = reply.tokens();
    int sent = 0;
    List<String> reasoning = reply.reasoning();
    try {
      for (int i = 0; i < reasoning.size(); i++) {
        pacer.awaitToken(i);
        events.send(wire.reasoningChunk(reply, reasoning.get(i), i == 0));
      }
      if (tokens.isEmpty() && breakAt > 0) {
        events.send(wire.tokenChunk(reply, "", reasoning.isEmpty()));
      }
      for (String token : tokens) {
        if (sent == breakAt) {
          break;
        }
        pacer.awaitToken(reasoning.size() + sent);
        long emittedAt = System.nanoTime();
        events.send(wire.tokenChunk(reply, token, sent == 0 && reasoning.isEmpty()));
        TokenEmissionListener listener = emissions.listener;
        if (listener != null) {
          tell(listener, reply, material, sent, token, emittedAt);
        }
        stats.recordToken(reply.task());
        sent++;
      }
      if (fault.isPresent()) {
        breakOff(fault.get(), reply, sent);
      }
      events.send(wire.finishChunk(reply));
      if (includeUsage) {
        events.send(wire.usageChunk(reply));
        stats.recordUsage(reply.task(), reply.usage());
      }
      events.send(ServerSentEvents.DONE);
      body.close();
      stats.recordCompleted(reply.task());
      log.debug(
          "Simulated reply {} for task {} streamed in full ({} tokens)",
          reply.id(),
          reply.taskLabel(),
          sent);
    } catch (DeliberateDisconnect e) {
      stats.recordAborted(reply.task());
      throw e;
    } catch (IOException e) {
      stats.recordAborted(reply.task());
      log.debug(
          "Client left simulated reply {} for task {} after {} tokens; stopped generating",
          reply.id(),
          reply.taskLabel(),
          sent);
      throw new DeliberateDisconnect("client went away");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stats.recordAborted(reply.task());
      throw new DeliberateDisconnect("simulator is shutting down");
    }
  }

  /** A failing listener must not break the stream it observes. */
  private static void tell(
      TokenEmissionListener listener,
      SimulatedReply reply,
      String material,
      int index,
      String token,
      long emittedAt) {
    try {
      listener.onTokenEmitted(reply.task(), material, index, token, emittedAt);
    } catch (RuntimeException e) {
      log.warn("Token emission listener failed: {}", e.toString());
    }
  }

  private static int tokensBeforeBreak(SimulatorFault fault) {
    if (fault instanceof SimulatorFault.CutAfter cut) {
      return cut.tokens();
    }
    if (fault instanceof SimulatorFault.HangAfter hang) {
      return hang.tokens();
    }
    return Integer.MAX_VALUE;
  }

  private static void breakOff(SimulatorFault fault, SimulatedReply reply, int sent)
      throws DeliberateDisconnect, InterruptedException {
    if (fault instanceof SimulatorFault.HangAfter hang) {
      log.info(
          "Simulated fault: reply {} for task {} goes silent after {} tokens for {}",
          reply.id(),
          reply.taskLabel(),
          sent,
          hang.silence());
      Thread.sleep(hang.silence().toMillis());
    } else {
      Thread.sleep(CUT_GRACE_MILLIS);
    }
    log.info(
        "Simulated fault: cutting reply {} for task {} after {} tokens",
        reply.id(),
        reply.taskLabel(),
        sent);
    throw new DeliberateDisconnect("simulated cut after " + sent + " tokens");
  }
}
