//! Format checks that the docs state in prose, beyond the official model's constraints.
//!
//! The overlay attaches them to members as data (`model::Check`); this module says what each
//! one accepts. Each returns a message when the value fails.

use crate::core::model::Check;

/// The message for `value` failing `check`, or `None` when it passes. `region` is the form's.
pub fn run(check: &Check, value: &str, region: &str) -> Option<String> {
    match check {
        Check::Arn { service, resource } => arn(value, service, resource),
        Check::ArnRegionMatches => arn_region_matches(value, region),
        Check::HostOrIp => host_or_ip(value),
        Check::TcpPort => tcp_port(value),
        Check::Json => json_text(value),
        Check::IdPrefix { prefix, what } => id_prefix(value, prefix, what),
    }
}

/// `arn:<partition>:<service>:<region>:<12 digits>:<resource><id>`.
fn arn(value: &str, service: &str, resource: &str) -> Option<String> {
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let well_formed = parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[1].bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && parts[2] == service
        && !parts[3].is_empty()
        && parts[3].bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && parts[4].len() == 12
        && parts[4].bytes().all(|b| b.is_ascii_digit())
        && parts[5].strip_prefix(resource).is_some_and(|id| {
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    (!well_formed).then(|| {
        let noun = resource.trim_end_matches([':', '/']);
        format!(
            "must look like arn:aws:{service}:<region>:<12-digit account>:{resource}<{noun} id>"
        )
    })
}

fn arn_region_matches(value: &str, form_region: &str) -> Option<String> {
    let region = value.strip_prefix("arn:")?.split(':').nth(2)?;
    // With no region the form says so at the region control; the ARN has nothing to match.
    (!region.is_empty() && !form_region.is_empty() && region != form_region)
        .then(|| format!("this ARN is in {region}, but the request goes to {form_region}"))
}

/// JSON text, said with the line and column of the first mistake (a box of pretty-printed JSON
/// has many lines).
fn json_text(value: &str) -> Option<String> {
    let error = crate::core::json::parse_json(value).err()?;
    let before = &value[..error.offset.min(value.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let what = error.message.strip_prefix("invalid JSON: ").unwrap_or(&error.message);
    Some(format!("is not JSON: {what} (line {line}, column {column})"))
}

fn host_or_ip(value: &str) -> Option<String> {
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

fn tcp_port(value: &str) -> Option<String> {
    match value.parse::<i64>() {
        Ok(port) if (1..=65535).contains(&port) => None,
        Ok(_) => Some("must be a port from 1 to 65535".to_string()),
        Err(_) => None, // not a number: the integer check reports it
    }
}

fn id_prefix(value: &str, prefix: &str, what: &str) -> Option<String> {
    let looks_right = value
        .strip_prefix(prefix)
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()));
    (!looks_right).then(|| format!("{what} look like {prefix} followed by letters and digits"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_check_takes_any_json_and_says_where_broken_json_breaks() {
        // (value, message)
        let cases = [
            ("{\"rules\": []}", None),
            ("{\n  \"rules\": [\n    {\"rule-type\": \"selection\"}\n  ]\n}", None),
            ("[1, 2]", None),
            ("\"text\"", None),
            ("{\"rules\": [}", Some("is not JSON: expected value (line 1, column 12)")),
            (
                "{\n  \"rules\": [\n    {\"rule-type\" \"selection\"}\n  ]\n}",
                Some("is not JSON: expected `:` (line 3, column 18)"),
            ),
            (
                "{\"a\": 1, \"a\": 2}",
                Some("is not JSON: the key \"a\" appears twice (line 1, column 12)"),
            ),
            ("", Some("is not JSON: EOF while parsing a value (line 1, column 1)")),
            ("{\"é\": 1", Some("is not JSON: EOF while parsing an object (line 1, column 7)")),
            // Regression: serde_json's column is in bytes; read as characters, it pointed past
            // the mistake on a line with any non-ASCII text before it.
            ("{\"é\": x}", Some("is not JSON: expected value (line 1, column 7)")),
        ];
        for (value, message) in cases {
            assert_eq!(run(&Check::Json, value, "us-east-1").as_deref(), message, "{value:?}");
        }
    }
}
