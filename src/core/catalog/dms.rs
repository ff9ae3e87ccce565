//! AWS DMS StartReplicationTask (awsJson1.1, API 2016-01-01).

use crate::core::checks;
use crate::core::model::*;

/// `AmazonDMSv20160101.StartReplicationTask`.
pub static START_REPLICATION_TASK: Operation = Operation {
    cloud: Cloud::Aws,
    service: "dms",
    service_title: "AWS Database Migration Service",
    name: "StartReplicationTask",
    summary: "Starts a DMS replication task: a full load, change data capture (CDC), or both, \
              depending on how the task was created.",
    protocol: Protocol::AwsJson11 { target_prefix: "AmazonDMSv20160101" },
    signing_name: "dms",
    host_template: "dms.{region}.amazonaws.com",
    regions: super::AWS_REGIONS,
    input: &[
        Member {
            name: "ReplicationTaskArn",
            kind: Kind::String(StringRules::NONE),
            required: true,
            doc: "ARN of the replication task to start, as DescribeReplicationTasks shows it.",
            checks: &[checks::DMS_TASK_ARN, checks::ARN_REGION_MATCHES],
        },
        Member {
            name: "StartReplicationTaskType",
            kind: Kind::Enum {
                values: &[
                    EnumValue { value: "start-replication", doc: "First run of the task." },
                    EnumValue { value: "resume-processing", doc: "Continue a stopped task from where it stopped." },
                    EnumValue { value: "reload-target", doc: "Restart the full load, reloading the target tables." },
                ],
                rules: StringRules::NONE,
            },
            required: true,
            doc: "How to start: a first run, a resume, or a reload of the target.",
            checks: &[],
        },
        Member {
            name: "CdcStartTime",
            kind: Kind::Timestamp,
            required: false,
            doc: "When change data capture begins. ISO 8601 (zone-less means UTC) or epoch \
                  seconds. Set this or CdcStartPosition, not both.",
            checks: &[],
        },
        Member {
            name: "CdcStartPosition",
            kind: Kind::String(StringRules::NONE),
            required: false,
            doc: "Where change data capture begins: a date, a checkpoint (checkpoint:V1#...) or a \
                  native LSN/SCN position. Set this or CdcStartTime, not both.",
            checks: &[],
        },
        Member {
            name: "CdcStopPosition",
            kind: Kind::String(StringRules::NONE),
            required: false,
            doc: "Where change data capture stops, as server time or commit time, e.g. \
                  server_time:2026-02-09T12:12:12.",
            checks: &[],
        },
    ],
    rules: &[Rule::AtMostOneOf(&["CdcStartTime", "CdcStartPosition"])],
    aws_cli_v1_gaps: &[],
};
