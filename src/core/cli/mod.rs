//! CLI dialects and shells: the `aws` and `aliyun` commands and curl, for three shells.

pub mod aliyun;
pub mod aws;
pub mod curl;
pub mod shell;

use crate::core::model::{AwsCli, Cloud, Operation};
use crate::core::request::value::Value;
use shell::{Command, Shell, Word};

/// The CLI command (`aws ...` for the chosen AWS CLI version, or `aliyun ...`) for a typed
/// request.
pub fn cli_command(op: &Operation, request: &Value, region: &str, awscli: AwsCli) -> Command {
    match op.cloud {
        Cloud::Aws => aws::command(op, request, region, awscli),
        Cloud::Aliyun => aliyun::command(op, request, region),
    }
}

/// The CLI command as text for a shell, with any warnings about that shell. The secrets named
/// in `env` (`FormState::env`) are read from their environment variables.
// Out of line: a step of `core::outputs` (see there).
#[inline(never)]
pub fn render_cli(
    op: &Operation,
    request: &Value,
    region: &str,
    shell: Shell,
    awscli: AwsCli,
    env: &[String],
) -> (String, Vec<String>) {
    let mut command = cli_command(op, request, region, awscli);
    for name in env {
        read_from_env(op, &mut command, name, awscli);
    }
    let (text, mut warnings) = shell::format(&command, shell);
    match op.cloud {
        Cloud::Aws => warnings.extend(aws::gap_warnings(op, request, awscli)),
        Cloud::Aliyun => warnings.extend(aliyun::warnings(op, request)),
    }
    (text, warnings)
}

/// Top-level secret `name` as its option with the shell's reference to its variable
/// (`FormState::env`), in place of its value, before `--region` (the CLIs send members in their
/// own order, wherever the option stands). In double quotes, so that the value stays one word;
/// for the AWS CLI joined to its option, which argparse then reads as the value even when it
/// starts with `-`. (A typed value that the AWS CLI would read as a file stays in
/// `--cli-input-json`, which the option overrides.) A separate word, not a marked value: no
/// typed text can turn into a reference.
#[inline(never)]
fn read_from_env(op: &Operation, command: &mut Command, name: &str, awscli: AwsCli) {
    let Some(var) = op.env_name(name) else { return };
    let Some(member) = op.members().iter().find(|m| m.name == name) else { return };
    let (option, joined) = match op.cloud {
        Cloud::Aws => match aws::arg_form(op, member, awscli) {
            aws::ArgForm::Option(option) => (format!("--{option}"), format!("--{option}=")),
            _ => return,
        },
        Cloud::Aliyun => (format!("--{name}"), String::new()),
    };
    command.groups.retain(|group| match group.first() {
        Some(Word::Arg(word)) => {
            *word != option && (joined.is_empty() || !word.starts_with(&joined))
        }
        _ => true,
    });
    let mut group = Vec::new();
    if joined.is_empty() {
        group.push(Word::Arg(option));
    }
    group.push(Word::Raw {
        posix: format!("{joined}\"${var}\""),
        powershell: format!("\"{joined}$env:{var}\""),
        cmd: format!("\"{joined}%{var}%\""),
    });
    let at = command.groups.iter().position(|g| g.first() == Some(&Word::Arg("--region".into())));
    command.groups.insert(at.unwrap_or(command.groups.len()), group);
}
