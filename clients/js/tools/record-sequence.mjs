#!/usr/bin/env node
// Turns captured Server-Sent Events (the output of `curl -sN .../events`) and the run's final
// snapshot (`curl -s .../api/runs/$RUN`) into a recorded sequence for the reducer contract tests
// (protocol/src/test/resources/sequences/*.json). See clients/js/README.md, "Recording a sequence".
//
// The expected state comes from the final snapshot, the durable truth, and never from a reducer,
// so a sequence can catch a reducer (this one or the Java twin) that drifts from the server.
// Outcomes are all "ok": that is what a real stream must give a correct client. Edit both by hand
// for sequences that exercise a resync, and say so in the description.

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createRunView } from '../agentstream.js';

const USAGE = `usage: record-sequence.mjs --events capture.sse [--events more.sse ...] --final final.json
                          --description "what, how recorded" [--out sequence.json] [--check]

  --events       SSE text as captured with curl -sN; several files are concatenated in order
                 (e.g. a connection and its reconnect with Last-Event-ID)
  --final        GET /api/runs/{id} after the run ended: the expected state
  --description  what the stream is and how it was recorded (command, date)
  --out          where to write the sequence (default: stdout)
  --check        also apply the events with clients/js/agentstream.js and report, on stderr,
                 where its outcomes or final state differ from the recording`;

function parseArgs(argv) {
  const args = { events: [], check: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${name} needs a value`);
      return argv[++i];
    };
    if (name === '--events') args.events.push(value());
    else if (name === '--final') args.final = value();
    else if (name === '--description') args.description = value();
    else if (name === '--out') args.out = value();
    else if (name === '--check') args.check = true;
    else if (name === '--help' || name === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${name}`);
  }
  if (!args.events.length || !args.final || !args.description) fail('--events, --final and --description are required');
  return args;
}

function fail(message) {
  console.error(`record-sequence: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/**
 * Parses SSE text the way a browser's EventSource does for what the server sends: fields up to
 * the first colon (one optional space after it), events end at a blank line, comment lines
 * (": keep-alive") are skipped, several data lines join with a newline, no event name = message.
 */
export function parseSse(text) {
  const events = [];
  let name = null;
  let data = null;
  const dispatch = () => {
    if (data != null) events.push({ event: name || 'message', data: JSON.parse(data) });
    name = null;
    data = null;
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      dispatch();
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data = data == null ? value : data + '\n' + value;
  }
  dispatch();
  return events;
}

/** The fields a sequence's expected state is compared on; the same projection the tests apply. */
export function project(state) {
  return {
    status: state.status ?? null,
    steps: (state.steps ?? []).map(s => ({
      id: s.id, status: s.status, attempt: s.attempt, text: s.text ?? '', items: s.items ?? [],
      ...(s.reasoning ? { reasoning: s.reasoning } : {}),
    })),
    result: state.result ?? null,
    error: state.error ?? null,
  };
}

/**
 * Writes the sequence with one event per line, so that a reviewer can read (and a hand edit can
 * touch) one event at a time, and outcomes[i] sits on the same relative line as events[i].
 */
export function formatSequence({ description, events, outcomes, state }) {
  const lines = ['{'];
  lines.push(`  "description": ${JSON.stringify(description)},`);
  lines.push('  "events": [');
  events.forEach((e, i) => lines.push(`    ${JSON.stringify(e)}${i < events.length - 1 ? ',' : ''}`));
  lines.push('  ],');
  lines.push('  "outcomes": [');
  outcomes.forEach((o, i) => lines.push(`    ${JSON.stringify(o)}${i < outcomes.length - 1 ? ',' : ''}`));
  lines.push('  ],');
  lines.push(`  "state": ${JSON.stringify(state, null, 2).replace(/\n/g, '\n  ')}`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Applies a sequence with this package's reducer and lists every way it disagrees with it. */
export function differences(sequence) {
  const view = createRunView();
  const found = [];
  sequence.events.forEach((e, i) => {
    const outcome = view.apply(e.event, e.data);
    if (outcome !== sequence.outcomes[i]) {
      found.push(`events[${i}] (${e.event}, seq ${e.data.seq}): reducer says ${outcome}, recorded ${sequence.outcomes[i]}`);
    }
  });
  const got = project(view.state());
  const want = sequence.state;
  for (const key of ['status', 'result', 'error']) {
    if (JSON.stringify(got[key]) !== JSON.stringify(want[key])) found.push(`state.${key}: reducer ${JSON.stringify(got[key])?.slice(0, 200)}, recorded ${JSON.stringify(want[key])?.slice(0, 200)}`);
  }
  const ids = [...new Set([...got.steps.map(s => s.id), ...want.steps.map(s => s.id)])];
  for (const id of ids) {
    const g = got.steps.find(s => s.id === id);
    const w = want.steps.find(s => s.id === id);
    if (!g || !w) {
      found.push(`step ${id}: ${g ? 'only in the reducer' : 'missing in the reducer'}`);
      continue;
    }
    for (const key of ['status', 'attempt', 'text', 'items']) {
      if (JSON.stringify(g[key]) !== JSON.stringify(w[key])) {
        found.push(`step ${id}.${key}: reducer ${JSON.stringify(g[key]).slice(0, 200)}, recorded ${JSON.stringify(w[key]).slice(0, 200)}`);
      }
    }
  }
  if (got.steps.map(s => s.id).join() !== want.steps.map(s => s.id).join()) found.push('steps are in a different order');
  return found;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const events = args.events.flatMap(file => parseSse(readFileSync(file, 'utf8')));
  const final = JSON.parse(readFileSync(args.final, 'utf8'));
  const sequence = {
    description: args.description,
    events,
    outcomes: events.map(() => 'ok'),
    state: project(final),
  };
  const text = formatSequence(sequence);
  if (args.out) writeFileSync(args.out, text);
  else process.stdout.write(text);
  console.error(`record-sequence: ${events.length} events${args.out ? ' -> ' + args.out : ''}`);
  if (args.check) {
    const found = differences(sequence);
    console.error(found.length ? `record-sequence: the reducer disagrees:\n  ${found.join('\n  ')}` : 'record-sequence: the reducer agrees');
    if (found.length) process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
