//! Alibaba Cloud SMC StartReplicationJob (RPC, API 2019-06-01).

use crate::core::checks;
use crate::core::model::*;

/// `StartReplicationJob` of Server Migration Center.
pub static START_REPLICATION_JOB: Operation = Operation {
    cloud: Cloud::Aliyun,
    service: "smc",
    service_title: "Alibaba Cloud Server Migration Center",
    name: "StartReplicationJob",
    summary: "Starts an SMC migration job. Only jobs in the Ready, Stopped or InError state can be started.",
    protocol: Protocol::AliyunRpc { version: "2019-06-01" },
    signing_name: "smc",
    host_template: "smc.aliyuncs.com",
    regions: &[
        "cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-qingdao", "cn-zhangjiakou",
        "cn-huhehaote", "cn-chengdu", "cn-hongkong", "ap-southeast-1", "ap-southeast-3",
        "ap-southeast-5", "ap-northeast-1", "eu-central-1", "eu-west-1", "us-east-1", "us-west-1",
    ],
    input: &[
        Member {
            name: "JobId",
            kind: Kind::String(StringRules::NONE),
            required: true,
            doc: "ID of the migration job to start, e.g. j-bp1a2b3c4d5e6f7g8h9i.",
            checks: &[checks::SMC_JOB_ID],
        },
        Member {
            name: "OwnerId",
            kind: Kind::Long(NumRange { min: Some(0), max: None }),
            required: false,
            doc: "Numeric ID of the account that owns the job; usually left unset.",
            checks: &[],
        },
        Member {
            name: "ResourceOwnerAccount",
            kind: Kind::String(StringRules::NONE),
            required: false,
            doc: "Account name of the resource owner; usually left unset.",
            checks: &[],
        },
    ],
    rules: &[],
    aws_cli_v1_gaps: &[],
};
