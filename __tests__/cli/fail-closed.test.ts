/**
 * Every row of the fail-closed table (docs/cli.md, "Input conditions and exit codes") against the
 * BUILT CLI: the input is read exactly as Terraform reads it, or refused with exit 2 and the one
 * line shown there, or (output) the process ends quietly. Files are named relative to a temporary
 * working directory, so the lines are the table's, word for word.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI, CliResult, ROOT, runCli } from './run-cli';

const fixture = (kind: 'plan' | 'synth', name: string): Record<string, any> =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', kind, name), 'utf8'));
const UNSAFE_CONFIG = fixture('synth', 'sqsl001_vt_below_timeout.json');
const UNSAFE_PLAN = fixture('plan', 'sqsl001_vt_below_timeout.json');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-fail-closed-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, data: string | Buffer): string => {
  fs.writeFileSync(path.join(dir, name), data);
  return name;
};
const check = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult => runCli(['check', ...args], { cwd: dir, ...options });

/** Exit 2, nothing on stdout, and exactly `line` on stderr. */
function expectRefused(r: CliResult, line: string | RegExp): void {
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
  const lines = r.stderr.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('');
  if (typeof line === 'string') expect(lines[0]).toBe(line);
  else expect(lines[0]).toMatch(line);
}

/** The deny findings (rule, resource) of a JSON report: what a faithful reading must keep. */
function denyFindings(r: CliResult): string[] {
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as { findings: { rule: string; severity: string; resource: string }[] };
  return report.findings.filter((f) => f.severity === 'deny').map((f) => `${f.rule} ${f.resource}`).sort();
}
const EXPECTED_DENY = ['SQSL001 aws_sqs_queue.orders', 'SQSL002 aws_sqs_queue.orders'];

const withLambda = (attrs: Record<string, unknown>): Record<string, any> => ({
  ...UNSAFE_CONFIG,
  resource: {
    ...UNSAFE_CONFIG.resource,
    aws_lambda_function: { orders: { ...UNSAFE_CONFIG.resource.aws_lambda_function.orders, ...attrs } },
  },
});

describe('usage', () => {
  it('GIVEN no arguments WHEN run THEN one usage line on stderr and exit 2', () => {
    const r = runCli([], { cwd: dir });
    expectRefused(r, 'sqsguard: usage: sqsguard check [options] <path...> (see sqsguard --help)');
  });
});

describe('internal errors', () => {
  it('GIVEN an error sqsguard did not expect (here: its policy is missing) WHEN checked THEN one line that still names the input, exit 2', () => {
    const file = write('plain.tf.json', JSON.stringify(UNSAFE_CONFIG));
    expectRefused(
      check([file], { env: { SQSGUARD_POLICY_DIR: path.join(dir, 'no-policy') } }),
      `sqsguard: internal error (a bug in sqsguard: please report it with plain.tf.json): ENOENT: no such file or directory, open '${path.join(dir, 'no-policy', 'policy.wasm')}'`,
    );
  });
});

