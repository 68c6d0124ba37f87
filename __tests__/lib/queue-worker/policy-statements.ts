/** The statements of a serialized IAM policy document. */
export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Principal?: unknown;
  Condition?: unknown;
}
export const statements = (policy: unknown): Statement[] => (JSON.parse(policy as string) as { Statement: Statement[] }).Statement;
