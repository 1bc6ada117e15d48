// The reducer contract: every recorded sequence in protocol/src/test/resources/sequences (the same
// files the Java RunView must pass), then each rule of docs/protocol.md "Applying events" alone.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import {
  createRunView, EVENT_TYPES, TERMINAL_STATUSES, FINISHED_STEP_STATUSES, isTerminal,
} from '../agentstream.js';

const SEQUENCES = new URL('../../../protocol/src/test/resources/sequences/', import.meta.url);

const sequences = readdirSync(SEQUENCES)
  .filter(name => name.endsWith('.json'))
  .sort()
  .map(name => ({ name, ...JSON.parse(readFileSync(new URL(name, SEQUENCES), 'utf8')) }));

/** The fields a sequence's expected state holds; everything else in state() is not compared. */
function project(state) {
  return {
    status: state.status,
    // toolCalls only where a step has some, so the sequences recorded before tool calls stay as they are.
    // usage likewise only where a step (or the run) used some, stopReason only where there is one,
    // reasoning only where a step has some.
    steps: state.steps.map(({ id, status, attempt, text, reasoning, items, toolCalls, usage }) => ({
      id, status, attempt, text, items,
      ...(reasoning ? { reasoning } : {}),
      ...(toolCalls.length ? { toolCalls } : {}),
      ...(usage.inputTokens || usage.outputTokens ? { usage } : {}),
    })),
    result: state.result,
    error: state.error,
    ...(state.usage.inputTokens || state.usage.outputTokens ? { usage: state.usage } : {}),
    ...(state.stopReason ? { stopReason: state.stopReason } : {}),
  };
}

/** Applies a sequence's events, returning the outcome and the state after each one. */
function replay(sequence) {
  const view = createRunView();
  return sequence.events.map(({ event, data }) => ({ event, data, outcome: view.apply(event, data), state: view.state() }));
}

const stepIn = (state, id) => state.steps.find(s => s.id === id);

// Every event type of the Java protocol has a golden fixture (EventCodecGoldenTest enforces it),
// so a type added on the Java side fails here until this reducer handles it. run.started never
// reaches clients: servers send it as a snapshot.
const GOLDEN = new URL('../../../protocol/src/test/resources/golden/', import.meta.url);
const CLIENT_BOUND_TYPES = readdirSync(GOLDEN)
  .filter(f => f.endsWith('.json'))
  .map(f => f.slice(0, -'.json'.length))
  .filter(type => type !== 'run.started');

describe('the Java protocol', () => {
  test('every event type a server sends to clients is one this reducer handles', () => {
    assert.ok(CLIENT_BOUND_TYPES.length >= 14, `found ${CLIENT_BOUND_TYPES.length} in ${GOLDEN.pathname}`);
    assert.deepEqual(CLIENT_BOUND_TYPES.filter(type => !EVENT_TYPES.includes(type)), []);
  });
});

describe('recorded sequences', () => {
  test('there are sequences to check', () => {
    assert.ok(sequences.length >= 9, `found ${sequences.length} in ${SEQUENCES.pathname}`);
  });

  for (const sequence of sequences) {
    test(sequence.name, () => {
      assert.equal(sequence.outcomes.length, sequence.events.length, 'one outcome per event');
      const view = createRunView();
      sequence.events.forEach(({ event, data }, i) => {
        assert.equal(view.apply(event, data), sequence.outcomes[i], `events[${i}]: ${event} seq ${data.seq}`);
      });
      assert.deepEqual(project(view.state()), sequence.state);
    });
  }

  test('every event type the reducer understands occurs in at least one sequence', () => {
    const seen = new Set(sequences.flatMap(s => s.events.map(e => e.event)));
    assert.deepEqual(EVENT_TYPES.filter(type => !seen.has(type)), []);
  });
});

