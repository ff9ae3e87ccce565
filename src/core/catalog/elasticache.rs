//! AWS ElastiCache StartMigration (awsQuery, API 2015-02-02).

use crate::core::checks;
use crate::core::model::*;

static CUSTOMER_NODE_ENDPOINT: Kind = Kind::Structure(&[
    Member {
        name: "Address",
        kind: Kind::String(StringRules::NONE),
        required: false,
        doc: "Host name or IP address of the source Redis OSS or Valkey node.",
        checks: &[checks::HOST_OR_IP],
    },
    Member {
        name: "Port",
        kind: Kind::Integer(NumRange { min: None, max: None }),
        required: false,
        doc: "Port of the source node, 1 to 65535 (usually 6379).",
        checks: &[checks::TCP_PORT],
    },
]);

/// `StartMigration`: online migration from self-managed Redis OSS / Valkey into ElastiCache.
pub static START_MIGRATION: Operation = Operation {
    cloud: Cloud::Aws,
    service: "elasticache",
    service_title: "Amazon ElastiCache",
    name: "StartMigration",
    summary: "Starts an online migration of data from a self-managed Redis OSS or Valkey server \
              into an ElastiCache replication group or serverless cache.",
    protocol: Protocol::AwsQuery { api_version: "2015-02-02" },
    signing_name: "elasticache",
    host_template: "elasticache.{region}.amazonaws.com",
    regions: super::AWS_REGIONS,
    input: &[
        Member {
            name: "ServerlessCacheName",
            kind: Kind::String(StringRules::NONE),
            required: false,
            doc: "Name of the serverless cache to migrate into. Set this or ReplicationGroupId.",
            checks: &[],
        },
        Member {
            name: "ReplicationGroupId",
            kind: Kind::String(StringRules::NONE),
            required: false,
            doc: "ID of the replication group to migrate into. Set this or ServerlessCacheName.",
            checks: &[],
        },
        Member {
            name: "CustomerNodeEndpointList",
            kind: Kind::List { item: &CUSTOMER_NODE_ENDPOINT, min: None, max: None },
            required: false,
            doc: "The source nodes to migrate from. With cluster mode disabled, give exactly one.",
            checks: &[],
        },
        Member {
            name: "AutoCutover",
            kind: Kind::Boolean,
            required: false,
            doc: "Switch over to the ElastiCache target automatically once the data is in sync.",
            checks: &[],
        },
        Member {
            name: "ClearTargetCacheData",
            kind: Kind::Boolean,
            required: false,
            doc: "Empty the target cache before the migration starts.",
            checks: &[],
        },
    ],
    rules: &[
        Rule::ExactlyOneOf(&["ReplicationGroupId", "ServerlessCacheName"]),
        Rule::AdvisedMaxItems {
            path: "CustomerNodeEndpointList",
            max: 1,
            message: "a replication group with cluster mode disabled takes exactly one source endpoint",
        },
    ],
    aws_cli_v1_gaps: &[
        CliGap::Unknown("ServerlessCacheName"),
        CliGap::Unknown("AutoCutover"),
        CliGap::Unknown("ClearTargetCacheData"),
        CliGap::Required("ReplicationGroupId"),
        CliGap::Required("CustomerNodeEndpointList"),
    ],
};
