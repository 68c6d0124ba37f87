import { renderSarif } from '../../lib/format/sarif';
import { EXPIRED_RULE } from '../../lib/engine/suppressions';
import { sarifValidator } from '../cli/run-cli';
import { fixtureReport } from './helpers';

describe('renderSarif', () => {
  const validate = sarifValidator();

  it('GIVEN findings, a suppression and an expired suppression WHEN rendered THEN valid SARIF 2.1.0 with a descriptor per catalogue rule', () => {
    const report = fixtureReport([
      { rule: 'SQSL001', resource: 'aws_sqs_queue.orders', reason: 'reviewed' },
      { rule: 'SQSL009', resource: '*', reason: 'old', expires: '2020-01-01' },
    ]);
    const sarif = JSON.parse(renderSarif(report));
    expect(validate(sarif)).toEqual([]);
    const run = sarif.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const r of report.rules) expect(ids).toContain(r.id);
    expect(ids).toContain(EXPIRED_RULE);

    const sqsl001 = run.results.find((r: { ruleId: string }) => r.ruleId === 'SQSL001');
    expect(run.tool.driver.rules[sqsl001.ruleIndex].id).toBe('SQSL001');
    expect(sqsl001.level).toBe('error');
    expect(sqsl001.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'reviewed' }]);
    const logical = sqsl001.locations[0].logicalLocations;
    expect(logical[0]).toMatchObject({ fullyQualifiedName: 'aws_sqs_queue.orders', kind: 'resource' });
    expect(logical[1]).toMatchObject({ fullyQualifiedName: 'orders-dev/orders/queue' });
    expect(sqsl001.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  });
});