describe('reading the input', () => {
  it('GIVEN /dev/zero WHEN checked THEN refused before reading', () => {
    expectRefused(check(['/dev/zero']), 'sqsguard: /dev/zero: a character device, not a regular file: sqsguard reads files, or stdin as `-`');
  });

  it('GIVEN a named pipe WHEN checked THEN refused at once, never opened blocking', () => {
    expect(spawnSync('mkfifo', [path.join(dir, 'fifo')]).status).toBe(0);
    expectRefused(check(['fifo']), 'sqsguard: fifo: a named pipe, not a regular file: sqsguard reads files, or stdin as `-`');
  });

  it('GIVEN `check -` with stdin a terminal WHEN run THEN refused at once', () => {
    // script(1) gives the CLI a pseudo-terminal as stdin
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} check -`, '/dev/null'], { cwd: dir, encoding: 'utf8', input: '', timeout: 30000 });
    expect(r.status).toBe(2);
    expect(r.stdout.replace(/\r/g, '')).toBe(
      'sqsguard: <stdin>: stdin is a terminal, nothing was piped: pipe a document (`terraform show -json plan | sqsguard check -`) or name a file\n',
    );
  });

  it('GIVEN `check -` on a pipe that stays open without writing WHEN run THEN it waits, like cat, and reads what comes', async () => {
    const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', '-'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(child.exitCode).toBeNull(); // still waiting
    child.stdin.end(JSON.stringify(UNSAFE_CONFIG));
    expect(await exited).toBe(1);
    expect(denyFindings({ status: 1, stdout, stderr })).toEqual(EXPECTED_DENY);
  });

  it('GIVEN an endless stream on stdin WHEN checked THEN it stops at the limit', () => {
    const r = spawnSync('bash', ['-c', `yes | ${process.execPath} ${CLI} check - --max-input-bytes 1MiB`], { cwd: dir, encoding: 'utf8', timeout: 60000 });
    expectRefused(
      { status: r.status, stdout: r.stdout, stderr: r.stderr },
      'sqsguard: <stdin>: larger than the input limit of 1 MiB: raise it with --max-input-bytes or SQSGUARD_MAX_INPUT_BYTES',
    );
    const viaEnv = spawnSync('bash', ['-c', `yes | ${process.execPath} ${CLI} check -`], { cwd: dir, encoding: 'utf8', timeout: 60000, env: { ...process.env, SQSGUARD_MAX_INPUT_BYTES: '64KiB' } });
    expect(viaEnv.stderr).toBe('sqsguard: <stdin>: larger than the input limit of 64 KiB: raise it with --max-input-bytes or SQSGUARD_MAX_INPUT_BYTES\n');
  });

  it('GIVEN a file larger than the default limit of 256 MiB WHEN checked THEN refused from its size, before reading', () => {
    const fd = fs.openSync(path.join(dir, 'big.json'), 'w');
    fs.ftruncateSync(fd, 256 * 1024 * 1024 + 1); // sparse: no disk used, and never read
    fs.closeSync(fd);
    expectRefused(check(['big.json']), 'sqsguard: big.json: larger than the input limit of 256 MiB: raise it with --max-input-bytes or SQSGUARD_MAX_INPUT_BYTES');
  });

  it('GIVEN a document over a raised-down limit WHEN checked THEN refused; under a raised limit THEN read', () => {
    const file = write('limit.json', JSON.stringify(UNSAFE_CONFIG));
    expectRefused(check([file, '--max-input-bytes', '1KiB']), 'sqsguard: limit.json: larger than the input limit of 1 KiB: raise it with --max-input-bytes or SQSGUARD_MAX_INPUT_BYTES');
    expect(check([file, '--max-input-bytes', '1MiB']).status).toBe(1);
  });

  it.each([
    [['--max-input-bytes', 'lots'], {}, 'sqsguard: --max-input-bytes must be a positive number of bytes, optionally with KiB/MiB/GiB (got "lots")'],
    [[], { SQSGUARD_MAX_INPUT_BYTES: '0' }, 'sqsguard: SQSGUARD_MAX_INPUT_BYTES must be a positive number of bytes, optionally with KiB/MiB/GiB (got "0")'],
  ])('GIVEN a bad limit %j %j WHEN run THEN a usage error', (flags, env, line) => {
    const file = write('ok.json', JSON.stringify(UNSAFE_CONFIG));
    expectRefused(check([file, ...flags], { env }), line);
  });

  it('GIVEN a symbolic link loop WHEN checked THEN named as one', () => {
    fs.symlinkSync('a.json', path.join(dir, 'a.json'));
    expectRefused(check(['a.json']), 'sqsguard: a.json: symbolic link loop (the link resolves to itself)');
  });

  it('GIVEN a dangling symbolic link WHEN checked THEN named as one', () => {
    fs.symlinkSync('gone.json', path.join(dir, 'dangling.json'));
    expectRefused(check(['dangling.json']), 'sqsguard: dangling.json: dangling symbolic link (points to gone.json, which does not exist)');
  });

  it('GIVEN bytes that are not UTF-8 WHEN checked THEN refused', () => {
    const file = write('x.json', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
    expectRefused(check([file]), 'sqsguard: x.json: not UTF-8 text (binary data?)');
  });

  it('GIVEN a byte order mark before the JSON WHEN checked THEN refused', () => {
    const file = write('bom.json', `\ufeff${JSON.stringify(UNSAFE_CONFIG)}`);
    expectRefused(check([file]), 'sqsguard: bom.json: line 1, column 1: unexpected byte order mark U+FEFF');
  });

  it('GIVEN a cdktf.out whose stack directory has no cdk.tf.json WHEN checked THEN an input error, not a skipped stack', () => {
    fs.mkdirSync(path.join(dir, 'out-missing', 'stacks', 'a'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'out-missing', 'stacks', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'out-missing', 'stacks', 'a', 'cdk.tf.json'), JSON.stringify(UNSAFE_CONFIG));
    expectRefused(
      check(['out-missing']),
      'sqsguard: out-missing/stacks/b: stack directory has no cdk.tf.json (an incomplete `cdktf synth`?): synthesize again or remove the directory',
    );
  });

  it('GIVEN a cdktf.out whose stack cdk.tf.json is a dangling link WHEN checked THEN an input error naming it', () => {
    fs.mkdirSync(path.join(dir, 'out-dangling', 'stacks', 'a'), { recursive: true });
    fs.symlinkSync('gone.json', path.join(dir, 'out-dangling', 'stacks', 'a', 'cdk.tf.json'));
    expectRefused(check(['out-dangling']), 'sqsguard: out-dangling/stacks/a/cdk.tf.json: dangling symbolic link (points to gone.json, which does not exist)');
  });
});

describe('cdktf.out stack directories', () => {
  it('GIVEN a cdktf.out whose stack directory is a dangling link WHEN checked THEN an input error naming it', () => {
    fs.mkdirSync(path.join(dir, 'out-link', 'stacks', 'a'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'out-link', 'stacks', 'a', 'cdk.tf.json'), JSON.stringify(UNSAFE_CONFIG));
    fs.symlinkSync('gone', path.join(dir, 'out-link', 'stacks', 'b'));
    expectRefused(check(['out-link']), 'sqsguard: out-link/stacks/b: stack directory is a dangling symbolic link (points to gone, which does not exist)');
  });
});

describe('JSON syntax', () => {
  it('GIVEN invalid JSON WHEN checked THEN line and column', () => {
    expectRefused(check([write('bad.json', '{"a": 1 "b": 2}')]), 'sqsguard: bad.json: line 1, column 9: expected \',\' or \'}\', found "\\""');
  });

  it('GIVEN nesting 5,000 deep WHEN checked THEN refused past 1,000 levels', () => {
    const file = write('deep.json', `${'{"resource": '.repeat(5000)}1${'}'.repeat(5000)}`);
    expectRefused(check([file]), 'sqsguard: deep.json: line 1, column 13001: nesting deeper than 1000 levels (sqsguard refuses it rather than risk running out of stack)');
  });

  it('GIVEN timeout 1e400 WHEN checked THEN refused with line, column and path (not "not set")', () => {
    const text = JSON.stringify(withLambda({ timeout: 123456789 }), null, 2).replace('123456789', '1e400');
    const line = text.split('\n').findIndex((l) => l.includes('1e400')) + 1;
    const column = text.split('\n')[line - 1].indexOf('1e400') + 1;
    expectRefused(
      check([write('cdk.tf.json', text)]),
      `sqsguard: cdk.tf.json: line ${line}, column ${column}: number 1e400 at resource.aws_lambda_function.orders.timeout is too large for a 64-bit float (Terraform and the policy could not use it)`,
    );
  });

  it('GIVEN timeout 3000000000 in a resource the policy checks WHEN checked THEN refused naming the place', () => {
    const text = JSON.stringify(withLambda({ timeout: 3000000000 }), null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('3000000000')) + 1;
    const column = text.split('\n')[line - 1].indexOf('3000000000') + 1;
    expectRefused(
      check([write('wide.tf.json', text)]),
      `sqsguard: wide.tf.json: line ${line}, column ${column}: integer 3000000000 at resource.aws_lambda_function.orders.timeout is outside -2147483648..2147483647, the range sqsguard's policy can evaluate (no setting it checks is that large)`,
    );
  });

  it('GIVEN such an integer outside the resources the policy checks WHEN checked THEN read as is', () => {
    const doc = { ...UNSAFE_CONFIG, resource: { ...UNSAFE_CONFIG.resource, aws_s3_bucket: { logs: { bucket: 'logs', object_lock_days: 3000000000 } } } };
    expect(denyFindings(check([write('s3.tf.json', JSON.stringify(doc)), '--format', 'json']))).toEqual(EXPECTED_DENY);
  });

  it('GIVEN a value the policy derives past 2^31 (timeout 400000000) WHEN checked THEN one line naming the file, exit 2', () => {
    expectRefused(
      check([write('derived.tf.json', JSON.stringify(withLambda({ timeout: 400000000 })))]),
      'sqsguard: derived.tf.json: a value is too large for the policy to format: a number it derives from the settings (e.g. 6 × a function\'s timeout, or maxReceiveCount × a visibility timeout) reaches 2^31 or more; no real setting is that large (OPA: "strings: get uint failed")',
    );
  });
});

