/**
 * Inputs that cannot be evaluated: the real CLI exits 2 with exactly one line on stderr,
 * `sqsguard: <file>: <what is wrong>`, and nothing on stdout. Never 0, never a stack trace.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, runCli } from './run-cli';

const PLAN = path.join(ROOT, 'fixtures', 'plan', 'sqsl003_no_dlq.json');

describe('sqsguard check on bad inputs', () => {
  let dir: string;
  const files: Record<string, string> = {};

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-bad-'));
    const write = (name: string, data: string | Buffer) => {
      files[name] = path.join(dir, name);
      fs.writeFileSync(files[name], data);
    };
    const plan = fs.readFileSync(PLAN, 'utf8');
    write('empty.json', '');
    write('truncated.json', plan.slice(0, Math.floor(plan.length / 2)));
    write('random.bin', crypto.randomBytes(512));
    // (an array of configuration bodies is Terraform JSON syntax now, read as one config: see fail-closed.test.ts)
    write('array.json', '[{"name": "x"}]');
    write('unrelated.json', '{"name": "sqsguard", "version": "0.1.0"}');
    write('future-plan.json', JSON.stringify({ ...JSON.parse(plan), format_version: '2.0' }));
    write('state.json', JSON.stringify({ format_version: '1.0', terraform_version: '1.11.4', values: {} }));
    files['no-stacks'] = path.join(dir, 'no-stacks');
    fs.mkdirSync(files['no-stacks']);
    fs.writeFileSync(path.join(files['no-stacks'], 'README'), 'not a cdktf.out');
    files.missing = path.join(dir, 'does-not-exist.json');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['empty.json', /empty input/],
    ['truncated.json', /truncated JSON/],
    ['random.bin', /not UTF-8 text \(binary data\?\)/],
    ['array.json', /a JSON array, not a Terraform JSON config or plan/],
    ['unrelated.json', /neither a Terraform JSON config .* nor a Terraform plan/],
    ['future-plan.json', /format_version "2\.0" is not supported \(sqsguard reads format 1\.x\)/],
    ['state.json', /not a plan/],
    ['missing', /no such file or directory/],
    ['no-stacks', /directory holds no synthesized stacks/],
  ])('GIVEN %s WHEN checked THEN exit 2 and one clear stderr line', (name, message) => {
    const r = runCli(['check', files[name], '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`sqsguard: ${files[name]}: `)).toBe(true);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('GIVEN a bad document on stdin WHEN checked with - THEN exit 2 naming <stdin>', () => {
    const r = runCli(['check', '-'], { input: '{"resource": {"aws_sqs_queue": ' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sqsguard: <stdin>: line 1, column 32: truncated JSON.*\n$/);
  });

  it('GIVEN one good and one bad input WHEN checked THEN exit 2 (never a partial pass)', () => {
    const r = runCli(['check', PLAN, files['empty.json']]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it.each([
    [['check'], /missing required argument 'path'/],
    [['check', PLAN, '--format', 'xml'], /argument 'xml' is invalid/],
    [['check', PLAN, '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('GIVEN usage error %j WHEN run THEN exit 2 and one line', (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sqsguard: /);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['suppressions', '[{"rule": "SQSL003", "resource": "*"}]', /suppression #1: "reason" is required/],
    ['suppressions', '{"rule": "SQSL003"}', /expected an array of suppressions \(or \{"suppressions": \[\.\.\.\]\}\), found an object/],
    ['config', '[1]', /config must be a flat JSON object/],
    ['config', '{"max_receive_count_min": {"x": 1}}', /must be a number, string or boolean/],
    ['config', '{"max_recieve_count_min": 3}', /unknown threshold "max_recieve_count_min" \(known: dlq_retention_min_seconds, max_receive_count_max, max_receive_count_min, /],
    ['config', '{"max_receive_count_min": "3"}', /threshold "max_receive_count_min" must be a number like its default 5 \(given "3"\)/],
    ['config', '{"max_receive_count_min": 0}', /threshold "max_receive_count_min" must be a positive number up to 2147483647 like its default 5 \(given 0\)/],
    ['config', '{"visibility_timeout_multiplier": -6}', /threshold "visibility_timeout_multiplier" must be a positive number up to 2147483647 like its default 6 \(given -6\)/],
    ['config', '{"max_receive_count_max": 3000000000}', /threshold "max_receive_count_max" must be a positive number up to 2147483647 like its default 50 \(given 3000000000\)/],
    ['config', '{"max_receive_count_min": 1e400}', /config: line 1, column 27: number 1e400 at max_receive_count_min is too large for a 64-bit float/],
  ])('GIVEN a bad --%s file %s WHEN checked THEN exit 2', (flag, content, message) => {
    const file = path.join(dir, `${flag}-${crypto.randomUUID()}.json`);
    fs.writeFileSync(file, content);
    const r = runCli(['check', PLAN, `--${flag}`, file]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^sqsguard: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(r.stderr).toMatch(message);
  });
});
