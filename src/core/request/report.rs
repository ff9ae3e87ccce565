//! Validation issues as data: where (field path), how serious, and what kind; worded by `Display`.
//!
//! The validator collects every issue and never stops at the first; the page looks issues up
//! by field path to mark the control that caused each.

use std::fmt;

pub use crate::core::model::Severity;

/// What is wrong, with the data needed to say it.
#[derive(Clone, Debug, PartialEq)]
pub enum IssueKind {
    /// A required member is not set.
    Missing,
    /// An integer member holds something else.
    NotAnInteger,
    /// A number outside its range.
    OutOfRange {
        /// Smallest allowed value.
        min: Option<i64>,
        /// Largest allowed value.
        max: Option<i64>,
    },
    /// A string shorter than its minimum length.
    TooShort {
        /// Minimum length in characters.
        min: u32,
    },
    /// A string longer than its maximum length.
    TooLong {
        /// Maximum length in characters.
        max: u32,
        /// The actual length.
        len: usize,
    },
    /// A string that does not match the model's pattern.
    Pattern {
        /// The pattern, as the model states it.
        pattern: &'static str,
    },
    /// A float member holding something other than a number.
    NotANumber,
    /// A float outside its range.
    OutOfRangeFloat {
        /// Smallest allowed value.
        min: Option<f64>,
        /// Largest allowed value.
        max: Option<f64>,
    },
    /// A blob whose length in bytes is out of bounds.
    BytesOutOfRange {
        /// Minimum length in bytes.
        min: Option<u32>,
        /// Maximum length in bytes.
        max: Option<u32>,
        /// The actual length in bytes.
        len: usize,
    },
    /// A document that is not JSON; the reason is worded by the parser.
    Document(String),
    /// A map key given twice.
    DuplicateKey,
    /// A value that is not one of the enum's.
    NotInEnum {
        /// The allowed values.
        allowed: Vec<&'static str>,
    },
    /// A boolean member holding something other than true or false.
    NotABoolean,
    /// A list with fewer items than allowed.
    TooFewItems {
        /// Minimum item count.
        min: u32,
    },
    /// A list with more items than allowed.
    TooManyItems {
        /// Maximum item count.
        max: u32,
    },
    /// A timestamp the AWS CLI would not take; the reason is worded by the parser.
    Timestamp(String),
    /// Leading or trailing whitespace, which is sent as typed.
    Whitespace,
    /// A format check or cross-field rule from the docs, worded by the rule.
    Rule(String),
}

/// One issue at one field.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    /// The field path: `Includes[0].Value`, or `region`.
    pub path: String,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub kind: IssueKind,
}

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssueKind::Missing => f.write_str("is required"),
            IssueKind::NotAnInteger => {
                f.write_str("must be a whole number, without spaces or separators")
            }
            IssueKind::OutOfRange { min: Some(min), max: Some(max) } => {
                write!(f, "must be from {min} to {max}")
            }
            IssueKind::OutOfRange { min: Some(min), max: None } => {
                write!(f, "must be at least {min}")
            }
            IssueKind::OutOfRange { min: None, max: Some(max) } => {
                write!(f, "must be at most {max}")
            }
            IssueKind::OutOfRange { .. } => f.write_str("is out of range"),
            IssueKind::TooShort { min } => write!(f, "must be at least {min} characters long"),
            IssueKind::TooLong { max, len } => {
                write!(f, "must be at most {max} characters long (it has {len})")
            }
            IssueKind::Pattern { pattern } => match crate::core::model::pattern::hint(pattern) {
                Some(hint) => write!(f, "must look like {hint}"),
                None => write!(f, "must match the pattern {pattern}"),
            },
            IssueKind::NotANumber => f.write_str("must be a number, like 1.5 or 2e-3"),
            IssueKind::OutOfRangeFloat { min: Some(min), max: Some(max) } => {
                write!(f, "must be from {} to {}", float(*min), float(*max))
            }
            IssueKind::OutOfRangeFloat { min: Some(min), max: None } => {
                write!(f, "must be at least {}", float(*min))
            }
            IssueKind::OutOfRangeFloat { min: None, max: Some(max) } => {
                write!(f, "must be at most {}", float(*max))
            }
            IssueKind::OutOfRangeFloat { .. } => f.write_str("is out of range"),
            IssueKind::BytesOutOfRange { min, max, len } => match (min, max) {
                (Some(min), Some(max)) => {
                    write!(f, "must be {min} to {max} bytes long (it has {len})")
                }
                (Some(min), None) => write!(f, "must be at least {min} bytes long (it has {len})"),
                (None, Some(max)) => write!(f, "must be at most {max} bytes long (it has {len})"),
                (None, None) => write!(f, "has a length of {len} bytes"),
            },
            IssueKind::Document(reason) => write!(f, "must be a JSON document: {reason}"),
            IssueKind::DuplicateKey => {
                f.write_str("is a key given twice; each key may appear once")
            }
            IssueKind::NotInEnum { allowed } => write!(f, "must be one of {}", allowed.join(", ")),
            IssueKind::NotABoolean => f.write_str("must be true or false"),
            IssueKind::TooFewItems { min } => write!(f, "needs at least {min} item(s)"),
            IssueKind::TooManyItems { max } => write!(f, "takes at most {max} item(s)"),
            IssueKind::Timestamp(reason) => f.write_str(reason),
            IssueKind::Whitespace => {
                f.write_str("starts or ends with whitespace, which is sent as typed")
            }
            IssueKind::Rule(message) => f.write_str(message),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {} {}", self.path, self.kind)
    }
}

/// Every issue found in one form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// The issues, in the order the form lists its fields.
    pub issues: Vec<Issue>,
}

impl Report {
    /// Records an issue.
    pub fn push(&mut self, path: &str, severity: Severity, kind: IssueKind) {
        self.issues.push(Issue { path: path.to_string(), severity, kind });
    }

    /// How many issues are errors (any blocks sending; previews still render).
    pub fn error_count(&self) -> usize {
        self.issues.iter().filter(|i| i.severity == Severity::Error).count()
    }

    /// The issues at exactly this path.
    pub fn at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| i.path == path)
    }
}

/// A bound as the CLI's Python would print it (and without Rust's float printer in the page).
fn float(value: f64) -> String {
    crate::core::request::value::python_float(value)
}