describe('Terraform JSON configuration: read as Terraform reads it', () => {
  const res = UNSAFE_CONFIG.resource as Record<string, Record<string, unknown>>;
  const { resource: _r, ...others } = UNSAFE_CONFIG;
  const types = Object.keys(res);

  it.each([
    ['"resource": [ {...}, {...} ]', { ...UNSAFE_CONFIG, resource: types.map((t) => ({ [t]: res[t] })) }],
    ['"aws_sqs_queue": [ {"orders": {...}} ] and "orders": [ {...} ]', {
      ...UNSAFE_CONFIG,
      resource: Object.fromEntries(types.map((t) => [t, [Object.fromEntries(Object.entries(res[t]).map(([n, body]) => [n, [body]]))]])),
    }],
    ['the root as an array of bodies', [others, { resource: res }]],
  ])('GIVEN %s WHEN checked THEN merged and checked: the same deny findings', (_form, doc) => {
    expect(denyFindings(check([write('forms.tf.json', JSON.stringify(doc)), '--format', 'json']))).toEqual(EXPECTED_DENY);
  });

  it('GIVEN "resource" twice in one object WHEN checked THEN both read and merged', () => {
    const half = Math.ceil(types.length / 2);
    const first = Object.fromEntries(types.slice(0, half).map((t) => [t, res[t]]));
    const second = Object.fromEntries(types.slice(half).map((t) => [t, res[t]]));
    const text = `{"resource": ${JSON.stringify(first)}, "resource": ${JSON.stringify(second)}, ${JSON.stringify(others).slice(1)}`;
    expect(denyFindings(check([write('twice.tf.json', text), '--format', 'json']))).toEqual(EXPECTED_DENY);
  });

  it('GIVEN a type key twice inside "resource" WHEN checked THEN both read and merged', () => {
    const { orders, orders_dlq } = res.aws_sqs_queue as Record<string, unknown>;
    const rest = Object.fromEntries(types.filter((t) => t !== 'aws_sqs_queue').map((t) => [t, res[t]]));
    const body = `{"aws_sqs_queue": ${JSON.stringify({ orders })}, "aws_sqs_queue": ${JSON.stringify({ orders_dlq })}, ${JSON.stringify(rest).slice(1)}`;
    const text = `{"resource": ${body}, ${JSON.stringify(others).slice(1)}`;
    expect(denyFindings(check([write('type-twice.tf.json', text), '--format', 'json']))).toEqual(EXPECTED_DENY);
  });
});

