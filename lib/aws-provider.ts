import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** The services a QueueWorker stack talks to: the ones an endpoint override must cover. */
const SERVICES = ['cloudwatch', 'cloudwatchlogs', 'iam', 'kms', 'lambda', 'sns', 'sqs', 'sts'] as const;

export interface AwsTarget {
  readonly region: string;
  readonly accountId?: string;
  readonly endpoint?: string;
  /** Plan without reaching AWS (credentials, account id and metadata checks skipped). */
  readonly offline: boolean;
}

/**
 * Where to deploy, from configuration only (never credentials, which the provider reads from the
 * usual AWS environment/profile chain). Environment variables win over cdktf.json context:
 *   region   – AWS_REGION, AWS_DEFAULT_REGION, context "awsRegion"; default us-east-1
 *   account  – SQSGUARD_AWS_ACCOUNT_ID, context "awsAccountId"; pins allowed_account_ids when set
 *   endpoint – SQSGUARD_AWS_ENDPOINT, context "awsEndpoint"; one URL for every service (a local emulator)
 *   offline  – SQSGUARD_AWS_OFFLINE=1, context "awsOffline": skip the provider's credential, account
 *              and metadata checks, so `terraform plan` of new stacks runs with no network (plan review)
 */
export function awsTargetFromConfig(scope: Construct, env: NodeJS.ProcessEnv = process.env): AwsTarget {
  const context = (key: string): string | undefined => {
    const value = scope.node.tryGetContext(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const nonEmpty = (value: string | undefined): string | undefined => (value ? value : undefined);
  return {
    region: nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? context('awsRegion') ?? 'us-east-1',
    accountId: nonEmpty(env.SQSGUARD_AWS_ACCOUNT_ID) ?? context('awsAccountId'),
    endpoint: nonEmpty(env.SQSGUARD_AWS_ENDPOINT) ?? context('awsEndpoint'),
    offline: env.SQSGUARD_AWS_OFFLINE === '1' || scope.node.tryGetContext('awsOffline') === true,
  };
}

export function configureAwsProvider(scope: Construct, target: AwsTarget, tags: Record<string, string>): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region: target.region,
    allowedAccountIds: target.accountId ? [target.accountId] : undefined,
    defaultTags: [{ tags }],
    ...(target.offline
      ? { skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: 'true' }
      : {}),
    endpoints: target.endpoint
      ? [Object.fromEntries(SERVICES.map((service) => [service, target.endpoint]))]
      : undefined,
  });
}
