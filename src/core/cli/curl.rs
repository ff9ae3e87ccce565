//! A curl command that sends the same request.
//!
//! For AWS it signs with curl's own `--aws-sigv4`, taking credentials from environment
//! variables that the shell expands, so no key ever appears in the text. Alibaba Cloud
//! signatures are beyond curl, so its command is the unsigned request, for a signing proxy.

use super::shell::{Command, Shell, Word};
use crate::core::model::{Cloud, Operation};
use crate::core::wire::WireRequest;

/// The curl command for a wire request.
// Out of line: a step of `core::outputs` (see there).
#[inline(never)]
pub fn command(op: &Operation, wire: &WireRequest, region: &str, shell: Shell) -> Command {
    // In PowerShell, `curl` may name Invoke-WebRequest (always so in Windows PowerShell 5.1).
    let program =
        if matches!(shell, Shell::PowerShell | Shell::PowerShell5) { "curl.exe" } else { "curl" };
    let mut cmd = Command::default();
    cmd.push([program.to_string(), "-X".to_string(), wire.method.to_string(), wire.url()]);
    if op.cloud == Cloud::Aws {
        cmd.push(["--aws-sigv4".to_string(), format!("aws:amz:{region}:{}", op.signing_name)]);
        cmd.groups.push(vec![
            Word::Arg("--user".to_string()),
            Word::Raw {
                posix: "\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\"".to_string(),
                powershell: "\"${env:AWS_ACCESS_KEY_ID}:${env:AWS_SECRET_ACCESS_KEY}\"".to_string(),
                cmd: "\"%AWS_ACCESS_KEY_ID%:%AWS_SECRET_ACCESS_KEY%\"".to_string(),
            },
        ]);
        // Temporary credentials (SSO, assumed roles) need the token header; these forms add it
        // only when AWS_SESSION_TOKEN is set. cmd.exe has no such form (see `session_token_note`).
        cmd.groups.push(vec![Word::Raw {
            posix: "${AWS_SESSION_TOKEN:+-H} ${AWS_SESSION_TOKEN:+\"x-amz-security-token: $AWS_SESSION_TOKEN\"}".to_string(),
            powershell: "@(if ($env:AWS_SESSION_TOKEN) { '-H', \"x-amz-security-token: $env:AWS_SESSION_TOKEN\" })".to_string(),
            cmd: String::new(),
        }]);
    }
    for (name, value) in &wire.headers {
        // curl computes Host and Content-Length itself.
        if !matches!(name.as_str(), "Host" | "Content-Length") {
            cmd.push(["-H".to_string(), format!("{name}: {value}")]);
        }
    }
    if op.streaming_upload().is_some() && !wire.body.is_empty() {
        // A streaming upload's value names the file to send, as in the AWS CLI.
        cmd.push(["--data-binary".to_string(), format!("@{}", wire.body)]);
    } else if !wire.body.is_empty() {
        cmd.push(["--data-binary".to_string(), wire.body.clone()]);
    }
    cmd
}

/// What cmd.exe users with temporary credentials must add by hand.
pub fn session_token_note(op: &Operation, shell: Shell) -> Option<String> {
    (op.cloud == Cloud::Aws && shell == Shell::Cmd).then(|| {
        "curl under cmd.exe: with temporary credentials add -H \"x-amz-security-token: %AWS_SESSION_TOKEN%\"".to_string()
    })
}

/// What an Alibaba Cloud curl command lacks: its signature.
pub fn unsigned_note(op: &Operation) -> Option<String> {
    (op.cloud == Cloud::Aliyun).then(|| {
        "curl for Alibaba Cloud is unsigned (curl cannot compute Alibaba's signatures), so Alibaba Cloud refuses it as it is: send it with Send through the signing proxy, or run the aliyun command".to_string()
    })
}
