//! Where a request may go. The page names its target in `x-proxy-target`; the proxy accepts
//! only the official endpoints of the four services (so it is never an open relay), unless a
//! `--endpoint SERVICE=URL` override sends that service to an emulator.

use url::Url;

/// The official endpoint host patterns, per cloud and service: `{region}` is `[a-z0-9-]+`.
const OFFICIAL: &[(&str, &str, &[&str])] = &[
    ("aws", "dms", &["dms.{region}.amazonaws.com", "dms.{region}.amazonaws.com.cn"]),
    ("aws", "datasync", &["datasync.{region}.amazonaws.com", "datasync.{region}.amazonaws.com.cn"]),
    ("aws", "elasticache", &["elasticache.{region}.amazonaws.com", "elasticache.{region}.amazonaws.com.cn"]),
    ("aliyun", "smc", &["smc.aliyuncs.com", "smc.{region}.aliyuncs.com"]),
];

/// A checked target: where to send, and what to sign for.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// `aws` or `aliyun`.
    pub cloud: String,
    /// The signing name / product: `dms`, `datasync`, `elasticache`, `smc`.
    pub service: String,
    /// The region to sign for.
    pub region: String,
    /// Where the request really goes (the official endpoint, or an override).
    pub upstream: Url,
}

fn matches_pattern(host: &str, pattern: &str, region: &str) -> bool {
    match pattern.split_once("{region}") {
        None => host == pattern,
        Some((before, after)) => host.strip_prefix(before).and_then(|rest| rest.strip_suffix(after)).is_some_and(|r| {
            r == region && !r.is_empty() && r.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        }),
    }
}

/// Whether `region` has the shape of an AWS or Alibaba Cloud region id (`us-east-1`,
/// `cn-hangzhou`, `cn-shanghai-finance-1`, `us-gov-west-1`): 2 to 6 lowercase-alphanumeric
/// words joined by single hyphens, starting with a letter, 32 characters at most. The signature
/// and the log both carry it, so nothing else gets through.
pub fn valid_region(region: &str) -> bool {
    let words: Vec<&str> = region.split('-').collect();
    region.len() <= 32
        && region.starts_with(|c: char| c.is_ascii_lowercase())
        && (2..=6).contains(&words.len())
        && words.iter().all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Checks the page's target headers against the allow-list.
pub fn check(
    cloud: &str,
    service: &str,
    region: &str,
    target: &str,
    overrides: &std::collections::HashMap<String, Url>,
) -> Result<Target, String> {
    let url = Url::parse(target).map_err(|_| format!("x-proxy-target {target:?} is not a URL"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("x-proxy-target carries a user name or password; this proxy forwards only to the official endpoints, without user-info".into());
    }
    if url.port().is_some() {
        return Err(format!("x-proxy-target names port {}; this proxy forwards only to the official endpoints on the https port", url.port().unwrap_or_default()));
    }
    if !valid_region(region) {
        return Err(format!("x-proxy-region {region:?} is not a region name (lowercase words and digits joined by hyphens, such as us-east-1 or cn-hangzhou)"));
    }
    let host = url.host_str().unwrap_or_default();
    let Some((_, _, patterns)) = OFFICIAL.iter().find(|(c, s, _)| *c == cloud && *s == service) else {
        return Err(format!("this proxy serves only aws dms, datasync, elasticache and aliyun smc, not {cloud} {service}"));
    };
    if url.scheme() != "https" || !patterns.iter().any(|p| matches_pattern(host, p, region)) {
        return Err(format!("{target} is not an official {service} endpoint for region {region}; this proxy forwards only to those"));
    }
    let upstream = overrides.get(service).cloned().unwrap_or(url);
    Ok(Target { cloud: cloud.into(), service: service.into(), region: region.into(), upstream })
}

#[cfg(test)]
mod tests {
    use super::check;
    use std::collections::HashMap;

    #[test]
    fn only_official_endpoints_of_the_named_service_and_region() {
        let none = HashMap::new();
        assert!(check("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com/", &none).is_ok());
        assert!(check("aws", "dms", "cn-north-1", "https://dms.cn-north-1.amazonaws.com.cn", &none).is_ok());
        assert!(check("aliyun", "smc", "cn-hangzhou", "https://smc.aliyuncs.com/", &none).is_ok());
        for bad in [
            ("aws", "dms", "us-east-1", "https://evil.example.com/"),
            ("aws", "dms", "us-east-1", "http://dms.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://dms.eu-west-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://datasync.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com.evil.com/"),
            ("aws", "s3", "us-east-1", "https://s3.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us.east", "https://dms.us.east.amazonaws.com/"),
        ] {
            assert!(check(bad.0, bad.1, bad.2, bad.3, &none).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn user_info_an_explicit_port_and_a_malformed_region_are_refused() {
        let none = HashMap::new();
        for bad in [
            ("aws", "dms", "us-east-1", "https://u:p@dms.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://u@dms.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com:22/"),
            ("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com:8443/"),
            ("aliyun", "smc", "cn-hangzhou status=200", "https://smc.aliyuncs.com/"),
            ("aliyun", "smc", "cn-hangzhou\u{1b}[2K", "https://smc.aliyuncs.com/"),
            ("aliyun", "smc", "", "https://smc.aliyuncs.com/"),
            ("aliyun", "smc", "hangzhou", "https://smc.aliyuncs.com/"),
        ] {
            assert!(check(bad.0, bad.1, bad.2, bad.3, &none).is_err(), "{bad:?}");
        }
        // `:443` is the https port itself; the URL parser drops it.
        assert!(check("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com:443/", &none).is_ok());
        for good in ["us-east-1", "us-gov-west-1", "cn-hangzhou", "cn-shanghai-finance-1", "ap-southeast-5", "eu-central-1"] {
            assert!(super::valid_region(good), "{good}");
        }
    }

    #[test]
    fn an_override_redirects_the_service_but_the_target_must_still_be_official() {
        let overrides = HashMap::from([("dms".to_string(), url::Url::parse("http://127.0.0.1:5000").unwrap())]);
        let target = check("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com/", &overrides).unwrap();
        assert_eq!(target.upstream.as_str(), "http://127.0.0.1:5000/");
        assert!(check("aws", "dms", "us-east-1", "https://evil.example.com/", &overrides).is_err());
    }
}
