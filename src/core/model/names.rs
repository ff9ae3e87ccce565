//! How things are named: an operation's route (`aws/dms/StartReplicationTask`, the page's
//! address and the catalog's key) and botocore's `xform_name` (`StartReplicationTask` ->
//! `start-replication-task`), which the model format, the CLI and the search all spell with.

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

#[cfg(test)]
mod tests {
    use super::*;

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
