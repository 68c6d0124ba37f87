/**
 * The HCL reader (hcl/dist/hcl.wasm) on small root modules: the plan-shaped document it produces
 * (addresses, instances, known and unknown values, references, templates) and where it locates
 * values. These are the plan fields the policy model reads (policies/sqsguard/lib/model).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readTerraformDirectory } from '../../lib/hcl';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('readTerraformDirectory', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-reader-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const read = (name: string, files: Record<string, string>, paths: string[] = []) => {
    const dir = path.join(tmp, name);
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    const r = readTerraformDirectory(dir, { paths });
    const change = (address: string): Obj => (r.plan.resource_changes as Obj[]).find((c) => c.address === address)!;
    return { ...r, dir, change };
  };

  it('GIVEN count and for_each over known collections WHEN read THEN one resource change per instance with its index', () => {
    const r = read('instances', {
      'main.tf': `
locals {
  queues = { orders = 60, refunds = 90 }
}
resource "aws_sqs_queue" "dlq" {
  count = 2
  name  = "dlq-\${count.index}"
}
resource "aws_sqs_queue" "q" {
  for_each                   = local.queues
  name                       = each.key
  visibility_timeout_seconds = each.value
}
`,
    });
    const addresses = (r.plan.resource_changes as Obj[]).map((c) => [c.address, c.index]);
    expect(addresses).toEqual([
      ['aws_sqs_queue.dlq[0]', 0],
      ['aws_sqs_queue.dlq[1]', 1],
      ['aws_sqs_queue.q["orders"]', 'orders'],
      ['aws_sqs_queue.q["refunds"]', 'refunds'],
    ]);
    expect(r.change('aws_sqs_queue.dlq[1]').change.after).toEqual({ name: 'dlq-1' });
    expect(r.change('aws_sqs_queue.q["refunds"]').change.after).toEqual({ name: 'refunds', visibility_timeout_seconds: 90 });
  });

  it('GIVEN another resource\'s attribute WHEN read THEN it is unknown and the configuration lists its references as Terraform does', () => {
    const r = read('references', {
      'main.tf': `
resource "aws_sqs_queue" "dlq" {
  count = 1
  name  = "dlq"
}
resource "aws_sqs_queue" "q" {
  name           = "q"
  policy         = aws_sqs_queue.dlq[0].arn
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq[0].arn, maxReceiveCount = 3 })
}
`,
    });
    const q = r.change('aws_sqs_queue.q').change;
    expect(q.after_unknown).toEqual({ policy: true });
    // the constant beside the unknown ARN survives, with the ARN as a reference token
    expect(q.after.redrive_policy).toBe('{"deadLetterTargetArn":"${aws_sqs_queue.dlq[0].arn}","maxReceiveCount":3}');
    const config = (r.plan.configuration as Obj).root_module.resources.find((x: Obj) => x.address === 'aws_sqs_queue.q');
    expect(config.expressions.policy).toEqual({ references: ['aws_sqs_queue.dlq[0].arn', 'aws_sqs_queue.dlq[0]', 'aws_sqs_queue.dlq'] });
    expect(config.expressions.name).toEqual({ constant_value: 'q' });
  });

  it('GIVEN a function the reader does not run, a data source and a remote module WHEN read THEN their values are unknown, not guessed', () => {
    const r = read('undetermined', {
      'main.tf': `
module "remote" {
  source = "terraform-aws-modules/sqs/aws"
}
data "aws_caller_identity" "me" {}
resource "aws_sqs_queue" "q" {
  name                       = "q-\${data.aws_caller_identity.me.account_id}"
  visibility_timeout_seconds = module.remote.visibility
  message_retention_seconds  = length(file("\${path.module}/retention.txt"))
  delay_seconds              = 5
}
`,
    });
    const q = r.change('aws_sqs_queue.q').change;
    expect(q.after).toEqual({ delay_seconds: 5 });
    expect(q.after_unknown).toEqual({ name: true, visibility_timeout_seconds: true, message_retention_seconds: true });
    expect(r.change('data.aws_caller_identity.me')).toMatchObject({ mode: 'data', change: { actions: ['read'] } });
    expect((r.plan.configuration as Obj).root_module.module_calls.remote).toEqual({ source: 'terraform-aws-modules/sqs/aws', expressions: {} });
    // a value without references that is still unknown names what was not run: read as unknown, not as unset
    const config = (r.plan.configuration as Obj).root_module.resources.find((x: Obj) => x.address === 'aws_sqs_queue.q');
    expect(config.expressions.message_retention_seconds).toEqual({ references: ['path.module'] });
  });

  it('GIVEN local modules, nested, with inputs and outputs WHEN read THEN resources carry module addresses and module_calls nest', () => {
    const r = read('modules', {
      'main.tf': 'module "outer" {\n  source  = "./modules/outer"\n  timeout = 45\n}\n',
      'modules/outer/main.tf': 'variable "timeout" {}\nmodule "inner" {\n  source = "../inner"\n  vt     = var.timeout * 6\n}\n',
      'modules/inner/main.tf': 'variable "vt" {}\nresource "aws_sqs_queue" "this" {\n  visibility_timeout_seconds = var.vt\n}\n',
    }, ['visibility_timeout_seconds']);
    const address = 'module.outer.module.inner.aws_sqs_queue.this';
    expect(r.change(address)).toMatchObject({ module_address: 'module.outer.module.inner', change: { after: { visibility_timeout_seconds: 270 } } });
    const calls = (r.plan.configuration as Obj).root_module.module_calls;
    expect(calls.outer.module.module_calls.inner.module.resources.map((x: Obj) => x.address)).toEqual(['aws_sqs_queue.this']);
    // the value was computed in outer/main.tf line 4: that is where it is located
    expect(r.locations[address]).toEqual({
      file: `${r.dir}/modules/inner/main.tf`,
      line: 2,
      attributes: { visibility_timeout_seconds: { file: `${r.dir}/modules/outer/main.tf`, line: 4 } },
    });
  });

  it('GIVEN a redrive policy decided by a && b WHEN located THEN it points at the operand that decided', () => {
    const r = read('decider', {
      'main.tf': `
variable "create" {
  default = true
}
variable "create_dlq" {
  default = false
}
locals {
  with_dlq = var.create && var.create_dlq
}
resource "aws_sqs_queue" "q" {
  redrive_policy = local.with_dlq ? jsonencode({ maxReceiveCount = 5 }) : null
}
`,
    }, ['redrive_policy']);
    expect(r.change('aws_sqs_queue.q').change.after).toEqual({ redrive_policy: null });
    expect(r.locations['aws_sqs_queue.q'].attributes).toEqual({ redrive_policy: { file: `${r.dir}/main.tf`, line: 6 } });
  });

  it('GIVEN coalesce() WHEN read and located THEN it is Terraform\'s (past null and "") and points at the argument it returned', () => {
    const r = read('coalesce', {
      'main.tf': `
variable "key" {
  default = null
}
variable "alias_key" {
  default = ""
}
resource "aws_sqs_queue" "q" {
  kms_master_key_id = coalesce(
    var.key,
    var.alias_key,
    "alias/orders",
    "alias/aws/sqs",
  )
}
`,
    }, ['kms_master_key_id']);
    expect(r.change('aws_sqs_queue.q').change.after).toEqual({ kms_master_key_id: 'alias/orders' }); // as terraform console gives it
    expect(r.locations['aws_sqs_queue.q'].attributes).toEqual({ kms_master_key_id: { file: `${r.dir}/main.tf`, line: 12 } });
  });

  it('GIVEN dynamic blocks and a .tf.json file WHEN read THEN blocks are lists of objects and JSON attributes are read', () => {
    const r = read('blocks', {
      'main.tf': `
locals {
  concurrency = [20]
}
resource "aws_lambda_event_source_mapping" "m" {
  function_name = "f"
  dynamic "scaling_config" {
    for_each = local.concurrency
    content {
      maximum_concurrency = scaling_config.value
    }
  }
}
`,
      'extra.tf.json': JSON.stringify({ resource: { aws_sqs_queue: { j: { name: 'from-json', fifo_queue: true } } } }),
    }, ['scaling_config.maximum_concurrency']);
    expect(r.change('aws_lambda_event_source_mapping.m').change.after).toEqual({ function_name: 'f', scaling_config: [{ maximum_concurrency: 20 }] });
    expect(r.change('aws_sqs_queue.j').change.after).toEqual({ name: 'from-json', fifo_queue: true });
  });

  it('GIVEN aws_partition and aws_region WHEN read THEN they are computed from the provider region, as the provider does without AWS', () => {
    const r = read('local-data', {
      'main.tf': `
provider "aws" {
  region = "eu-west-1"
}
data "aws_partition" "current" {}
data "aws_region" "current" {}
resource "aws_sqs_queue" "q" {
  name = "arn:\${data.aws_partition.current.partition}:sqs:\${data.aws_region.current.name}"
}
`,
    });
    expect(r.change('aws_sqs_queue.q').change.after).toEqual({ name: 'arn:aws:sqs:eu-west-1' });
  });

  it('GIVEN an unknown value without references WHEN read THEN its configuration names the function not run', () => {
    const r = read('no-references', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  visibility_timeout_seconds = tonumber(file("vt.txt"))\n}\n' });
    expect(r.change('aws_sqs_queue.q').change.after_unknown).toEqual({ visibility_timeout_seconds: true });
    const config = (r.plan.configuration as Obj).root_module.resources[0];
    expect(config.expressions.visibility_timeout_seconds).toEqual({ references: ['file()'] });
  });

  it('GIVEN a list with an unknown element WHEN read THEN the element is null in after and true in after_unknown, as a plan writes it', () => {
    const r = read('unknown-in-list', {
      'main.tf': `
data "aws_caller_identity" "me" {}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["sqs:ReceiveMessage"]
    resources = ["arn:aws:sqs:us-east-1:\${data.aws_caller_identity.me.account_id}:q"]
  }
}
`,
    });
    expect(r.change('data.aws_iam_policy_document.d').change).toMatchObject({
      after: { statement: [{ actions: ['sqs:ReceiveMessage'], resources: [null] }] },
      after_unknown: { statement: [{ resources: [true] }] },
    });
  });

  it('GIVEN a list element that is another resource\'s attribute itself WHEN read THEN it is that reference, as synthesized Terraform JSON writes it', () => {
    const r = read('reference-in-list', {
      'main.tf': `
variable "enforce_tls" {
  default = false
}
resource "aws_sqs_queue" "q" {
  name = "q"
}
data "aws_iam_policy_document" "publish" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.q.arn]
  }
}
data "aws_iam_policy_document" "tls" {
  statement {
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.q.arn]
  }
}
data "aws_iam_policy_document" "queue" {
  source_policy_documents = concat(
    [data.aws_iam_policy_document.publish.json],
    var.enforce_tls ? [data.aws_iam_policy_document.tls.json] : [],
  )
}
`,
    });
    expect(r.change('data.aws_iam_policy_document.publish').change).toMatchObject({
      after: { statement: [{ actions: ['sqs:SendMessage'], resources: ['${aws_sqs_queue.q.arn}'] }] },
      after_unknown: {},
    });
    // exactly the document the condition keeps, not every reference of the expression
    expect(r.change('data.aws_iam_policy_document.queue').change).toMatchObject({
      after: { source_policy_documents: ['${data.aws_iam_policy_document.publish.json}'] },
      after_unknown: {},
    });
  });

  it('GIVEN an override file WHEN read THEN its attributes and blocks replace the original ones, located in the override file', () => {
    const r = read('override', {
      'main.tf': 'resource "aws_sqs_queue" "q" {\n  name                       = "q"\n  visibility_timeout_seconds = 30\n}\n',
      'main_override.tf': 'resource "aws_sqs_queue" "q" {\n  visibility_timeout_seconds = 300\n}\n',
    }, ['visibility_timeout_seconds']);
    expect(r.plan.resource_changes as Obj[]).toHaveLength(1);
    expect(r.change('aws_sqs_queue.q').change.after).toEqual({ name: 'q', visibility_timeout_seconds: 300 });
    expect(r.locations['aws_sqs_queue.q'].attributes).toEqual({ visibility_timeout_seconds: { file: `${r.dir}/main_override.tf`, line: 2 } });
  });

  it('GIVEN a value passed out of a module instance under for_each WHEN located THEN it follows the output into that instance', () => {
    const r = read('module-output', {
      'main.tf': `
module "timeouts" {
  source   = "./timeouts"
  for_each = toset(["orders"])
  name     = each.key
}
resource "aws_sqs_queue" "q" {
  visibility_timeout_seconds = module.timeouts["orders"].visibility
}
`,
      'timeouts/main.tf': 'variable "name" {}\noutput "visibility" {\n  value = 20 * 6\n}\n',
    }, ['visibility_timeout_seconds']);
    expect(r.change('aws_sqs_queue.q').change.after).toEqual({ visibility_timeout_seconds: 120 });
    expect(r.locations['aws_sqs_queue.q'].attributes).toEqual({ visibility_timeout_seconds: { file: `${r.dir}/timeouts/main.tf`, line: 3 } });
  });

  it('GIVEN a jsonencode() with an unknown leaf that is not another resource\'s attribute WHEN read THEN it stays unknown, never a document with a guessed leaf', () => {
    const r = read('guessed-leaf', {
      'main.tf': `
variable "secure_transport" {}
resource "aws_sqs_queue" "q" {
  policy = jsonencode({
    Statement = [{ Effect = "Deny", Principal = "*", Action = "sqs:*", Condition = { Bool = { "aws:SecureTransport" = var.secure_transport } } }]
  })
}
`,
    });
    expect(r.change('aws_sqs_queue.q').change).toMatchObject({ after: {}, after_unknown: { policy: true } });
  });

  it('GIVEN a block argument known only after apply WHEN read THEN after_unknown marks that argument, as a plan does', () => {
    const r = read('block-unknown', {
      'main.tf': `
variable "concurrency" {}
resource "aws_lambda_event_source_mapping" "m" {
  function_name = "f"
  scaling_config {
    maximum_concurrency = var.concurrency
  }
}
`,
    });
    expect(r.change('aws_lambda_event_source_mapping.m').change).toMatchObject({
      after: { function_name: 'f', scaling_config: [{}] },
      after_unknown: { scaling_config: [{ maximum_concurrency: true }] },
    });
  });

  it('GIVEN count and for_each that are not known WHEN read THEN one instance with unknown keys is checked, never none', () => {
    const r = read('unknown-count', {
      'main.tf': `
variable "enabled" {}
resource "aws_sqs_queue" "q" {
  count                      = var.enabled ? 1 : 0
  name                       = "q-\${count.index}"
  visibility_timeout_seconds = 5
}
module "m" {
  source   = "./m"
  for_each = var.enabled ? toset(["a"]) : toset([])
  name     = each.key
}
`,
      'm/main.tf': 'variable "name" {}\nresource "aws_sqs_queue" "this" {\n  name          = var.name\n  delay_seconds = 3\n}\n',
    });
    expect(r.change('aws_sqs_queue.q').change).toMatchObject({ after: { visibility_timeout_seconds: 5 }, after_unknown: { name: true } });
    expect(r.change('module.m.aws_sqs_queue.this')).toMatchObject({ module_address: 'module.m', change: { after: { delay_seconds: 3 }, after_unknown: { name: true } } });
  });
});
