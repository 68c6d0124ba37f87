# AWS managed policies the model knows, by name (the last segment of the ARN
# arn:aws:iam::aws:policy/[service-role/]NAME), with their documented
# statements. Data only: any other AWS managed policy ARN is outside the
# document and makes the role's grants undetermined.
package sqsguard.lib.model

managed_policies := {
	"AWSLambdaSQSQueueExecutionRole": [{
		"Effect": "Allow",
		"Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
		"Resource": "*",
	}],
	"AWSLambdaBasicExecutionRole": [{"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}],
	"AWSLambdaVPCAccessExecutionRole": [{"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"], "Resource": "*"}],
	"AWSXRayDaemonWriteAccess": [{"Effect": "Allow", "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"], "Resource": "*"}],
	"AmazonSQSFullAccess": [{"Effect": "Allow", "Action": ["sqs:*"], "Resource": "*"}],
	"AmazonSQSReadOnlyAccess": [{"Effect": "Allow", "Action": ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListDeadLetterSourceQueues", "sqs:ListQueues", "sqs:ListMessageMoveTasks", "sqs:ListQueueTags"], "Resource": "*"}],
	"AdministratorAccess": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}
