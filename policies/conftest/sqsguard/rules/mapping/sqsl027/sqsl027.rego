# METADATA
# scope: package
# title: Provisioned pollers that AWS rejects
# description: |
#   Provisioned mode for SQS event source mappings (provisioned_poller_config)
#   and scaling_config.maximum_concurrency are mutually exclusive, and an SQS
#   mapping needs at least 2 minimum pollers (and maximum_pollers no lower than
#   minimum_pollers). Lambda rejects the mapping otherwise; provider 5.100 lets
#   both through at plan time.
# custom:
#   id: SQSL027
#   severity: deny
#   remediation: Use either provisioned_poller_config or scaling_config, not both; set minimum_pollers to at least 2 and maximum_pollers to at least minimum_pollers.
#   url: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
package sqsguard.rules.mapping.sqsl027

import data.sqsguard.lib.settings
import data.sqsguard.lib.verdict

findings := verdict.findings(rego.metadata.chain(), violations, unsure)

violations contains verdict.violation(m, [], "provisioned_poller_config and scaling_config are set together (mutually exclusive)") if {
	some m, pp in settings.provisioned
	pp.scaling_config
}

violations contains verdict.violation(m, [], msg) if {
	some m, pp in settings.provisioned
	lo := pp.minimum_pollers
	is_number(lo)
	lo < 2
	msg := concat("", ["minimum_pollers ", verdict.n(lo), " is below 2"])
}

violations contains verdict.violation(m, [], msg) if {
	some m, pp in settings.provisioned
	lo := pp.minimum_pollers
	is_number(lo)
	hi := pp.maximum_pollers
	is_number(hi)
	hi < lo
	msg := concat("", ["maximum_pollers ", verdict.n(hi), " is below minimum_pollers ", verdict.n(lo)])
}

unsure contains verdict.unsure(m, [], pp.why) if {
	some m, pp in settings.provisioned
	"unknown" in {pp.minimum_pollers, pp.maximum_pollers}
}
