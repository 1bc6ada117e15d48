package io.agentstream.llm.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/chat/completions}: decodes the prompt, applies any armed fault, composes the
 * deterministic reply (or just its remainder for a continuation) and delivers it streamed or whole.
 */
final class ChatCompletionsHandler implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(ChatCompletionsHandler.class);

  private final ObjectMapper json;
  private final OpenAiWireFormat wire;
  private final SimulatorFaults faults;
  private volatile boolean acceptJsonSchema = true;
  private volatile SimulatedReasoning reasoning = SimulatedReasoning.NONE;
  private volatile boolean requireReasoningBack;
  private volatile boolean refuseMaxTokens;
  private final SimulatorStats stats;
  private final ReplyStreamer streamer;
  private final AtomicLong replySequence = new AtomicLong();

  ChatCompletionsHandler(
      ObjectMapper json,
      SimulatorFaults faults,
      SimulatorStats stats,
      double tokensPerSecond,
      ReplyStreamer.EmissionTap emissions) {
    this.json = json;
    this.wire = new OpenAiWireFormat(json);
    this.faults = faults;
    this.stats = stats;
    this.streamer = new ReplyStreamer(wire, stats, tokensPerSecond, emissions);
  }

  /**
   * Deliberately not try-with-resources: closing the exchange on the way out of an exception would
   * end a chunked stream cleanly, while a broken stream must reach the client as a dropped
   * connection.
   */
  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!HttpExchanges.isExactly(exchange)) {
      HttpExchanges.sendJson(
          exchange,
          404,
          wire.error(
              "Unknown path " + HttpExchanges.path(exchange),
              "invalid_request_error",
              "not_found"));
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      HttpExchanges.sendJson(
          exchange, 405, wire.error("Use POST", "invalid_request_error", "method_not_allowed"));
      return;
    }
    ChatCompletionCall call;
    try {
      call = ChatCompletionCall.parse(HttpExchanges.readBody(exchange), json);
    } catch (IllegalArgumentException e) {
      HttpExchanges.sendJson(
          exchange, 400, wire.error(e.getMessage(), "invalid_request_error", "invalid_request"));
      return;
    }
    respond(exchange, call);
  }

  /** See {@link OpenAiSimulator#acceptJsonSchema}. */
  void acceptJsonSchema(boolean accept) {
    acceptJsonSchema = accept;
  }

  /** See {@link OpenAiSimulator#reason}. */
  void reason(SimulatedReasoning where) {
    reasoning = where;
  }

  /** See {@link OpenAiSimulator#refuseMaxTokens}. */
  void refuseMaxTokens(boolean refuse) {
    refuseMaxTokens = refuse;
  }

  /** See {@link OpenAiSimulator#requireReasoningBack}. */
  void requireReasoningBack(boolean require) {
    requireReasoningBack = require;
  }

  private void respond(HttpExchange exchange, ChatCompletionCall call) throws IOException {
    if (!acceptJsonSchema && ChatCompletionCall.JSON_SCHEMA.equals(call.responseFormat())) {
      // What such a server says (DeepSeek's API, for one).
      HttpExchanges.sendJson(
          exchange,
          400,
          wire.error(
              "This response_format type is unavailable now",
              "invalid_request_error",
              "invalid_request_error"));
      return;
    }
    if (refuseMaxTokens && call.limitedByMaxTokens()) {
      // What OpenAI's reasoning models (o-series, GPT-5) say.
      HttpExchanges.sendJson(
          exchange,
          400,
          wire.error(
              "Unsupported parameter: 'max_tokens' is not supported with this model. Use"
                  + " 'max_completion_tokens' instead.",
              "invalid_request_error",
              "max_tokens",
              "unsupported_parameter"));
      return;
    }
    if (call.reasoningEffort() != null
        && !ChatCompletionCall.REASONING_EFFORTS.contains(call.reasoningEffort())) {
      // What OpenAI says to a value it does not know.
      HttpExchanges.sendJson(
          exchange,
          400,
          wire.error(
              "Invalid value: '"
                  + call.reasoningEffort()
                  + "'. Supported values are: "
                  + String.join(
                      ", ",
                      ChatCompletionCall.REASONING_EFFORTS.stream()
                          .map(v -> "'" + v + "'")
                          .toList())
                  + ".",
              "invalid_request_error",
              "reasoning_effort",
              "invalid_value"));
      return;
    }
    if (requireReasoningBack && call.firstToolTurnWithoutReasoning() >= 0) {
      // What DeepSeek's API says in thinking mode.
      log.info(
          "Simulated refusal: message {} called tools without its reasoning_content",
          call.firstToolTurnWithoutReasoning());
      HttpExchanges.sendJson(
          exchange,
          400,
          wire.error(
              "The reasoning_content in the thinking mode must be passed back to the API.",
              "invalid_request_error",
              "invalid_request_error"));
      return;
    }
    SimulatedPrompt prompt = SimulatedPrompt.of(call.messages());
    String task = prompt.task();
    stats.recordRequest(task);
    if (prompt.isContinuation()) {
      stats.recordContinuation(task);
    }
    Optional<SimulatorFault> armed = faults.consumeFor(task);
    boolean includeUsage =
        call.includeUsage() && !(armed.orElse(null) instanceof SimulatorFault.NoUsage);
    Optional<SimulatorFault.ExtraToolCall> extraCall =
        armed
            .filter(SimulatorFault.ExtraToolCall.class::isInstance)
            .map(SimulatorFault.ExtraToolCall.class::cast);
    // What is left breaks the request or its stream.
    Optional<SimulatorFault> fault =
        armed.filter(
            f ->
                !(f instanceof SimulatorFault.NoUsage
                    || f instanceof SimulatorFault.ExtraToolCall));
    if (fault.isPresent() && fault.get() instanceof SimulatorFault.HttpError error) {
      log.info(
          "Simulated fault: HTTP {} ({}) for task {}",
          error.status(),
          error.code(),
          task == null ? SimulatorStats.NO_TASK : task);
      HttpExchanges.sendJson(
          exchange, error.status(), wire.error(error.message(), error.type(), error.code()));
      return;
    }
    if (NotesDateConversation.TASK.equals(task) && call.wantsToolCalls()) {
      String id = "chatcmpl-sim-" + replySequence.incrementAndGet();
      respondWithToolCalls(
          exchange,
          call,
          includeUsage,
          task,
          id,
          NotesDateConversation.calls(call, json, id),
          extraCall);
      return;
    }
    String scripted = null;
    if (ResearchConversation.TASK.equals(task) && !call.tools().isEmpty()) {
      String id = "chatcmpl-sim-" + replySequence.incrementAndGet();
      List<SimulatedToolCalls.Call> calls = ResearchConversation.nextCalls(call, json, id);
      if (!calls.isEmpty()) {
        respondWithToolCalls(exchange, call, includeUsage, task, id, calls, extraCall);
        return;
      }
      scripted = ResearchConversation.notes(call, json);
    } else if (AnswerToolConversation.TASK.equals(task) && !call.tools().isEmpty()) {
      String id = "chatcmpl-sim-" + replySequence.incrementAndGet();
      List<SimulatedToolCalls.Call> calls = AnswerToolConversation.nextCalls(call, json, id);
      if (!calls.isEmpty()) {
        respondWithToolCalls(exchange, call, includeUsage, task, id, calls, extraCall);
        return;
      }
      scripted = AnswerToolConversation.answer(call, prompt, json);
    } else if (call.wantsToolCalls()
        || (!NotesDateConversation.TASK.equals(task) && call.wasToldItsCallsWereWrong(json))) {
      // A generic round of calls; also the round after one whose calls were all wrong (the
      // meeting-notes script answers an error itself).
      String id = "chatcmpl-sim-" + replySequence.incrementAndGet();
      respondWithToolCalls(
          exchange, call, includeUsage, task, id, SimulatedToolCalls.of(call, json, id), extraCall);
      return;
    }
    SimulatedReply reply = replyTo(call, prompt, scripted);
    log.debug(
        "Simulated reply {} for task {}: {} tokens{}, stream={}",
        reply.id(),
        reply.taskLabel(),
        reply.tokens().size(),
        prompt.isContinuation() ? " (continuation)" : "",
        call.stream());
    if (call.stream()) {
      streamer.stream(exchange, reply, prompt.material(), includeUsage, fault);
    } else {
      respondWhole(exchange, reply, fault);
    }
  }

  /**
   * @param scripted the reply of a scripted conversation ({@link ResearchConversation}), or null to
   *     compose it from the prompt
   */
  private SimulatedReply replyTo(ChatCompletionCall call, SimulatedPrompt prompt, String scripted) {
    String fullReply = scripted != null ? scripted : ReplyComposer.fullReplyFor(prompt);
    if (call.responseSchema() != null && !isJsonObject(fullReply)) {
      // A task the simulator has no structured reply for: JSON that fits the schema.
      fullReply =
          SchemaInstance.of(
              call.responseSchema(),
              json,
              SimulatedToolCalls.destinationIn(SimulatedToolCalls.lastUserText(call)));
    }
    String toSend =
        prompt.isContinuation() && scripted == null
            ? Continuation.remainderOf(fullReply, prompt.partialReply())
            : fullReply;
    List<String> tokens = SimulatedTokenizer.tokenize(toSend);
    SimulatedReasoning reasons = reasoningFor(call);
    if (reasons == SimulatedReasoning.IN_CONTENT) {
      tokens = ThinkingAloud.before(tokens, prompt.task());
    }
    List<String> reasoningTokens =
        reasons == SimulatedReasoning.IN_REASONING_FIELD
            ? ThinkingAloud.reasoning(prompt.task())
            : List.of();
    // As the real API: a reply longer than max_tokens stops there, finish_reason "length".
    boolean cut = call.maxTokens() != null && tokens.size() > call.maxTokens();
    if (cut) {
      tokens = tokens.subList(0, call.maxTokens());
    }
    return new SimulatedReply(
        "chatcmpl-sim-" + replySequence.incrementAndGet(),
        Instant.now().getEpochSecond(),
        call.model(),
        prompt.task(),
        tokens,
        TokenUsage.of(call.messages(), reasoningTokens.size() + tokens.size()),
        cut ? OpenAiWireFormat.FINISH_LENGTH : OpenAiWireFormat.FINISH_STOP,
        reasoningTokens);
  }

  /** Where this call's reply reasons: nowhere when the client asked for no reasoning. */
  private SimulatedReasoning reasoningFor(ChatCompletionCall call) {
    return call.asksForNoReasoning() ? SimulatedReasoning.NONE : reasoning;
  }

  private boolean isJsonObject(String text) {
    try {
      return json.readTree(text).isObject();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A round of tool calls ({@link SimulatedToolCalls}): streamed with each call's arguments in
   * {@link SimulatedToolCalls#ARGUMENT_CHUNK}-character pieces and {@code finish_reason:
   * tool_calls}, or whole. As the real API, a round longer than {@code max_tokens} (a piece
   * counting as a token) stops there with {@code finish_reason: length}, its last call incomplete.
   */
  private void respondWithToolCalls(
      HttpExchange exchange,
      ChatCompletionCall call,
      boolean includeUsage,
      String task,
      String id,
      List<SimulatedToolCalls.Call> scripted,
      Optional<SimulatorFault.ExtraToolCall> extraCall)
      throws IOException {
    List<SimulatedToolCalls.Call> calls =
        new ArrayList<>(
            extraCall.map(SimulatorFault.ExtraToolCall::alone).orElse(false)
                ? List.of()
                : scripted);
    extraCall.ifPresent(
        extra ->
            calls.add(new SimulatedToolCalls.Call(id + "-extra", extra.name(), extra.arguments())));
    List<String> reasoningTokens =
        reasoningFor(call) == SimulatedReasoning.IN_REASONING_FIELD
            ? ThinkingAloud.beforeCalls(task)
            : List.of();
    int pieces =
        calls.stream()
            .mapToInt(
                c ->
                    Math.max(
                        1,
                        -Math.floorDiv(-c.arguments().length(), SimulatedToolCalls.ARGUMENT_CHUNK)))
            .sum();
    SimulatedReply reply =
        new SimulatedReply(
            id,
            Instant.now().getEpochSecond(),
            call.model(),
            task,
            List.of(),
            TokenUsage.of(
                call.messages(),
                reasoningTokens.size()
                    + (call.maxTokens() == null ? pieces : Math.min(pieces, call.maxTokens()))),
            OpenAiWireFormat.FINISH_STOP,
            reasoningTokens);
    if (!call.stream()) {
      HttpExchanges.sendJson(exchange, 200, wire.toolCallCompletion(reply, calls));
      stats.recordUsage(task, reply.usage());
      stats.recordCompleted(task);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", ServerSentEvents.CONTENT_TYPE);
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream body = exchange.getResponseBody();
    ServerSentEvents events = new ServerSentEvents(body);
    for (int i = 0; i < reasoningTokens.size(); i++) {
      events.send(wire.reasoningChunk(reply, reasoningTokens.get(i), i == 0));
    }
    boolean firstOfReply = reasoningTokens.isEmpty();
    int allowed = call.maxTokens() == null ? Integer.MAX_VALUE : call.maxTokens();
    int sent = 0;
    for (int i = 0; i < calls.size() && sent < allowed; i++) {
      SimulatedToolCalls.Call c = calls.get(i);
      String arguments = c.arguments();
      int step = SimulatedToolCalls.ARGUMENT_CHUNK;
      for (int from = 0; (from == 0 || from < arguments.length()) && sent < allowed; from += step) {
        String part = arguments.substring(from, Math.min(arguments.length(), from + step));
        events.send(wire.toolCallChunk(reply, i, c, part, from == 0, firstOfReply));
        firstOfReply = false;
        sent++;
      }
    }
    events.send(
        wire.finishChunk(reply, sent < pieces ? OpenAiWireFormat.FINISH_LENGTH : "tool_calls"));
    if (includeUsage) {
      events.send(wire.usageChunk(reply));
      stats.recordUsage(task, reply.usage());
    }
    events.send(ServerSentEvents.DONE);
    body.close();
    stats.recordCompleted(task);
  }

  /**
   * A non-streaming reply; a mid-stream fault still breaks the connection, before any byte is sent.
   */
  private void respondWhole(
      HttpExchange exchange, SimulatedReply reply, Optional<SimulatorFault> fault)
      throws IOException {
    if (fault.isPresent()) {
      if (fault.get() instanceof SimulatorFault.HangAfter hang) {
        pause(hang.silence());
      }
      stats.recordAborted(reply.task());
      log.info(
          "Simulated fault: dropping non-streaming reply {} for task {}",
          reply.id(),
          reply.taskLabel());
      throw new DeliberateDisconnect("simulated cut of a non-streaming reply");
    }
    HttpExchanges.sendJson(exchange, 200, wire.completion(reply));
    reply.tokens().forEach(token -> stats.recordToken(reply.task()));
    stats.recordUsage(reply.task(), reply.usage());
    stats.recordCompleted(reply.task());
  }

  private static void pause(Duration silence) throws DeliberateDisconnect {
    try {
      Thread.sleep(silence.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliberateDisconnect("simulator is shutting down");
    }
  }
}
