import { MARKDOWN_BUDGET, renderMarkdown } from '../../lib/format/markdown';
import { bigReport, fixtureReport } from './helpers';

describe('renderMarkdown', () => {
  it('GIVEN deny findings WHEN rendered THEN a failing verdict, the summary table, the findings under their pipeline and the retry budget', () => {
    const md = renderMarkdown(fixtureReport());
    expect(md.split('\n')[2]).toMatch(/^❌ \*\*sqsguard: 2 deny findings/);
    expect(md).toContain('| deny | warn | undetermined | suppressed | pipelines | inputs |');
    expect(md).toContain('| 2 | 0 | 0 | 0 | 1 | 1 |');
    expect(md).toMatch(/<details open><summary>`aws_sqs_queue.orders` → `aws_lambda_function.orders` — 2 deny<\/summary>/);
    expect(md).toContain('visibility timeout 20 s · function timeout 30 s · maxReceiveCount 5');
    expect(md).toContain('| ❌ deny | SQSL001 | `aws_sqs_queue.orders` |');
    expect(md).toContain('### Retry budget');
    expect(md).toMatch(/\| 5 \| 1 min 40 s \| 4 d \| no \| 14 d/);
  });

  it('GIVEN a suppression WHEN rendered THEN the finding is listed as suppressed with its reason and the verdict passes', () => {
    const md = renderMarkdown(fixtureReport([{ rule: 'SQSL00*', resource: 'aws_sqs_queue.orders', reason: 'load-test queue, reviewed' }]));
    expect(md).toContain('✅ **sqsguard: no deny findings');
    expect(md).toContain('🔕 suppressed deny');
    expect(md).toContain('**suppressed:** load-test queue, reviewed');
  });

  it('GIVEN 500 findings WHEN rendered THEN it fits a GitHub comment, every group is collapsed and the rest is counted', () => {
    const md = renderMarkdown(bigReport(500));
    expect(md.length).toBeLessThan(MARKDOWN_BUDGET + 5000);
    expect(md.length).toBeLessThan(65536);
    expect(md).not.toContain('<details open>');
    expect(md).toContain('<details><summary>');
    expect(md).toMatch(/> \d+ findings are not listed here/);
    // pipes and angle brackets in messages cannot break the tables
    expect(md).toContain('\\| &lt;copy 0&gt;');
  });
});