// Each edge case is only covered if its sequence really takes the path it is named for.
describe('the edge-case sequences exercise their rule', () => {
  const named = name => {
    const sequence = sequences.find(s => s.name === name + '.json');
    assert.ok(sequence, `${name}.json exists`);
    return replay(sequence);
  };
  const tokensAfterSnapshot = steps => {
    const snapshotAt = steps.findIndex(s => s.event === 'snapshot');
    return steps.slice(snapshotAt + 1).map((s, i, rest) => ({ ...s, before: (i ? rest[i - 1] : steps[snapshotAt]).state }))
      .filter(s => s.event === 'step.token');
  };

  test('resync-overlap: the snapshot already holds some tokens after it, and a later one extends its text', () => {
    const tokens = tokensAfterSnapshot(named('resync-overlap'));
    const length = (state, id) => stepIn(state, id).text.length;
    const ignored = tokens.filter(t => t.outcome === 'ok' && t.data.offset + t.data.text.length <= length(t.before, t.data.step));
    const extending = tokens.filter(t => t.outcome === 'ok' && length(t.state, t.data.step) > length(t.before, t.data.step));
    assert.ok(ignored.length > 0, 'a token the snapshot already has');
    assert.ok(ignored.every(t => stepIn(t.state, t.data.step).text === stepIn(t.before, t.data.step).text));
    assert.ok(extending.length > 0, 'a token that extends the snapshot');
  });

  test('gap: a token past the end asks for a resync, the next events are refused, a snapshot recovers', () => {
    const steps = named('gap');
    const first = steps.findIndex(s => s.outcome === 'resync');
    assert.ok(first > 0);
    assert.equal(steps[first].event, 'step.token');
    assert.ok(steps[first].data.offset > stepIn(steps[first - 1].state, steps[first].data.step).text.length);
    const recovered = steps.findIndex((s, i) => i > first && s.outcome === 'ok');
    assert.ok(recovered - first > 1, 'events between the gap and the snapshot are refused');
    assert.equal(steps[recovered].event, 'snapshot');
  });

  test('stale-attempt: events of an older attempt after the rewind are ignored without any change', () => {
    const steps = named('stale-attempt');
    const rewound = steps.findIndex(s => s.event === 'step.rewind');
    const stale = steps.filter((s, i) => i > rewound && s.data.step && s.data.attempt > 0
      && s.data.attempt < stepIn(steps[i - 1].state, s.data.step).attempt);
    assert.ok(stale.length >= 3, `stale events: ${stale.length}`);
    for (const s of stale) {
      const i = steps.indexOf(s);
      assert.equal(s.outcome, 'ok');
      assert.deepEqual(project(s.state), project(steps[i - 1].state), `${s.event} seq ${s.data.seq} changed nothing`);
    }
    assert.ok(stale.some(s => s.event === 'step.token'
      && s.data.offset > stepIn(steps[steps.indexOf(s) - 1].state, s.data.step).text.length),
    'a stale token past the end is ignored, not a gap');
  });

  test('crash-rewind: the rewind drops text the client had seen and the new attempt writes it again', () => {
    const steps = named('crash-rewind');
    const i = steps.findIndex(s => s.event === 'step.rewind');
    const before = stepIn(steps[i - 1].state, steps[i].data.step);
    const after = stepIn(steps[i].state, steps[i].data.step);
    assert.ok(after.text.length < before.text.length);
    assert.equal(after.attempt, 2);
    assert.equal(steps[i + 1].data.offset, after.text.length, 'attempt 2 continues at the checkpoint');
  });

  test('merged-tokens: one step.token carries several of the model\'s tokens', () => {
    assert.ok(named('merged-tokens').some(s => s.event === 'step.token' && s.data.text.trim().split(/\s+/).length > 1));
  });

  test('finish-now: steps end cut short and skipped and the result lists them', () => {
    const last = named('finish-now').at(-1).state;
    const ids = status => last.steps.filter(s => s.status === status).map(s => s.id);
    assert.ok(ids('CUT_SHORT').length > 0 && ids('SKIPPED').length > 0);
    assert.deepEqual(last.result.cutShortSteps, ids('CUT_SHORT'));
    assert.deepEqual(last.result.skippedSteps, ids('SKIPPED'));
  });

  test('cancel: the step running at the cancel ends CANCELLED', () => {
    const steps = named('cancel');
    const running = steps.at(-2).state.steps.filter(s => s.status === 'RUNNING').map(s => s.id);
    assert.equal(steps.at(-1).event, 'run.cancelled');
    assert.ok(running.length > 0);
    assert.ok(running.every(id => stepIn(steps.at(-1).state, id).status === 'CANCELLED'));
  });
});

// ---- the rules one at a time --------------------------------------------------------------------

const RUN = 'run-1';
let seq = 100;

