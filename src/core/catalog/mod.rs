//! The built-in operations: the four operations of the seeds, as data.
//!
//! Members and constraints follow today's official models (botocore's data files for AWS,
//! the SMC 2019-06-01 API for Alibaba Cloud); `tests/conformance.rs` compares the AWS ones
//! with botocore. Help texts are our own words. Adding an operation is adding a file here.

mod datasync;
mod dms;
mod elasticache;
mod smc;

use super::model::Operation;

/// Every operation the page offers, in picker order.
pub static OPERATIONS: [&Operation; 4] = [
    &dms::START_REPLICATION_TASK,
    &datasync::START_TASK_EXECUTION,
    &elasticache::START_MIGRATION,
    &smc::START_REPLICATION_JOB,
];

/// The operation at a route such as `aws/dms/StartReplicationTask`.
pub fn find(route: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().copied().find(|op| op.route() == route)
}

/// Commercial AWS regions offered in the region control.
pub(crate) static AWS_REGIONS: &[&str] = &[
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
    "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1",
    "eu-south-1", "eu-south-2", "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
    "ap-east-1", "me-south-1", "me-central-1", "af-south-1", "il-central-1",
];
