//! CLI dialects and shells: the `aws` and `aliyun` commands and curl, for three shells.

pub mod aliyun;
pub mod aws;
pub mod curl;
pub mod shell;

use crate::core::model::{AwsCli, Cloud, Operation};
use crate::core::request::value::Value;
use shell::{Command, Shell};

/// The CLI command (`aws ...` for the chosen AWS CLI version, or `aliyun ...`) for a typed
/// request.
pub fn cli_command(op: &Operation, request: &Value, region: &str, awscli: AwsCli) -> Command {
    match op.cloud {
        Cloud::Aws => aws::command(op, request, region, awscli),
        Cloud::Aliyun => aliyun::command(op, request, region),
    }
}

/// The CLI command as text for a shell, with any warnings about that shell.
// Out of line: a step of `core::outputs` (see there).
#[inline(never)]
pub fn render_cli(
    op: &Operation,
    request: &Value,
    region: &str,
    shell: Shell,
    awscli: AwsCli,
) -> (String, Vec<String>) {
    let (text, mut warnings) = shell::format(&cli_command(op, request, region, awscli), shell);
    match op.cloud {
        Cloud::Aws => warnings.extend(aws::gap_warnings(op, request, awscli)),
        Cloud::Aliyun => warnings.extend(aliyun::warnings(op, request)),
    }
    (text, warnings)
}