describe('Terraform JSON configuration: refused as Terraform refuses it', () => {
  it('GIVEN the same resource twice WHEN checked THEN refused naming both places', () => {
    const text = '{"resource": [\n {"aws_sqs_queue": {"orders": {"name": "a"}}},\n {"aws_sqs_queue": {"orders": {"name": "b"}}}\n]}';
    expectRefused(
      check([write('dup.tf.json', text)]),
      /^sqsguard: dup\.tf\.json: line 3, column \d+: resource "aws_sqs_queue" "orders" is declared twice \(line 2, column \d+ and line 3, column \d+\); Terraform rejects a duplicate resource$/,
    );
  });

  it('GIVEN a key repeated inside a resource body WHEN checked THEN refused', () => {
    const text = '{"resource": {"aws_lambda_function": {"f": {"timeout": 10,\n"timeout": 20}}}}';
    expectRefused(
      check([write('body.tf.json', text)]),
      'sqsguard: body.tf.json: line 2, column 1: key "timeout" appears twice in the body of resource aws_lambda_function.f (line 1, column 45 and line 2, column 1) at resource.aws_lambda_function.f.timeout: Terraform rejects a repeated argument (write repeated nested blocks as an array)',
    );
  });

  it('GIVEN a plain value twice in the terraform block WHEN checked THEN refused', () => {
    const text = '{"terraform": {"required_version": ">= 1.5",\n"required_version": ">= 1.6"}, "resource": {}}';
    expectRefused(check([write('tf.tf.json', text)]), /^sqsguard: tf\.tf\.json: line 2, column 1: key "required_version" appears twice \(.*\) at terraform\.required_version: Terraform rejects a repeated argument$/);
  });

  it('GIVEN a "//" comment that is not a string at a label level WHEN checked THEN refused', () => {
    expectRefused(
      check([write('comment.tf.json', '{"resource": {"aws_sqs_queue": {"//": {"x": 1}}}}')]),
      /^sqsguard: comment\.tf\.json: line 1, column \d+: resource\.aws_sqs_queue\["\/\/"\]: a "\/\/" comment must be a string \(found object\)$/,
    );
  });

  it.each([
    ['{"resource": "x"}', 'sqsguard: str.tf.json: line 1, column 14: resource must be an object or an array of objects (resource types; found string)'],
    ['{"resource": {"aws_sqs_queue": {"q": "x"}}}', /^sqsguard: str\.tf\.json: line 1, column \d+: resource\.aws_sqs_queue\.q must be an object \(the body of resource aws_sqs_queue\.q; found string\)$/],
  ])('GIVEN a body of the wrong type %s WHEN checked THEN refused', (text, line) => {
    expectRefused(check([write('str.tf.json', text)]), line);
  });

  it('GIVEN a type name that is not an identifier WHEN checked THEN refused', () => {
    expectRefused(
      check([write('name.tf.json', '{"resource": {"aws sqs": {"q": {}}}}')]),
      'sqsguard: name.tf.json: not a Terraform configuration sqsguard can check: resource["aws sqs"] is not a valid resource type name (letters, digits, "_" and "-", not starting with a digit)',
    );
  });
});

