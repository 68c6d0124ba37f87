/**
 * No deny on a guess: every deny finding on the Terraform corpus names the resolved values it
 * compared. For each deny, the values its rule compares are read back from the policy's model with
 * `opa eval` (the reference engine; __tests__/policy/wasm-vs-opa.test.ts shows the Wasm agrees) and
 * must be resolved — a number or a boolean, a redrive policy known to be absent, a policy document
 * known statement by statement — never "unknown", and the message must state them.
 *
 * What each rule compares (the rules that deny on the corpus; a deny of any other rule fails the
 * test until its row is added):
 *
 * | rule    | resource | resolved values                                         | the message states      |
 * |---------|----------|---------------------------------------------------------|-------------------------|
 * | SQSL001 | queue    | visibility_timeout, function_timeout (numbers)          | both, in seconds        |
 * | SQSL002 | queue    | visibility_timeout, function_timeout, batching_window   | all three, in seconds   |
 * | SQSL003 | queue    | redrive status "none" (not "unknown"), no DLQ           | "has no redrive policy" |
 * | SQSL005 | DLQ      | source_retention, dlq_retention (numbers), fifo false   | both retentions         |
 * | SQSL006 | DLQ      | source queue fifo true, DLQ fifo false (booleans)       | FIFO / standard         |
 * | SQSL023 | policy   | the document with that statement is "known" (read)      | the broad action        |
 * | SQSL024 | role     | each named action's grant is "no" (not "unknown")       | the actions, the queue  |
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findProjectTool } from '../../scripts/dev/toolchain';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.join(ROOT, 'corpus');

// the one tool finder (scripts/find-tool.sh): .tools/bin first, then PATH
const findOpa = (): string => findProjectTool('opa');

interface Deny {
  rule: string;
  resource: string;
  related: string[];
  message: string;
}
interface Pipeline {
  mapping: string;
  queue: unknown;
  dlq: unknown;
  fifo: unknown;
  max_receive_count: unknown;
  visibility_timeout: unknown;
  function_timeout: unknown;
  batching_window: unknown;
  source_retention: unknown;
  dlq_retention: unknown;
}
interface Facts {
  denies: Deny[];
  pipelines: Pipeline[];
  /** mapping -> redrive status ("set" | "none" | "unknown") */
  redrive: Record<string, string>;
  /** queue -> fifo */
  fifo: Record<string, unknown>;
  /** role -> its policy documents: status and the resources holding their statements */
  docs: Record<string, { status: string; sources: string[] }[]>;
  /** "role|action|queue" -> "yes" | "no" | "unknown" */
  grants: Record<string, string>;
}

const QUERY = `{
  "denies": [f | some f in data.sqsguard.main.findings; f.severity == "deny"],
  "pipelines": [p | some p in data.sqsguard.main.pipelines],
  "redrive": {m: p.redrive.status | some m, p in data.sqsguard.lib.model.pipeline_facts},
  "fifo": {a: q.fifo | some a, q in data.sqsguard.lib.model.queues},
  "docs": {r: [{"status": d.status, "sources": [st.src | some st in object.get(d, "statements", [])]} | some d in docs] | some r, docs in data.sqsguard.lib.model.role_policies},
  "grants": {concat("|", [p.function.role.address, a, p.queue.address]): data.sqsguard.lib.model.grant(p.function.role.address, a, "aws_sqs_queue", p.queue) |
    some p in data.sqsguard.lib.model.pipeline_facts
    p.function.role.status == "found"
    is_string(p.queue.address)
    some a in ["sqs:receivemessage", "sqs:deletemessage", "sqs:getqueueattributes"]
  }
}`;

function facts(name: string): Facts {
  const out = execFileSync(
    findOpa(),
    ['eval', '--format', 'json', '-d', path.join(ROOT, 'policies', 'sqsguard'), '-i', path.join(CORPUS, name, 'plan.json'), QUERY],
    { maxBuffer: 256 * 1024 * 1024 },
  ).toString('utf8');
  return JSON.parse(out).result[0].expressions[0].value as Facts;
}

const isNum = (v: unknown): v is number => typeof v === 'number';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

type Check = [string, boolean];