/** A view that has applied a snapshot of a trip with `plan` running (attempt 1) and `summarize` pending. */
function viewWithPlanRunning(plan = {}) {
  const view = createRunView();
  const outcome = view.apply('snapshot', snapshotEvent([
    { id: 'plan', title: 'Plan', status: 'RUNNING', attempt: 1, text: 'Day 1: Arrive', items: [], error: null, ...plan },
    { id: 'summarize', title: 'Summarize', status: 'PENDING', attempt: 0, text: '', items: [], error: null },
  ]));
  assert.equal(outcome, 'ok');
  return view;
}

function snapshotEvent(steps, status = 'RUNNING') {
  const at = ++seq;
  return {
    runId: RUN, seq: at, type: 'snapshot', attempt: 0, ts: 0,
    snapshot: { runId: RUN, agent: 'trip-planner', status, currentStep: null, steps, questions: [], answers: {},
      result: null, error: null, lastEventId: at },
  };
}

/** Envelope plus fields, as the server flattens them. */
const ev = (type, step, attempt, fields = {}) => ({ runId: RUN, seq: ++seq, type, ...(step ? { step } : {}), attempt, ts: 0, ...fields });

function apply(view, type, step, attempt, fields) {
  return view.apply(type, ev(type, step, attempt, fields));
}

const plan = view => stepIn(view.state(), 'plan');

describe('before the first snapshot', () => {
  test('every event but a snapshot asks for a resync and changes nothing', () => {
    const view = createRunView();
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 0, text: 'x' }), 'resync');
    assert.equal(apply(view, 'run.status', null, 0, { status: 'RUNNING' }), 'resync');
    assert.equal(apply(view, 'something.new', null, 0), 'resync');
    assert.deepEqual(view.state(), { status: null, steps: [], result: null, error: null, questions: [], usage: { inputTokens: 0, outputTokens: 0 }, tokenBudget: null, stopReason: null, lastEventId: null });
  });
});

describe('snapshot', () => {
  test('replaces everything and ends a resync', () => {
    const view = viewWithPlanRunning();
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 99, text: '!' }), 'resync');
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 13, text: ' in' }), 'resync', 'still waiting for a snapshot');
    const snapshot = snapshotEvent([{ id: 'plan', title: 'Plan', status: 'RUNNING', attempt: 1, text: 'Day 1: Arrive in', items: [], error: null }]);
    assert.equal(view.apply('snapshot', snapshot), 'ok');
    assert.deepEqual(view.state().steps.map(s => [s.id, s.text]), [['plan', 'Day 1: Arrive in']]);
    assert.equal(view.state().lastEventId, snapshot.seq);
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 16, text: ' Hilo' }), 'ok');
    assert.equal(plan(view).text, 'Day 1: Arrive in Hilo');
  });

  test('a run.started that reaches the client unconverted counts as a snapshot', () => {
    const view = createRunView();
    const started = { ...snapshotEvent([{ id: 'answer', title: 'Answer', status: 'PENDING', attempt: 0, text: '', items: [], error: null }]), type: 'run.started' };
    assert.equal(view.apply('run.started', started), 'ok');
    assert.equal(view.state().status, 'RUNNING');
    assert.equal(stepIn(view.state(), 'answer').title, 'Answer');
  });

  test('without a body the view cannot be rebuilt and asks for a resync', () => {
    const view = viewWithPlanRunning();
    assert.equal(view.apply('snapshot', { runId: RUN, seq: ++seq, type: 'snapshot', attempt: 0, ts: 0 }), 'resync');
    assert.equal(apply(view, 'run.status', null, 0, { status: 'RUNNING' }), 'resync');
  });
});

describe('run status and questions', () => {
  test('run.status sets the status; questions sets them and waits for input', () => {
    const view = viewWithPlanRunning();
    const questions = [{ id: 'budget', text: 'Budget?', defaultAnswer: '$3,000' }];
    assert.equal(apply(view, 'questions', null, 0, { questions, timeoutSeconds: 60 }), 'ok');
    assert.equal(view.state().status, 'WAITING_FOR_INPUT');
    assert.deepEqual(view.state().questions, questions);
    apply(view, 'run.status', null, 0, { status: 'RUNNING' });
    assert.equal(view.state().status, 'RUNNING');
  });
});