describe('plans', () => {
  it('GIVEN a key repeated in one object WHEN checked THEN refused', () => {
    const text = JSON.stringify(UNSAFE_PLAN, null, 2).replace('\n  "resource_changes": ', '\n  "resource_changes": [],\n  "resource_changes": ');
    expectRefused(
      check([write('plan.json', text)]),
      /^sqsguard: plan\.json: line \d+, column 3: key "resource_changes" appears twice in one object \(line \d+, column 3 and line \d+, column 3\) at resource_changes; JSON readers disagree on which one counts$/,
    );
  });

  it.each([
    ['{}', 'object'],
    ['null', 'null'],
  ])('GIVEN resource_changes %s WHEN checked THEN refused (never "no findings")', (value, found) => {
    const file = write('plan.json', JSON.stringify({ ...UNSAFE_PLAN, resource_changes: JSON.parse(value) }));
    expectRefused(check([file]), `sqsguard: plan.json: not a Terraform plan sqsguard can check: resource_changes must be an array (found ${found})`);
  });

  it('GIVEN resource_changes missing while planned_values lists resources WHEN checked THEN refused', () => {
    const { resource_changes: _gone, ...broken } = UNSAFE_PLAN;
    expectRefused(
      check([write('plan.json', JSON.stringify(broken))]),
      /^sqsguard: plan\.json: not a Terraform plan sqsguard can check: resource_changes is missing while planned_values lists \d+ resources \(a truncated or hand-edited plan\?\)$/,
    );
  });

  it('GIVEN a resource change whose change.after is a string WHEN checked THEN refused naming it', () => {
    const rcs = [...UNSAFE_PLAN.resource_changes];
    rcs[3] = { ...rcs[3], change: { ...rcs[3].change, after: 'x' } };
    expectRefused(
      check([write('plan.json', JSON.stringify({ ...UNSAFE_PLAN, resource_changes: rcs }))]),
      'sqsguard: plan.json: not a Terraform plan sqsguard can check: resource_changes[3].change.after must be an object or null (found string)',
    );
  });

  it('GIVEN format_version 2.0 WHEN checked THEN refused', () => {
    expectRefused(
      check([write('plan.json', JSON.stringify({ ...UNSAFE_PLAN, format_version: '2.0' }))]),
      'sqsguard: plan.json: not a Terraform plan sqsguard can check: format_version "2.0" is not supported (sqsguard reads format 1.x)',
    );
  });

  it('GIVEN configuration.root_module.resources of the wrong type WHEN checked THEN refused', () => {
    const doc = { ...UNSAFE_PLAN, configuration: { ...UNSAFE_PLAN.configuration, root_module: { ...UNSAFE_PLAN.configuration.root_module, resources: {} } } };
    expectRefused(
      check([write('plan.json', JSON.stringify(doc))]),
      'sqsguard: plan.json: not a Terraform plan sqsguard can check: configuration.root_module.resources must be an array (found object)',
    );
  });
});

