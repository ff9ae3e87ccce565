//! The `aliyun` command for an Alibaba Cloud RPC request: `aliyun <product> <Action> --Param value`.
//!
//! Repeated and nested parameters use the CLI's flat form (`--Name.1.Field value`); the region
//! goes in the CLI's own `--region` flag.

pub mod parse;

use super::shell::Command;
use crate::core::model::Operation;
use crate::core::value::Value;
use crate::core::wire::flat;

/// The command's words.
pub fn command(op: &Operation, request: &Value, region: &str) -> Command {
    let mut cmd = Command::default();
    cmd.push(["aliyun".to_string(), op.service.to_string(), op.name.to_string()]);
    for (key, value) in flat::flatten_request(request, &flat::ALIYUN_CLI) {
        cmd.push([format!("--{key}"), value]);
    }
    cmd.push(["--region".to_string(), region.to_string()]);
    cmd
}
