//! The `aliyun` command for an Alibaba Cloud RPC request: `aliyun <product> <Action> --Param value`.
//!
//! Repeated and nested parameters use the CLI's flat form (`--Name.1.Field value`), and the
//! members the SDK sends as one JSON text or comma list take that text; the region goes in the
//! CLI's own `--region` flag.

use super::shell::Command;
use crate::core::model::Operation;
use crate::core::request::value::Value;
use crate::core::wire::{aliyun_rpc, flat};

/// The command's words.
pub fn command(op: &Operation, request: &Value, region: &str) -> Command {
    let mut cmd = Command::default();
    cmd.push(["aliyun".to_string(), op.service.to_string(), op.name.to_string()]);
    let (query, body) = aliyun_rpc::parameters(op, request, &flat::ALIYUN_CLI);
    for (key, value) in query.into_iter().chain(body) {
        cmd.push([format!("--{key}"), value]);
    }
    cmd.push(["--region".to_string(), region.to_string()]);
    cmd
}
