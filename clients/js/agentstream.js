// @agentstream/client: the client reducer of docs/protocol.md ("Applying events") as a plain ES
// module, no build step and no dependencies, so a browser can import it as served and Node can
// import it from npm. The Java twin is io.agentstream.protocol.RunView; both must pass the recorded
// sequences in protocol/src/test/resources/sequences/, which is what keeps the two in agreement.

/**
 * Every event type the server sends over SSE that this reducer gives a meaning to. A page
 * subscribes to exactly these (an `EventSource` only delivers named events it listens for), and
 * the contract test checks that each one occurs in at least one recorded sequence. `run.started`
 * is deliberately absent: the server turns it into a `snapshot` before it reaches a client, and the
 * reducer only accepts it as a synonym in case it ever arrives unconverted.
 */
export const EVENT_TYPES = Object.freeze([
  'snapshot', 'run.status', 'questions',
  'step.started', 'step.token', 'step.reasoning', 'step.data', 'step.progress',
  'tool.call.started', 'tool.call.arguments', 'tool.call.completed',
  'step.rewind', 'step.retrying', 'step.completed', 'step.failed',
  'run.completed', 'run.failed', 'run.cancelled',
]);

/** Run statuses after which nothing changes any more: a client can stop listening (and reconnecting). */
export const TERMINAL_STATUSES = Object.freeze(['COMPLETED', 'FAILED', 'CANCELLED']);

/**
 * Step statuses after which the step takes no more deltas: a late token of a finished step is an
 * echo of output that `step.completed` already delivered in full, never something to append.
 */
export const FINISHED_STEP_STATUSES = Object.freeze(['COMPLETED', 'CUT_SHORT', 'SKIPPED', 'FAILED', 'CANCELLED']);

/** True for a run status that no later event can change (null, before the first snapshot, is not). */
export function isTerminal(status) {
  return TERMINAL_STATUSES.includes(status);
}

const OK = 'ok';
const RESYNC = 'resync';

/**
 * A client's view of one run, rebuilt from its events. Feed it every SSE event in the order
 * received; render from `state()`, never by appending deltas to the screen yourself, and a
 * reconnect, a repeated event or a rewind cannot duplicate or lose text.
 *
 * The view starts out needing a snapshot: until one arrives (the first event of every stream
 * opened without an id) all other events answer "resync".
 *
 * @returns {{apply: (type: string, data: object) => ('ok'|'resync'), state: () => RunState}}
 */
