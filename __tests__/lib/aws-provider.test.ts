import { Testing, TerraformStack } from 'cdktf';
import { awsTargetFromConfig, configureAwsProvider } from '../../lib/aws-provider';

function providerFor(env: NodeJS.ProcessEnv, context: Record<string, unknown> = {}) {
  const app = Testing.app({ context });
  const stack = new TerraformStack(app, 'test');
  configureAwsProvider(stack, awsTargetFromConfig(stack, env), { project: 'sqsguard' });
  return JSON.parse(Testing.synth(stack)).provider.aws[0];
}

describe('AWS provider configuration', () => {
  test('defaults to us-east-1 with no endpoint override and no credentials in the config', () => {
    const provider = providerFor({});
    expect(provider).toEqual({ region: 'us-east-1', default_tags: [{ tags: { project: 'sqsguard' } }] });
  });

  test('takes region and account from the environment over context', () => {
    const provider = providerFor({ AWS_REGION: 'eu-west-1', SQSGUARD_AWS_ACCOUNT_ID: '111122223333' }, { awsRegion: 'ap-south-1' });
    expect(provider).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['111122223333'] });
  });

  test('takes region, account and endpoint from cdktf context', () => {
    const provider = providerFor({}, { awsRegion: 'ap-south-1', awsAccountId: '444455556666', awsEndpoint: 'http://127.0.0.1:5000' });
    expect(provider.region).toBe('ap-south-1');
    expect(provider.allowed_account_ids).toEqual(['444455556666']);
    expect(provider.endpoints[0]).toMatchObject({ sqs: 'http://127.0.0.1:5000', lambda: 'http://127.0.0.1:5000', iam: 'http://127.0.0.1:5000', sts: 'http://127.0.0.1:5000' });
  });

  test('points every service the pattern uses at one endpoint override', () => {
    const provider = providerFor({ SQSGUARD_AWS_ENDPOINT: 'http://127.0.0.1:4566' });
    expect(Object.keys(provider.endpoints[0]).sort()).toEqual(['cloudwatch', 'cloudwatchlogs', 'iam', 'kms', 'lambda', 'sns', 'sqs', 'sts']);
  });

  test('offline mode skips the checks that need AWS', () => {
    const provider = providerFor({ SQSGUARD_AWS_OFFLINE: '1' });
    expect(provider).toMatchObject({ skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: 'true' });
  });
});