describe('step.started', () => {
  test('starts a pending step at attempt 1 and a step the view did not know, with its title', () => {
    const view = viewWithPlanRunning();
    apply(view, 'step.started', 'summarize', 0, { title: 'Sum it up' });
    apply(view, 'step.started', 'extra', 0, { title: 'An extra step' });
    const { steps } = view.state();
    assert.deepEqual(steps.map(s => [s.id, s.status, s.attempt, s.title]), [
      ['plan', 'RUNNING', 1, 'Plan'], ['summarize', 'RUNNING', 1, 'Sum it up'], ['extra', 'RUNNING', 1, 'An extra step']]);
  });

  test('does not restart a step that is already running or finished', () => {
    const view = viewWithPlanRunning({ status: 'RETRYING', attempt: 2 });
    apply(view, 'step.started', 'plan', 0, { title: 'Plan' });
    assert.deepEqual([plan(view).status, plan(view).attempt], ['RETRYING', 2]);
  });
});

describe('step.token', () => {
  test('a token the view already has is ignored, one that reaches past the end replaces from its offset', () => {
    const view = viewWithPlanRunning();
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 6, text: ' Arrive' }), 'ok');
    assert.equal(plan(view).text, 'Day 1: Arrive');
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 7, text: 'Arrive in' }), 'ok');
    assert.equal(plan(view).text, 'Day 1: Arrive in');
  });

  test('a token past the end of the text is a gap', () => {
    const view = viewWithPlanRunning();
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 14, text: 'in' }), 'resync');
    assert.equal(plan(view).text, 'Day 1: Arrive');
  });

  test('offsets count UTF-16 code units, as the server\'s Java strings do', () => {
    const view = viewWithPlanRunning({ text: 'Surf 🏄' });
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 7, text: ' and swim' }), 'ok');
    assert.equal(plan(view).text, 'Surf 🏄 and swim');
  });

  test('a merged delta carrying several tokens applies like one', () => {
    const view = viewWithPlanRunning();
    apply(view, 'step.token', 'plan', 1, { offset: 13, text: ' in Honolulu, then' });
    assert.equal(plan(view).text, 'Day 1: Arrive in Honolulu, then');
  });
});

describe('step.reasoning', () => {
  test('a snapshot without reasoning gives every step ""; one with it keeps it', () => {
    assert.equal(plan(viewWithPlanRunning()).reasoning, '');
    assert.equal(plan(viewWithPlanRunning({ reasoning: 'Hilo first' })).reasoning, 'Hilo first');
  });

  test('placed by offset like a token: a repeat is ignored, an extension replaces from its offset, the text is untouched', () => {
    const view = viewWithPlanRunning({ reasoning: 'Hilo' });
    assert.equal(apply(view, 'step.reasoning', 'plan', 1, { offset: 0, text: 'Hi' }), 'ok');
    assert.equal(plan(view).reasoning, 'Hilo');
    assert.equal(apply(view, 'step.reasoning', 'plan', 1, { offset: 2, text: 'lo is wet' }), 'ok');
    assert.deepEqual([plan(view).reasoning, plan(view).text], ['Hilo is wet', 'Day 1: Arrive']);
  });

  test('reasoning past the end is a gap, measured against the reasoning, not the text', () => {
    const view = viewWithPlanRunning();
    assert.equal(apply(view, 'step.reasoning', 'plan', 1, { offset: 13, text: 'hmm' }), 'resync');
    assert.equal(plan(view).reasoning, '');
    assert.equal(apply(view, 'step.reasoning', 'plan', 1, { offset: 0, text: 'hmm' }), 'resync', 'still waiting for a snapshot');
  });

  test('reasoning of an older attempt is ignored, even past the end; of a newer one asks for a resync', () => {
    const view = viewWithPlanRunning({ attempt: 2, reasoning: 'Hilo' });
    assert.equal(apply(view, 'step.reasoning', 'plan', 1, { offset: 4, text: ' zombie' }), 'ok');
    assert.equal(apply(view, 'step.reasoning', 'plan', 1, { offset: 50, text: 'zombie' }), 'ok');
    assert.equal(plan(view).reasoning, 'Hilo');
    assert.equal(apply(view, 'step.reasoning', 'plan', 3, { offset: 4, text: '!' }), 'resync');
  });

  test('a rewind takes the checkpoint\'s reasoning, "" when it has none', () => {
    const view = viewWithPlanRunning({ reasoning: 'Hilo is wet. Check' });
    apply(view, 'step.rewind', 'plan', 2, { text: 'Day 1', items: [], reasoning: 'Hilo is wet.' });
    assert.deepEqual([plan(view).attempt, plan(view).reasoning], [2, 'Hilo is wet.']);
    apply(view, 'step.rewind', 'plan', 3, { text: 'Day 1', items: [] });
    assert.deepEqual([plan(view).attempt, plan(view).reasoning], [3, '']);
  });

  test('step.completed and step.failed clear it, and a late delta does not bring it back', () => {
    const view = viewWithPlanRunning({ reasoning: 'Hilo' });
    apply(view, 'step.completed', 'plan', 0, { status: 'COMPLETED', text: 'Day 1: Arrive in Hilo', items: [] });
    assert.equal(plan(view).reasoning, '');
    assert.equal(apply(view, 'step.reasoning', 'plan', 1, { offset: 0, text: 'Hilo again' }), 'ok');
    assert.equal(plan(view).reasoning, '');
    const failed = viewWithPlanRunning({ reasoning: 'Hilo' });
    apply(failed, 'step.failed', 'plan', 0, { error: 'bad key' });
    assert.deepEqual([plan(failed).status, plan(failed).reasoning], ['FAILED', '']);
  });

  test('run.failed and run.cancelled clear the reasoning of the steps they end', () => {
    for (const [type, status] of [['run.failed', 'FAILED'], ['run.cancelled', 'CANCELLED']]) {
      const view = viewWithPlanRunning({ reasoning: 'Hilo' });
      apply(view, type, null, 0, { error: 'boom' });
      assert.deepEqual([plan(view).status, plan(view).reasoning], [status, '']);
    }
  });
});