export function createRunView() {
  let status = null;
  let result = null;
  let error = null;
  let questions = [];
  let tokenBudget = null;
  let stopReason = null;
  let lastEventId = null;
  let steps = new Map();
  let needsResync = true;

  /**
   * Applies one event. "ok" means the view is exact again up to this event (which includes
   * events ignored on purpose: repeats the view already holds, stale attempts, unknown types);
   * "resync" means the view can no longer be exact (it missed something), so the caller must
   * reconnect WITHOUT an id to get a fresh snapshot. Until that snapshot, every other event
   * answers "resync" and changes nothing, so events still buffered on the old connection are
   * harmless.
   *
   * @param {string} type the SSE event name (`event:` line)
   * @param {object} data the parsed JSON of the `data:` line
   * @returns {'ok'|'resync'}
   */
  function apply(type, data) {
    if (type === 'snapshot' || type === 'run.started') return replace(data);
    if (needsResync) return RESYNC;
    const outcome = reduce(type, data);
    if (outcome === RESYNC) {
      needsResync = true;
      return RESYNC;
    }
    lastEventId = data.seq;
    return OK;
  }

  function replace(data) {
    const snap = data && data.snapshot;
    if (!snap || typeof snap !== 'object') {
      // Nothing to rebuild from: the view stays (or becomes) stale rather than silently empty.
      needsResync = true;
      return RESYNC;
    }
    status = snap.status ?? null;
    result = copy(snap.result ?? null);
    error = snap.error ?? null;
    questions = copy(snap.questions ?? []);
    tokenBudget = snap.tokenBudget ?? null;
    stopReason = snap.stopReason ?? null;
    steps = new Map();
    for (const s of snap.steps ?? []) {
      steps.set(s.id, {
        id: s.id,
        status: s.status,
        attempt: s.attempt ?? 0,
        text: s.text ?? '',
        reasoning: s.reasoning ?? '',
        items: copy(s.items ?? []),
        title: s.title ?? s.id,
        error: s.error ?? null,
        progress: null,
        toolCalls: (s.toolCalls ?? []).map(toolCall),
        usage: tokenUsage(s.usage),
      });
    }
    needsResync = false;
    lastEventId = data.seq;
    return OK;
  }

  function reduce(type, data) {
    switch (type) {
      case 'run.status':
        status = data.status;
        return OK;
      case 'questions':
        questions = copy(data.questions ?? []);
        status = 'WAITING_FOR_INPUT';
        return OK;
      case 'step.started': return started(data);
      case 'step.token': return textDelta(data, 'text');
      case 'step.reasoning': return textDelta(data, 'reasoning');
      case 'step.data': return item(data);
      case 'step.progress': return progress(data);
      case 'tool.call.started': return toolCallStarted(data);
      case 'tool.call.arguments': return toolCallArguments(data);
      case 'tool.call.completed': return toolCallCompleted(data);
      case 'step.rewind': return rewind(data);
      case 'step.retrying': return retrying(data);
      case 'step.completed':
        return change(data, step => {
          step.status = data.status;
          step.text = data.text ?? '';
          step.items = copy(data.items ?? []);
          step.toolCalls = (data.toolCalls ?? []).map(toolCall);
          step.usage = tokenUsage(data.usage);
          step.progress = null;
          step.reasoning = ''; // a running step's work, not its output
        });
      case 'step.failed':
        return change(data, step => {
          step.status = 'FAILED';
          step.error = data.error ?? null;
          step.usage = tokenUsage(data.usage);
          step.reasoning = '';
        });
      case 'run.completed':
        status = 'COMPLETED';
        result = copy(data.result ?? null);
        if (data.stopReason != null) stopReason = data.stopReason;
        return OK;
      case 'run.failed':
        status = 'FAILED';
        error = data.error ?? null;
        endInFlightSteps('FAILED');
        return OK;
      case 'run.cancelled':
        status = 'CANCELLED';
        endInFlightSteps('CANCELLED');
        return OK;
      default:
        // A type added to the protocol after this client was written: skipping it keeps the view
        // as exact as the client can make it, and moving lastEventId past it avoids a replay loop.
        return OK;
    }
  }

  /**
   * The event's step as it is now, or a blank PENDING one (attempt 0, title = id) for a step the
   * view does not know yet. A blank step only joins the view when an event actually changes it,
   * so an event that is ignored or answers "resync" leaves the view exactly as it was.
   */
  function stepOf(data) {
    return steps.get(data.step) ?? {
      id: data.step, status: 'PENDING', attempt: 0, text: '', reasoning: '', items: [], title: data.step, error: null, progress: null,
      toolCalls: [], usage: tokenUsage(null),
    };
  }

  function change(data, mutate) {
    const step = stepOf(data);
    mutate(step);
    steps.set(step.id, step);
    return OK;
  }

  function started(data) {
    const step = stepOf(data);
    if (data.title != null) step.title = data.title;
    if (step.status === 'PENDING') {
      step.status = 'RUNNING';
      step.attempt = Math.max(step.attempt, 1);
    }
    steps.set(step.id, step);
    return OK;
  }

  /**
   * Whether a delta of `attempt` may touch `step`: "ok" to skip it (the step is finished, or the
   * delta comes from an older attempt, e.g. a frozen worker that woke up), "resync" when it comes
   * from a newer attempt whose rewind this view never saw, null to apply it.
   */
  function skipDelta(step, attempt) {
    if (FINISHED_STEP_STATUSES.includes(step.status) || attempt < step.attempt) return OK;
    if (attempt > step.attempt) return RESYNC;
    return null;
  }

  /**
   * `step.token` (`field` "text") and `step.reasoning` (what the model writes while it thinks,
   * `field` "reasoning"): `data.text` placed by offset in that string of the step.
   */
  function textDelta(data, field) {
    const step = stepOf(data);
    const skip = skipDelta(step, data.attempt ?? 0);
    if (skip) return skip;
    const next = placed(step[field], data);
    if (next === null) return RESYNC;
    if (next === step[field]) return OK; // already have it
    step[field] = next;
    steps.set(step.id, step);
    return OK;
  }

  function item(data) {
    const step = stepOf(data);
    const skip = skipDelta(step, data.attempt ?? 0);
    if (skip) return skip;
    if (data.index > step.items.length) return RESYNC;
    step.items[data.index] = copy(data.item);
    steps.set(step.id, step);
    return OK;
  }

  function progress(data) {
    const step = stepOf(data);
    const skip = skipDelta(step, data.attempt ?? 0);
    if (skip) return skip;
    step.progress = { message: data.message ?? null, done: data.done ?? null, total: data.total ?? null };
    steps.set(step.id, step);
    return OK;
  }

  /** A new tool call at `index`; a repeat of one the view has keeps the arguments it has grown since. */
  function toolCallStarted(data) {
    const step = stepOf(data);
    const skip = skipDelta(step, data.attempt ?? 0);
    if (skip) return skip;
    if (data.index > step.toolCalls.length) return RESYNC;
    if (data.index === step.toolCalls.length) {
      step.toolCalls.push(toolCall({ callId: data.callId, name: data.name, arguments: data.arguments }));
    }
    steps.set(step.id, step);
    return OK;
  }

  /** More arguments of a tool call, placed by offset exactly like a token in the step's text. */
  function toolCallArguments(data) {
    const step = stepOf(data);
    const skip = skipDelta(step, data.attempt ?? 0);
    if (skip) return skip;
    const call = step.toolCalls[data.index];
    const next = call ? placed(call.arguments, data) : null;
    if (next === null) return RESYNC;
    if (call.status !== 'RUNNING' || next === call.arguments) return OK;
    call.arguments = next;
    steps.set(step.id, step);
    return OK;
  }

  function toolCallCompleted(data) {
    const step = stepOf(data);
    const skip = skipDelta(step, data.attempt ?? 0);
    if (skip) return skip;
    const call = step.toolCalls[data.index];
    if (!call) return RESYNC;
    call.status = data.error == null ? 'COMPLETED' : 'FAILED';
    call.summary = data.summary ?? null;
    call.data = copy(data.data ?? null);
    call.error = data.error ?? null;
    steps.set(step.id, step);
    return OK;
  }

  function rewind(data) {
    const step = stepOf(data);
    const attempt = data.attempt ?? 0;
    if (attempt < step.attempt || FINISHED_STEP_STATUSES.includes(step.status)) return OK;
    step.attempt = attempt;
    step.text = data.text ?? '';
    step.reasoning = data.reasoning ?? '';
    step.items = copy(data.items ?? []);
    step.toolCalls = (data.toolCalls ?? []).map(toolCall);
    step.status = 'RUNNING';
    step.error = null;
    step.progress = null;
    steps.set(step.id, step);
    return OK;
  }

  function retrying(data) {
    const step = stepOf(data);
    if ((data.attempt ?? 0) < step.attempt || FINISHED_STEP_STATUSES.includes(step.status)) return OK;
    step.status = 'RETRYING';
    step.error = data.error ?? null;
    steps.set(step.id, step);
    return OK;
  }

  /**
   * The durable state of an ended run shows its in-flight steps ended the same way; match it live.
   * Their reasoning goes with them: it was work in progress, and the step is no longer in progress.
   */
  function endInFlightSteps(ended) {
    for (const step of steps.values()) {
      if (step.status === 'RUNNING' || step.status === 'RETRYING') {
        step.status = ended;
        step.reasoning = '';
      }
    }
  }

  /**
   * A copy the caller may keep or change freely: the view's internals never leak, so a renderer
   * that holds on to the previous state can diff it against the next one.
   *
   * @returns {RunState}
   */
  function state() {
    return {
      status,
      steps: [...steps.values()].map(copy),
      result: copy(result),
      error,
      questions: copy(questions),
      usage: runUsage(),
      tokenBudget,
      stopReason,
      lastEventId,
    };
  }

  /** The run's tokens: the sum of its steps' usage (a step's is known once it is finished). */
  function runUsage() {
    let inputTokens = 0;
    let outputTokens = 0;
    for (const step of steps.values()) {
      inputTokens += step.usage.inputTokens;
      outputTokens += step.usage.outputTokens;
    }
    return { inputTokens, outputTokens };
  }

  return { apply, state };
}

