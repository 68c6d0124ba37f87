import { XMLParser } from 'fast-xml-parser';
import { renderJunit } from '../../lib/format/junit';
import { fixtureReport } from './helpers';

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);

describe('renderJunit', () => {
  it('GIVEN deny findings WHEN rendered THEN one failing test case per rule and resource and a passing one per clean rule', () => {
    const report = fixtureReport();
    const doc = parse(renderJunit(report));
    const suite = doc.testsuites.testsuite[0];
    const failing = suite.testcase.filter((c: { failure?: unknown }) => c.failure);
    expect(failing.map((c: { classname: string; name: string }) => `${c.classname} ${c.name}`)).toEqual([
      'SQSL001 aws_sqs_queue.orders',
      'SQSL002 aws_sqs_queue.orders',
    ]);
    expect(Number(suite.failures)).toBe(2);
    expect(Number(suite.tests)).toBe(report.rules.length);
    expect(Number(doc.testsuites.failures)).toBe(2);
  });

  it('GIVEN a suppressed finding and XML-hostile text WHEN rendered THEN it is skipped with the reason and still parses', () => {
    const report = fixtureReport([{ rule: 'SQSL001', resource: '*', reason: 'a <b> & "c" \u0001 reviewed' }]);
    const doc = parse(renderJunit(report));
    const c = doc.testsuites.testsuite[0].testcase.find((x: { classname: string; name: string }) => x.classname === 'SQSL001' && x.name === 'aws_sqs_queue.orders');
    expect(c.skipped.message).toBe('suppressed: a <b> & "c"  reviewed');
  });
});
