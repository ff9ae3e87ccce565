//! How things are named: an operation's route (`aws/dms/StartReplicationTask`, the page's
//! address and the catalog's key), the CLI's kebab spelling (`StartReplicationTask` ->
//! `start-replication-task`), which the model format, the CLI and the search all spell with,
//! and botocore's `xform_name` rule exactly (`ListWebACLs` -> `list_web_acls`), which names
//! boto3's client methods.

use crate::core::model::Cloud;

/// The route of an operation: `aws/dms/StartReplicationTask` (what `split_route` splits).
pub fn route(cloud: Cloud, service: &str, operation: &str) -> String {
    format!("{}/{service}/{operation}", cloud.slug())
}

/// Splits `aws/dms/StartReplicationTask` into its cloud, service and operation.
pub fn split_route(route: &str) -> Option<(Cloud, &str, &str)> {
    let mut parts = route.split('/');
    let cloud = Cloud::from_slug(parts.next()?)?;
    let (service, operation) = (parts.next()?, parts.next()?);
    let plain = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    (parts.next().is_none() && plain(service) && plain(operation))
        .then_some((cloud, service, operation))
}

/// Python's keywords: they cannot name a keyword argument, and an Alibaba Cloud SDK name that
/// would be one takes a trailing `_`.
pub const PYTHON_KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The Alibaba Cloud SDK generator's Python name of an API name, as `tools/aliyun_models.py`'s
/// `python_name` applies it: `_` between a lower-case letter and a capital or digit, all in
/// lower case (`DBInstanceId` -> `dbinstance_id`, `Ipv6Address` -> `ipv_6address`), and a
/// keyword gets a trailing `_` (`From` -> `from_`). Where the SDK names otherwise (`VSwitchId`
/// -> `v_switch_id`) the model records its name (`Member::sdk_name`, `Operation::sdk_method`).
pub fn aliyun_python(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut prev = None::<char>;
    for c in name.chars() {
        if prev.is_some_and(|p| p.is_ascii_lowercase())
            && (c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            out.push('_');
        }
        out.extend(c.to_lowercase());
        prev = Some(c);
    }
    if PYTHON_KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// botocore's `xform_name`: `StartReplicationTask` -> `start-replication-task`.
pub fn kebab(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut chars = name.chars().peekable();
    let mut prev = None::<char>;
    while let Some(c) = chars.next() {
        if let (true, Some(p)) = (c.is_ascii_uppercase(), prev) {
            let next_lower = chars.peek().is_some_and(|n| n.is_ascii_lowercase());
            if p.is_ascii_lowercase()
                || p.is_ascii_digit()
                || (p.is_ascii_uppercase() && next_lower)
            {
                out.push('-');
            }
        }
        out.push(c.to_ascii_lowercase());
        prev = Some(c);
    }
    out
}

/// botocore's `xform_name(name, sep)` rule, as its three regular expressions apply it
/// (`botocore/__init__.py`): a name holding `sep` is kept; a trailing run of two or more
/// capitals before an `s` becomes `<sep><run>s` (`ACLs`); then `(.)([A-Z][a-z]+)` and
/// `([a-z0-9])([A-Z])` get `sep` between their groups, and all is lower-cased. botocore's own
/// exceptions to the rule (its `_xform_cache`, e.g. `CreateCachediSCSIVolume`) are model data:
/// the compiler stores them on the operation (`Operation::sdk_method`).
pub fn xform_name(name: &str, sep: char) -> String {
    if name.contains(sep) {
        return name.to_string();
    }
    let mut chars: Vec<char> = name.chars().collect();
    if let Some((&'s', rest)) = chars.split_last() {
        let run = rest.iter().rev().take_while(|c| c.is_ascii_uppercase()).count();
        if run >= 2 {
            let start = rest.len() - run;
            let tail: Vec<char> = chars[start..].iter().map(|c| c.to_ascii_lowercase()).collect();
            chars.truncate(start);
            chars.push(sep);
            chars.extend(tail);
        }
    }
    // `(.)([A-Z][a-z]+)`, left to right without overlaps.
    let mut first = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let upper = chars.get(i + 1).is_some_and(|n| n.is_ascii_uppercase());
        let lowers = chars
            .get(i + 2..)
            .map_or(0, |t| t.iter().take_while(|n| n.is_ascii_lowercase()).count());
        if c != '\n' && upper && lowers > 0 {
            first.push(c);
            first.push(sep);
            first.extend_from_slice(&chars[i + 1..i + 2 + lowers]);
            i += 2 + lowers;
        } else {
            first.push(c);
            i += 1;
        }
    }
    // `([a-z0-9])([A-Z])`, left to right without overlaps.
    let mut out = String::with_capacity(first.len() + 8);
    let mut i = 0;
    while let Some(&c) = first.get(i) {
        match first.get(i + 1) {
            Some(&n)
                if (c.is_ascii_lowercase() || c.is_ascii_digit()) && n.is_ascii_uppercase() =>
            {
                out.push(c);
                out.push(sep);
                out.push(n);
                i += 2;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    // What tools/aliyun_models.py's python_name gives, and so the pinned SDKs' names where the
    // model records no exception (the VSwitch names are such exceptions).
    #[test]
    fn aliyun_python_names_follow_the_sdk_generator() {
        for (name, python) in [
            ("StartReplicationJob", "start_replication_job"),
            ("DBInstanceId", "dbinstance_id"),
            ("Ipv6Address", "ipv_6address"),
            ("AssignIpv6Addresses", "assign_ipv_6addresses"),
            ("RegionId", "region_id"),
            ("From", "from_"),
            ("Async", "async_"),
            ("VSwitchId", "vswitch_id"),
            ("key", "key"),
        ] {
            assert_eq!(aliyun_python(name), python, "{name}");
        }
    }

    // What botocore 1.44.8's xform_name gives (run in .venv); tests/sdk_python.rs checks the
    // name of every operation against boto3's client.
    #[test]
    fn xform_name_follows_botocores_rule() {
        for (name, snake) in [
            ("StartReplicationTask", "start_replication_task"),
            ("ListWebACLs", "list_web_acls"),
            ("DescribeDBInstances", "describe_db_instances"),
            ("GetAPIKeys", "get_api_keys"),
            ("ACLs", "_acls"),
            ("Invoke", "invoke"),
            ("GetBucketACL", "get_bucket_acl"),
            ("AssumeRoleWithSAML", "assume_role_with_saml"),
            ("ListAWSDefaultServiceQuotas", "list_aws_default_service_quotas"),
            ("GetIAMs", "get_iams"),
            ("Base64Decode", "base64_decode"),
            ("S3ABCdef", "s3_ab_cdef"),
            ("list_things", "list_things"),
        ] {
            assert_eq!(xform_name(name, '_'), snake, "{name}");
            if !name.contains('_') {
                assert_eq!(xform_name(name, '-'), snake.replace('_', "-"), "{name}");
            }
        }
    }

    // Printing a route is the inverse of splitting it, for every route the page builds.
    #[test]
    fn a_route_split_gives_back_its_parts() {
        for (cloud, service, operation) in [
            (Cloud::Aws, "dms", "StartReplicationTask"),
            (Cloud::Aliyun, "smc", "StartReplicationJob"),
            (Cloud::Aws, "s3api", "PutObject"),
        ] {
            let printed = route(cloud, service, operation);
            assert_eq!(split_route(&printed), Some((cloud, service, operation)), "{printed}");
        }
        assert_eq!(
            route(Cloud::Aws, "dms", "StartReplicationTask"),
            "aws/dms/StartReplicationTask"
        );
    }
}
