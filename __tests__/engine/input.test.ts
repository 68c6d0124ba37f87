import { InputError, parseDocument, resourceLine } from '../../lib/engine/input';

describe('parseDocument', () => {
  it('GIVEN cdktf output WHEN parsed THEN it is synth input with construct paths from the "//" metadata', () => {
    const text = JSON.stringify({
      resource: { aws_sqs_queue: { q: { '//': { metadata: { path: 'stack/worker/Queue' } }, name: 'q' } } },
    }, null, 2);
    const input = parseDocument('cdk.tf.json', text);
    expect(input.kind).toBe('synth');
    expect(input.constructPaths.get('aws_sqs_queue.q')).toBe('stack/worker/Queue');
    expect(resourceLine(input, 'aws_sqs_queue.q')).toBe(4);
  });

  it.each(['1.0', '1.2', '1.10'])('GIVEN plan format_version %s WHEN parsed THEN it is plan input', (v) => {
    expect(parseDocument('p.json', JSON.stringify({ format_version: v, planned_values: {} })).kind).toBe('plan');
  });

  it.each([
    ['', 'empty input'],
    ['{"resource": {', 'truncated JSON'],
    ['[1, 2]', 'a JSON array'],
    ['"text"', 'a JSON string'],
    ['{"name": "x"}', 'neither a Terraform JSON config'],
    ['{"format_version": "2.0", "planned_values": {}}', 'format_version "2.0" is not supported'],
    ['{"format_version": "1.0", "terraform_version": "1.11.4", "values": {}}', 'not a plan'],
  ])('GIVEN %p WHEN parsed THEN InputError mentioning %p', (text, message) => {
    expect(() => parseDocument('f.json', text)).toThrow(InputError);
    expect(() => parseDocument('f.json', text)).toThrow(message);
  });
});