describe('step.data and step.progress', () => {
  test('an item is appended or replaced by index; an index past the end is a gap', () => {
    const view = viewWithPlanRunning();
    apply(view, 'step.data', 'plan', 1, { index: 0, item: { id: 'a' } });
    apply(view, 'step.data', 'plan', 1, { index: 0, item: { id: 'a', rationale: 'good' } });
    apply(view, 'step.data', 'plan', 1, { index: 1, item: { id: 'b' } });
    assert.deepEqual(plan(view).items, [{ id: 'a', rationale: 'good' }, { id: 'b' }]);
    assert.equal(apply(view, 'step.data', 'plan', 1, { index: 3, item: { id: 'd' } }), 'resync');
  });

  test('progress keeps message, done and total; missing counts are null', () => {
    const view = viewWithPlanRunning();
    apply(view, 'step.progress', 'plan', 1, { message: 'Looking', done: 1, total: 4 });
    assert.deepEqual(plan(view).progress, { message: 'Looking', done: 1, total: 4 });
    apply(view, 'step.progress', 'plan', 1, { message: 'Writing' });
    assert.deepEqual(plan(view).progress, { message: 'Writing', done: null, total: null });
  });
});

describe('deltas and attempts', () => {
  test('a delta of a finished step is ignored', () => {
    const view = viewWithPlanRunning();
    apply(view, 'step.completed', 'plan', 0, { status: 'CUT_SHORT', text: 'Day 1: Arrive', items: [] });
    for (const [type, fields] of [['step.token', { offset: 13, text: ' late' }], ['step.data', { index: 0, item: 1 }], ['step.progress', { message: 'm' }]]) {
      assert.equal(apply(view, type, 'plan', 1, fields), 'ok');
    }
    assert.deepEqual([plan(view).status, plan(view).text, plan(view).items, plan(view).progress], ['CUT_SHORT', 'Day 1: Arrive', [], null]);
  });

  test('a delta of an older attempt is ignored, even one that would be a gap', () => {
    const view = viewWithPlanRunning({ attempt: 2 });
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 50, text: 'zombie' }), 'ok');
    assert.equal(apply(view, 'step.data', 'plan', 1, { index: 5, item: 'zombie' }), 'ok');
    assert.deepEqual([plan(view).text, plan(view).items], ['Day 1: Arrive', []]);
  });

  test('a delta of a newer attempt means its rewind was missed', () => {
    const view = viewWithPlanRunning();
    assert.equal(apply(view, 'step.progress', 'plan', 2, { message: 'again' }), 'resync');
  });

  test('an event that asks for a resync leaves no trace, not even of a step the view did not know', () => {
    const view = viewWithPlanRunning();
    const before = view.state();
    assert.equal(apply(view, 'step.token', 'ghost', 1, { offset: 0, text: 'boo' }), 'resync');
    assert.deepEqual(view.state(), before);
  });
});