/** Token usage as the view holds it; missing (events from before usage was reported) is 0. */
function tokenUsage(u) {
  return { inputTokens: u?.inputTokens ?? 0, outputTokens: u?.outputTokens ?? 0 };
}

/** A tool call as the view holds it, every field present (see ToolCall in the Java protocol). */
function toolCall(c) {
  return {
    callId: c.callId ?? null,
    name: c.name ?? null,
    arguments: c.arguments ?? '',
    status: c.status ?? 'RUNNING',
    summary: c.summary ?? null,
    data: copy(c.data ?? null),
    error: c.error ?? null,
  };
}

/** Event data is plain JSON, so a structured clone is a full, independent copy. */
/**
 * `data.text` placed at `data.offset` of `current`: the longer string, `current` itself when it
 * holds that text already, or null when the offset is past its end (a gap). Offsets count UTF-16
 * code units, as JavaScript and Java strings do.
 */
function placed(current, data) {
  if (data.offset > current.length) return null;
  if (data.offset + data.text.length <= current.length) return current;
  return current.slice(0, data.offset) + data.text;
}

function copy(value) {
  return value == null || typeof value !== 'object' ? value : structuredClone(value);
}

/**
 * @typedef {object} RunState
 * @property {string|null} status RUNNING, WAITING_FOR_INPUT, COMPLETED, FAILED or CANCELLED; null before the first snapshot
 * @property {StepState[]} steps in the run's order (new steps are appended as they appear)
 * @property {*} result the agent's result once COMPLETED, else null
 * @property {string|null} error why the run FAILED
 * @property {object[]} questions the questions last asked ({id, text, defaultAnswer})
 * @property {{inputTokens: number, outputTokens: number}} usage the run's tokens, the sum of its steps' usage
 * @property {number|null} tokenBudget the most tokens (input and output) the run may use, null for no limit
 * @property {string|null} stopReason why the run stopped early: FINISH_NOW, TOKEN_BUDGET, or null
 * @property {number|null} lastEventId seq of the last event applied: what to resume after (`Last-Event-ID`)
 */