describe('suppressions file', () => {
  const PLAN = path.join(ROOT, 'fixtures', 'plan', 'sqsl001_vt_below_timeout.json');
  const entry = (over: Record<string, unknown>) => [{ rule: 'SQSL001', resource: 'aws_sqs_queue.orders', reason: 'reviewed', ...over }];

  it.each([
    ['a reason of only zero-width spaces', { reason: '\u200b\u200b' }, 'suppression #1: "reason" is blank (only whitespace, punctuation or invisible characters): say why the finding is accepted'],
    ['a reason of NBSP, a Hangul filler and punctuation', { reason: '\u00a0\u3164 …' }, 'suppression #1: "reason" is blank (only whitespace, punctuation or invisible characters): say why the finding is accepted'],
    ['expires "garbage"', { expires: 'garbage' }, 'suppression #1: "expires" must be a calendar date YYYY-MM-DD (found "garbage")'],
    ['expires "2026-02-30"', { expires: '2026-02-30' }, 'suppression #1: "expires" must be a calendar date YYYY-MM-DD (found "2026-02-30")'],
    ['expires "2025-02-29"', { expires: '2025-02-29' }, 'suppression #1: "expires" must be a calendar date YYYY-MM-DD (found "2025-02-29")'],
    ['expires a number', { expires: 20260101 }, 'suppression #1: "expires" must be a calendar date YYYY-MM-DD (found a number)'],
    ['rule "SQSL13"', { rule: 'SQSL13' }, 'suppression #1: "rule" "SQSL13" matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")'],
    ['rule "sqsl013"', { rule: 'sqsl013' }, 'suppression #1: "rule" "sqsl013" matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")'],
    ['rule "SQSG-SUPPRESSION-EXPIRED"', { rule: 'SQSG-SUPPRESSION-EXPIRED' }, 'suppression #1: "rule" "SQSG-SUPPRESSION-EXPIRED" matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")'],
    ['a resource with an NBSP', { resource: 'aws_sqs_queue.orders\u00a0' }, 'suppression #1: "resource" contains an invisible character or surrounding whitespace (U+00A0), so it would match nothing'],
    ['an unknown key', { note: 'x' }, 'suppression #1: unknown key "note" (allowed: rule, resource, reason, expires)'],
  ])('GIVEN %s WHEN checked THEN exit 2 with the line', (_what, over, problem) => {
    const file = write('s.json', JSON.stringify(entry(over)));
    expectRefused(check([PLAN, '--suppressions', file]), `sqsguard: s.json: ${problem}`);
  });

  it('GIVEN two bad entries WHEN checked THEN every problem is listed, one line each, exit 2', () => {
    const file = write('s2.json', JSON.stringify([...entry({ rule: 'SQSL13' }), ...entry({ expires: 'garbage' })]));
    const r = check([PLAN, '--suppressions', file]);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
    expect(r.stderr).toBe(
      'sqsguard: s2.json: suppression #1: "rule" "SQSL13" matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")\n' +
        'sqsguard: s2.json: suppression #2: "expires" must be a calendar date YYYY-MM-DD (found "garbage")\n',
    );
  });

  it('GIVEN a valid suppression WHEN checked THEN it still suppresses', () => {
    const file = write('ok-s.json', JSON.stringify([{ rule: 'SQSL00[12]', resource: 'aws_sqs_queue.orders', reason: 'load test', expires: '2999-12-31' }]));
    const r = check([PLAN, '--suppressions', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('output', () => {
  const PLAN = path.join(ROOT, 'fixtures', 'plan', 'sqsl001_vt_below_timeout.json');

  it('GIVEN stdout closed early WHEN the report is written THEN a quiet exit 141', () => {
    // `true` exits at once, so the CLI's first write meets a closed pipe
    const r = spawnSync('bash', ['-c', `${process.execPath} ${CLI} check ${PLAN} | true; echo "exit=\${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 60000 });
    expect(r.stdout).toBe('exit=141\n');
    expect(r.stderr).toBe('');
  });

  it('GIVEN stdout on a full disk WHEN the report is written THEN one line and exit 2', () => {
    const r = spawnSync('bash', ['-c', `${process.execPath} ${CLI} check ${PLAN} > /dev/full`], { encoding: 'utf8', timeout: 60000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sqsguard: cannot write the report to stdout: no space left on device (ENOSPC)\n');
  });

  it('GIVEN --output on a full disk WHEN the report is written THEN one line and exit 2', () => {
    const r = check([PLAN, '--output', '/dev/full']);
    expectRefused(r, 'sqsguard: cannot write the report to /dev/full: no space left on device (ENOSPC)');
  });

  it('GIVEN --output in a directory that does not exist WHEN the report is written THEN one line and exit 2', () => {
    const r = check([PLAN, '--output', 'no-such-dir/report.txt']);
    expectRefused(r, 'sqsguard: cannot write the report to no-such-dir/report.txt: no such file or directory (ENOENT)');
  });
});
