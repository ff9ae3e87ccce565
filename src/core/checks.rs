//! Format checks that the docs state in prose, beyond the official model's constraints.
//!
//! Each is a plain function from the raw value (and the form's region) to a message; the
//! catalog attaches them to members with a severity.

use super::model::{Check, CheckContext, Severity};

/// `arn:<partition>:dms:<region>:<12 digits>:task:<id>`.
pub const DMS_TASK_ARN: Check = Check { severity: Severity::Error, check: dms_task_arn };

/// A warning when an ARN names another region than the form's.
pub const ARN_REGION_MATCHES: Check = Check { severity: Severity::Warning, check: arn_region_matches };

/// A host name or an IPv4/IPv6 address.
pub const HOST_OR_IP: Check = Check { severity: Severity::Error, check: host_or_ip };

/// A TCP port, 1 to 65535.
pub const TCP_PORT: Check = Check { severity: Severity::Error, check: tcp_port };

/// A warning when an SMC job ID does not look like `j-` followed by letters and digits.
pub const SMC_JOB_ID: Check = Check { severity: Severity::Warning, check: smc_job_id };

fn dms_task_arn(value: &str, _: &CheckContext<'_>) -> Option<String> {
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let well_formed = parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[1].bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && parts[2] == "dms"
        && !parts[3].is_empty()
        && parts[3].bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && parts[4].len() == 12
        && parts[4].bytes().all(|b| b.is_ascii_digit())
        && parts[5].strip_prefix("task:").is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    (!well_formed).then(|| {
        "must look like arn:aws:dms:<region>:<12-digit account>:task:<task id>".to_string()
    })
}

fn arn_region_matches(value: &str, ctx: &CheckContext<'_>) -> Option<String> {
    let region = value.strip_prefix("arn:")?.split(':').nth(2)?;
    (!region.is_empty() && region != ctx.region)
        .then(|| format!("this ARN is in {region}, but the request goes to {}", ctx.region))
}

fn host_or_ip(value: &str, _: &CheckContext<'_>) -> Option<String> {
    let ip = value.parse::<std::net::IpAddr>().is_ok();
    (!ip && !is_host_name(value)).then(|| "must be a host name or an IP address".to_string())
}

/// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
fn is_host_name(value: &str) -> bool {
    let name = value.strip_suffix('.').unwrap_or(value);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
        // An all-numeric dotted name is a malformed IPv4 address, not a host name.
        && !name.split('.').all(|label| label.bytes().all(|b| b.is_ascii_digit()))
}

fn tcp_port(value: &str, _: &CheckContext<'_>) -> Option<String> {
    match value.parse::<i64>() {
        Ok(port) if (1..=65535).contains(&port) => None,
        Ok(_) => Some("must be a port from 1 to 65535".to_string()),
        Err(_) => None, // not a number: the integer check reports it
    }
}

fn smc_job_id(value: &str, _: &CheckContext<'_>) -> Option<String> {
    let looks_right = value
        .strip_prefix("j-")
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()));
    (!looks_right).then(|| "SMC job IDs look like j- followed by letters and digits".to_string())
}