/**
 * @typedef {object} StepState
 * @property {string} id
 * @property {string} status PENDING, RUNNING, RETRYING, COMPLETED, CUT_SHORT, SKIPPED, FAILED or CANCELLED
 * @property {number} attempt the attempt whose output the step shows (0 before it starts)
 * @property {string} text
 * @property {string} reasoning what the model writes while it thinks, before its answer or tool calls (`step.reasoning`);
 *   a running step's work, not its output: "" once the step has finished
 * @property {Array} items
 * @property {string} title
 * @property {string|null} error why the last attempt failed (retrying) or the step gave up (failed)
 * @property {{message: string|null, done: number|null, total: number|null}|null} progress what the running attempt says it is doing
 * @property {ToolCallState[]} toolCalls the step's tool calls in the order the model made them
 * @property {{inputTokens: number, outputTokens: number}} usage the tokens the step used, every attempt included; known once it is finished
 */

/**
 * @typedef {object} ToolCallState
 * @property {string|null} callId the model's id for the call
 * @property {string|null} name the tool's name
 * @property {string} arguments JSON text; while RUNNING, possibly only the part received so far
 * @property {string} status RUNNING, COMPLETED or FAILED
 * @property {string|null} summary a short summary of the result
 * @property {*} data the result as data
 * @property {string|null} error why the call FAILED
 */
