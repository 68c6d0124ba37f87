import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { ROOT, cdktfSynth } from '../support/cdktf-app';

interface Finding {
  rule: string;
  severity: string;
  resource: string;
  message: string;
}

/** The embedded default (main.ts) is the example users copy: it must be clean under the catalogue. */
describe('default stacks under the policy', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-default-'));
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  test('orders-dev and orders-prod raise no finding of any severity, and one pipeline each', async () => {
    // GIVEN the real `cdktf synth` of main.ts and the committed Wasm
    const stacks = cdktfSynth(outDir);
    const policy = await loadPolicy(fs.readFileSync(path.join(ROOT, 'policies', 'dist', 'policy.wasm')));
    expect(stacks).toEqual(['orders-dev', 'orders-prod']);
    for (const stack of stacks) {
      // WHEN each stack's Terraform JSON is evaluated
      const input = JSON.parse(fs.readFileSync(path.join(outDir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      const [{ result }] = policy.evaluate(input, 'sqsguard/main');
      // THEN nothing is denied, warned about or left undetermined (the prod alarm topic's own KMS key lets
      // CloudWatch publish, so SQSL032 holds)
      const findings = (result.findings as Finding[])
        .map(({ rule, severity, resource }) => ({ rule, severity, resource }))
        .sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
      expect({ stack, findings }).toEqual({ stack, findings: [] });
      expect(result.pipelines).toHaveLength(1);
      expect(result.pipelines[0]).toMatchObject({ max_receive_count: 5, report_batch_item_failures: true });
    }
  });
});