describe('tool calls', () => {
  test('a call is placed by index, its arguments by offset; a gap in either asks for a resync', () => {
    const view = viewWithPlanRunning();
    assert.equal(apply(view, 'tool.call.started', 'plan', 1, { index: 1, callId: 'c', name: 'search_places', arguments: '' }), 'resync');
    const other = viewWithPlanRunning();
    assert.equal(apply(other, 'tool.call.started', 'plan', 1, { index: 0, callId: 'c', name: 'search_places', arguments: '{"a"' }), 'ok');
    assert.equal(apply(other, 'tool.call.arguments', 'plan', 1, { index: 0, offset: 4, text: ':1}' }), 'ok');
    assert.equal(plan(other).toolCalls[0].arguments, '{"a":1}');
    assert.equal(apply(other, 'tool.call.arguments', 'plan', 1, { index: 0, offset: 9, text: 'x' }), 'resync');
  });

  test('a result for a call the view does not have asks for a resync; a known one ends the call', () => {
    const view = viewWithPlanRunning();
    assert.equal(apply(view, 'tool.call.completed', 'plan', 1, { index: 0, summary: 's', data: null, error: null }), 'resync');
    const other = viewWithPlanRunning();
    apply(other, 'tool.call.started', 'plan', 1, { index: 0, callId: 'c', name: 'search_places', arguments: '{}' });
    assert.equal(apply(other, 'tool.call.completed', 'plan', 1, { index: 0, summary: null, data: null, error: 'timeout' }), 'ok');
    const { status, error } = plan(other).toolCalls[0];
    assert.deepEqual({ status, error }, { status: 'FAILED', error: 'timeout' });
  });

  test('a snapshot without toolCalls gives every step an empty list', () => {
    assert.deepEqual(plan(viewWithPlanRunning()).toolCalls, []);
  });
});

describe('step.rewind and step.retrying', () => {
  test('a rewind makes the step exactly the checkpoint of the new attempt', () => {
    const view = viewWithPlanRunning({ error: 'earlier' });
    apply(view, 'step.progress', 'plan', 1, { message: 'Writing' });
    apply(view, 'step.token', 'plan', 1, { offset: 13, text: ' in Honolulu' });
    apply(view, 'step.rewind', 'plan', 2, { text: 'Day 1: Arrive in', items: [{ id: 'a' }] });
    const { status, attempt, text, items, error, progress } = plan(view);
    assert.deepEqual({ status, attempt, text, items, error, progress },
      { status: 'RUNNING', attempt: 2, text: 'Day 1: Arrive in', items: [{ id: 'a' }], error: null, progress: null });
    assert.equal(apply(view, 'step.token', 'plan', 1, { offset: 25, text: ',' }), 'ok');
    assert.equal(plan(view).text, 'Day 1: Arrive in');
  });

  test('a rewind of an older attempt or of a finished step is ignored', () => {
    const view = viewWithPlanRunning({ attempt: 3 });
    apply(view, 'step.rewind', 'plan', 2, { text: '', items: [] });
    assert.deepEqual([plan(view).attempt, plan(view).text], [3, 'Day 1: Arrive']);
    apply(view, 'step.completed', 'plan', 0, { status: 'COMPLETED', text: 'Done', items: [] });
    apply(view, 'step.rewind', 'plan', 4, { text: '', items: [] });
    assert.deepEqual([plan(view).status, plan(view).text], ['COMPLETED', 'Done']);
  });

  test('retrying marks the step RETRYING with the error, unless it comes from an older attempt', () => {
    const view = viewWithPlanRunning({ attempt: 2 });
    apply(view, 'step.retrying', 'plan', 1, { error: 'old', nextAttempt: 2 });
    assert.equal(plan(view).status, 'RUNNING');
    apply(view, 'step.retrying', 'plan', 2, { error: 'model cut', nextAttempt: 3 });
    assert.deepEqual([plan(view).status, plan(view).error], ['RETRYING', 'model cut']);
  });
});

describe('step.completed and step.failed', () => {
  test('completed is authoritative, whatever the attempt, and ends the progress', () => {
    const view = viewWithPlanRunning({ attempt: 2 });
    apply(view, 'step.progress', 'plan', 2, { message: 'Writing' });
    apply(view, 'step.completed', 'plan', 0, { status: 'COMPLETED', text: 'Day 1: Arrive in Hilo', items: ['x'] });
    const { status, text, items, progress, attempt } = plan(view);
    assert.deepEqual({ status, text, items, progress, attempt },
      { status: 'COMPLETED', text: 'Day 1: Arrive in Hilo', items: ['x'], progress: null, attempt: 2 });
  });

  test('failed marks the step FAILED with the error', () => {
    const view = viewWithPlanRunning();
    apply(view, 'step.failed', 'plan', 0, { error: 'bad key' });
    assert.deepEqual([plan(view).status, plan(view).error, plan(view).text], ['FAILED', 'bad key', 'Day 1: Arrive']);
  });
});

