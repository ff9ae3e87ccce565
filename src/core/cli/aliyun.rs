//! The `aliyun` command for an Alibaba Cloud RPC request: `aliyun <product> <Action> --Param value`.
//!
//! Repeated and nested parameters use the CLI's flat form (`--Name.1.Field value`); the region
//! goes in the CLI's own `--region` flag.

use super::shell::Command;
use crate::core::model::Operation;
use crate::core::value::Value;

/// The command's words.
pub fn command(op: &Operation, request: &Value, region: &str) -> Command {
    let mut cmd = Command::default();
    cmd.push(["aliyun".to_string(), op.service.to_string(), op.name.to_string()]);
    for (name, value) in request.fields() {
        flatten(name, value, &mut cmd);
    }
    cmd.push(["--region".to_string(), region.to_string()]);
    cmd
}

fn flatten(key: &str, value: &Value, cmd: &mut Command) {
    match value {
        Value::Str(s) | Value::Timestamp { text: s, .. } => cmd.push([format!("--{key}"), s.clone()]),
        Value::Int(i) => cmd.push([format!("--{key}"), i.to_string()]),
        Value::Bool(b) => cmd.push([format!("--{key}"), b.to_string()]),
        Value::List(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(&format!("{key}.{}", index + 1), item, cmd);
            }
        }
        Value::Struct(fields) => {
            for (name, value) in fields {
                flatten(&format!("{key}.{name}"), value, cmd);
            }
        }
    }
}
