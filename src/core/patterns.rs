//! The official models' string patterns, each as its source text plus a small hand-written matcher.
//!
//! A regex engine would add far more to the page than these few patterns need, so each matcher
//! implements its pattern directly. `tests/patterns.rs` proves every matcher equal to the
//! `regex` crate compiling the same source, on tables and on random strings.

use super::model::Pattern;

const PARTITIONS: [&str; 6] = ["aws", "aws-cn", "aws-us-gov", "aws-eusc", "aws-iso", "aws-iso-b"];

fn is_partition(s: &str) -> bool {
    PARTITIONS.contains(&s)
}

fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `[a-z\-0-9]`: the characters of a region segment.
fn is_region_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

fn all_of(s: &str, min: usize, max: usize, ok: impl Fn(char) -> bool) -> bool {
    let count = s.chars().count();
    (min..=max).contains(&count) && s.chars().all(ok)
}

/// Splits `arn:<partition>:<service>:<region>:<account>:<resource>` into its six parts.
fn arn_parts(s: &str) -> Option<[&str; 6]> {
    let mut it = s.splitn(6, ':');
    let parts = [it.next()?, it.next()?, it.next()?, it.next()?, it.next()?, it.next()?];
    (parts[0] == "arn" && is_partition(parts[1])).then_some(parts)
}

/// Strips `prefix` and one `/` or `:` after it (`prefix[/:]`).
fn strip_with_sep<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(prefix)?;
    rest.strip_prefix('/').or_else(|| rest.strip_prefix(':'))
}

fn datasync_task_arn(s: &str) -> bool {
    let Some([_, _, service, region, account, resource]) = arn_parts(s) else { return false };
    service == "datasync"
        && all_of(region, 1, usize::MAX, is_region_char)
        && is_account(account)
        && resource
            .strip_prefix("task/task-")
            .is_some_and(|id| all_of(id, 17, 17, |c| c.is_ascii_digit() || ('a'..='f').contains(&c)))
}

fn iam_role_arn(s: &str) -> bool {
    let Some([_, _, service, region, account, resource]) = arn_parts(s) else { return false };
    service == "iam"
        && region.is_empty()
        && is_account(account)
        && resource.starts_with("role/")
        && !resource.contains('\n')
}

fn s3_bucket_arn(s: &str) -> bool {
    let Some([_, _, service, region, account, resource]) = arn_parts(s) else { return false };
    let alnum_dash = |c: char| c.is_ascii_alphanumeric() || c == '-';
    match service {
        // `s3:::bucket` or an access point `s3:<region>:<account>:accesspoint[/:]<name>`.
        "s3" if region.is_empty() && account.is_empty() => {
            all_of(resource, 1, 255, |c| alnum_dash(c) || c == '.' || c == '_')
        }
        "s3" => {
            all_of(region, 0, usize::MAX, is_region_char)
                && is_account(account)
                && strip_with_sep(resource, "accesspoint")
                    .is_some_and(|name| all_of(name, 1, 63, |c| alnum_dash(c) || c == '.'))
        }
        // `s3-outposts:<region>:<account>:outpost[/:]<id>[/:]accesspoint[/:]<name>`.
        "s3-outposts" => {
            all_of(region, 1, usize::MAX, is_region_char)
                && is_account(account)
                && strip_with_sep(resource, "outpost").is_some_and(|rest| {
                    let split = rest.find(['/', ':']);
                    split.is_some_and(|at| {
                        all_of(&rest[..at], 1, 63, alnum_dash)
                            && strip_with_sep(&rest[at + 1..], "accesspoint")
                                .is_some_and(|name| all_of(name, 1, 63, alnum_dash))
                    })
                })
        }
        _ => false,
    }
}

/// `\p{Zs}`: the Unicode space separators.
fn is_space_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

fn s3_subdirectory(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() || "_-+./()".contains(c) || is_space_separator(c))
}

fn tag_key(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c.is_whitespace() || "+=._:/-".contains(c))
}

fn tag_value(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c.is_whitespace() || "+=._:@/-".contains(c))
}

/// DataSync task ARN.
pub static DATASYNC_TASK_ARN: Pattern = Pattern {
    source: r"^arn:(aws|aws-cn|aws-us-gov|aws-eusc|aws-iso|aws-iso-b):datasync:[a-z\-0-9]+:[0-9]{12}:task/task-[0-9a-f]{17}$",
    matches: datasync_task_arn,
    hint: "arn:aws:datasync:<region>:<12-digit account>:task/task-<17 hex digits>",
};

/// DataSync filter type (also an enum).
pub static FILTER_TYPE: Pattern = Pattern {
    source: r"^[A-Z0-9_]+$",
    matches: |s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
    hint: "capital letters, digits and _",
};

/// DataSync filter value: any text without a NUL character.
pub static FILTER_VALUE: Pattern = Pattern {
    source: r"^[^\x00]+$",
    matches: |s| !s.is_empty() && !s.contains('\0'),
    hint: "any text without a NUL character",
};

/// An S3 prefix inside a bucket.
pub static S3_SUBDIRECTORY: Pattern = Pattern {
    source: r"^[a-zA-Z0-9_\-\+\./\(\)\p{Zs}]*$",
    matches: s3_subdirectory,
    hint: "letters, digits, spaces and _ - + . / ( )",
};

/// An IAM role ARN.
pub static IAM_ROLE_ARN: Pattern = Pattern {
    source: r"^arn:(aws|aws-cn|aws-us-gov|aws-eusc|aws-iso|aws-iso-b):iam::[0-9]{12}:role/.*$",
    matches: iam_role_arn,
    hint: "arn:aws:iam::<12-digit account>:role/<name>",
};

/// An S3 bucket, access point or Outposts access point ARN.
pub static S3_BUCKET_ARN: Pattern = Pattern {
    source: r"^arn:(aws|aws-cn|aws-us-gov|aws-eusc|aws-iso|aws-iso-b):s3:[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$|^arn:(aws|aws-cn|aws-us-gov|aws-eusc|aws-iso|aws-iso-b):s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$|^arn:(aws|aws-cn|aws-us-gov|aws-eusc|aws-iso|aws-iso-b):s3:::[a-zA-Z0-9.\-_]{1,255}$",
    matches: s3_bucket_arn,
    hint: "arn:aws:s3:::<bucket>, or an access point ARN",
};

/// An S3 object version ID: one line of text.
pub static S3_OBJECT_VERSION_ID: Pattern = Pattern {
    source: r"^.+$",
    matches: |s| !s.is_empty() && !s.contains('\n'),
    hint: "one line of text",
};

/// A DataSync tag key.
pub static TAG_KEY: Pattern = Pattern {
    source: r"^[a-zA-Z0-9\s+=._:/-]+$",
    matches: tag_key,
    hint: "letters, digits, spaces and + = . _ : / -",
};

/// A DataSync tag value.
pub static TAG_VALUE: Pattern = Pattern {
    source: r"^[a-zA-Z0-9\s+=._:@/-]+$",
    matches: tag_value,
    hint: "letters, digits, spaces and + = . _ : @ / -",
};

/// Every pattern, for the cross-check against the regex crate.
pub static ALL: [&Pattern; 9] = [
    &DATASYNC_TASK_ARN,
    &FILTER_TYPE,
    &FILTER_VALUE,
    &S3_SUBDIRECTORY,
    &IAM_ROLE_ARN,
    &S3_BUCKET_ARN,
    &S3_OBJECT_VERSION_ID,
    &TAG_KEY,
    &TAG_VALUE,
];