describe('run endings', () => {
  test('completed carries the result', () => {
    const view = viewWithPlanRunning();
    apply(view, 'run.completed', null, 0, { result: { answer: 42 } });
    assert.deepEqual([view.state().status, view.state().result], ['COMPLETED', { answer: 42 }]);
  });

  test('failed carries the error and fails the steps in flight, not the pending ones', () => {
    const view = viewWithPlanRunning();
    apply(view, 'run.failed', null, 0, { error: 'boom' });
    assert.deepEqual([view.state().status, view.state().error], ['FAILED', 'boom']);
    assert.deepEqual(view.state().steps.map(s => s.status), ['FAILED', 'PENDING']);
  });

  test('cancelled cancels the steps in flight (running or retrying), not the pending ones', () => {
    const view = viewWithPlanRunning({ status: 'RETRYING' });
    apply(view, 'run.cancelled', null, 0);
    assert.equal(view.state().status, 'CANCELLED');
    assert.deepEqual(view.state().steps.map(s => s.status), ['CANCELLED', 'PENDING']);
  });
});

describe('lastEventId and unknown types', () => {
  test('every event answered ok moves lastEventId, ignored ones included; a resync does not', () => {
    const view = viewWithPlanRunning();
    const ignored = ev('step.token', 'plan', 1, { offset: 0, text: 'Day' });
    assert.equal(view.apply('step.token', ignored), 'ok');
    assert.equal(view.state().lastEventId, ignored.seq);
    const gap = ev('step.token', 'plan', 1, { offset: 99, text: '!' });
    assert.equal(view.apply('step.token', gap), 'resync');
    assert.equal(view.state().lastEventId, ignored.seq);
  });

  test('an unknown type is skipped: ok, nothing changes but lastEventId, and it is not in EVENT_TYPES', () => {
    const view = viewWithPlanRunning();
    const before = view.state();
    const future = ev('step.tool_call', 'plan', 1, { tool: 'search' });
    assert.equal(view.apply('step.tool_call', future), 'ok');
    assert.deepEqual({ ...view.state(), lastEventId: before.lastEventId }, before);
    assert.equal(view.state().lastEventId, future.seq);
    assert.ok(!EVENT_TYPES.includes('step.tool_call'));
  });
});

describe('state() and the constants', () => {
  test('state() is a copy: changing it does not change the view', () => {
    const view = viewWithPlanRunning();
    apply(view, 'step.data', 'plan', 1, { index: 0, item: { id: 'a' } });
    const state = view.state();
    state.steps[0].text = 'changed';
    state.steps[0].items[0].id = 'changed';
    state.steps.pop();
    assert.equal(plan(view).text, 'Day 1: Arrive');
    assert.deepEqual(plan(view).items, [{ id: 'a' }]);
    assert.equal(view.state().steps.length, 2);
  });

  test('terminal run statuses and finished step statuses', () => {
    assert.deepEqual([...TERMINAL_STATUSES], ['COMPLETED', 'FAILED', 'CANCELLED']);
    assert.deepEqual([...FINISHED_STEP_STATUSES], ['COMPLETED', 'CUT_SHORT', 'SKIPPED', 'FAILED', 'CANCELLED']);
    assert.ok(isTerminal('CANCELLED') && !isTerminal('WAITING_FOR_INPUT') && !isTerminal(null));
    assert.ok(Object.isFrozen(EVENT_TYPES) && EVENT_TYPES.length === 18);
  });
});

describe('step.failed', () => {
  test('keeps the tokens the failed step used, and the run counts them', () => {
    const view = viewWithPlanRunning();
    assert.equal(apply(view, 'step.failed', 'plan', 1, { error: 'HTTP 401', usage: { inputTokens: 812, outputTokens: 12 } }), 'ok');
    assert.equal(plan(view).status, 'FAILED');
    assert.deepEqual(plan(view).usage, { inputTokens: 812, outputTokens: 12 });
    assert.deepEqual(view.state().usage, { inputTokens: 812, outputTokens: 12 });
  });
});
