import { LocalBackend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/**
 * A stack for plan-only use (fixtures, benchmarks): local relative state and a provider that never
 * reaches AWS, with placeholder credentials named `credentialLabel` (no real credentials, ever).
 */
export function configurePlanOnlyStack(stack: TerraformStack, credentialLabel: string): void {
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  new AwsProvider(stack, 'aws', {
    region: 'us-east-1',
    accessKey: credentialLabel,
    secretKey: credentialLabel,
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
  });
}