/** The checks of one deny: [what, holds] pairs, each must hold. */
function checks(d: Deny, f: Facts): Check[] {
  const byQueue = f.pipelines.filter((p) => p.queue === d.resource);
  const byDlq = f.pipelines.filter((p) => p.dlq === d.resource);
  switch (d.rule) {
    case 'SQSL001':
      return byQueue.flatMap((p): Check[] => [
        ['visibility_timeout and function_timeout are numbers', isNum(p.visibility_timeout) && isNum(p.function_timeout)],
        ['the message states them', d.message.includes(`visibility timeout ${p.visibility_timeout} s`) && d.message.includes(`function timeout ${p.function_timeout} s`)],
      ]).concat([['a pipeline reads the queue', byQueue.length > 0] as Check]);
    case 'SQSL002':
      return byQueue.flatMap((p): Check[] => [
        ['visibility_timeout, function_timeout, batching_window are numbers', isNum(p.visibility_timeout) && isNum(p.function_timeout) && isNum(p.batching_window)],
        [
          'the message states them',
          d.message.includes(`visibility timeout ${p.visibility_timeout} s`) &&
            d.message.includes(`function timeout ${p.function_timeout} s`) &&
            d.message.includes(`batching window ${p.batching_window} s`),
        ],
      ]).concat([['a pipeline reads the queue', byQueue.length > 0] as Check]);
    case 'SQSL003':
      return byQueue.flatMap((p): Check[] => [
        ['the redrive policy is known to be absent', f.redrive[p.mapping] === 'none'],
        ['no DLQ, no maxReceiveCount', p.dlq === null && p.max_receive_count === null],
        ['the message states it', d.message.includes('has no redrive policy')],
      ]).concat([['a pipeline reads the queue', byQueue.length > 0] as Check]);
    case 'SQSL005':
      return byDlq.flatMap((p): Check[] => [
        ['source_retention and dlq_retention are numbers, the source is standard', isNum(p.source_retention) && isNum(p.dlq_retention) && p.fifo === false],
        ['the message states them', d.message.includes(`DLQ retention ${p.dlq_retention} s`) && d.message.includes(`source retention ${p.source_retention} s`)],
      ]).concat([['a pipeline redrives into the DLQ', byDlq.length > 0] as Check]);
    case 'SQSL006':
      return byDlq.flatMap((p): Check[] => [
        ['source and DLQ fifo are booleans that differ', isBool(p.fifo) && isBool(f.fifo[d.resource]) && p.fifo !== f.fifo[d.resource]],
        ['the message states them', /FIFO/.test(d.message) && /standard/.test(d.message)],
      ]).concat([['a pipeline redrives into the DLQ', byDlq.length > 0] as Check]);
    case 'SQSL023': {
      const role = d.related[0];
      return [
        ['the document holding the statement is known', (f.docs[role] ?? []).some((doc) => doc.status === 'known' && doc.sources.includes(d.resource))],
        ['the message states the broad grant', /allows (action \*|action sqs:\*|.* on Resource "\*")/.test(d.message)],
      ];
    }
    case 'SQSL024': {
      const m = /^role lacks (.+) on (\S+)$/.exec(d.message);
      const actions = m ? m[1].split(', ').map((a) => a.toLowerCase()) : [];
      return [
        ['the message names the actions and the queue', m !== null && actions.length > 0],
        ...actions.map((a): [string, boolean] => [`${a} is resolved as not granted`, f.grants[`${d.resource}|${a}|${m![2]}`] === 'no']),
      ];
    }
    default:
      return [[`a row for ${d.rule} in this test's table`, false]];
  }
}

const cases = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')).cases as { case: string }[];

describe('every deny on the corpus names the resolved values it compared', () => {
  const seen = new Set<string>();
  it.each(cases.map((c) => c.case))('%s', (name) => {
    const f = facts(name);
    for (const d of f.denies) {
      seen.add(d.rule);
      for (const [what, holds] of checks(d, f)) expect({ deny: `${d.rule} ${d.resource}: ${d.message}`, what, holds }).toEqual({ deny: `${d.rule} ${d.resource}: ${d.message}`, what, holds: true });
    }
  });
  it('covered the rules that deny on the corpus', () => {
    expect([...seen].sort()).toEqual(['SQSL001', 'SQSL002', 'SQSL003', 'SQSL005', 'SQSL006', 'SQSL023', 'SQSL024']);
  });
});
