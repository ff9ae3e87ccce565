//! The pure build step: raw form strings in, a typed request and a report of every issue out.
//!
//! Walks the operation's members with the form state, checks each value against its model
//! constraints and prose checks, then applies the operation's cross-field rules to the typed
//! request. It never changes what was typed: a value that cannot be typed (a non-number in an
//! integer field) is left out of the request and reported; every other value is kept as typed,
//! even when invalid, so the previews show what the user wrote. Only what the form holds is
//! walked, so recursive shapes cost nothing until the user fills them.

use crate::core::json;
use crate::core::model::path::{FieldPath, Segment};
use crate::core::model::pattern;
use crate::core::model::{
    Cloud, Kind, Member, NumRange, Operation, Rule, Severity, StringRules, Structure,
};
use crate::core::request::checks;
use crate::core::request::form::{entry_key, entry_value, item, join, FormState};
use crate::core::request::report::{IssueKind, Report};
use crate::core::request::timestamp;
use crate::core::request::value::Value;

/// The result of building a form: the request (a structure) and its report.
#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    /// The typed request, in model order.
    pub request: Value,
    /// Every issue found.
    pub report: Report,
}

/// Builds the typed request for `op` from raw form state.
// Out of line: a step of `core::outputs` (see there).
#[inline(never)]
pub fn build(op: &Operation, form: &FormState) -> Built {
    let mut builder = Builder { form, report: Report::default() };
    let region = form.region.trim();
    if region.is_empty() {
        builder.report.push("region", Severity::Error, IssueKind::Missing);
    } else if !op.regions().iter().any(|known| known == region) {
        builder.report.push(
            "region",
            Severity::Warning,
            IssueKind::Rule(format!(
                "{region} is not a region the page knows for {}: check the spelling (the request goes to it as typed)",
                op.service
            )),
        );
    }
    let request = Value::Struct(builder.members(op.input, ""));
    // Alibaba Cloud: the endpoint is the Region control's, the `RegionId` parameter the form's.
    if let (Cloud::Aliyun, Some(Value::Str(id))) = (op.cloud, request.field("RegionId")) {
        if !region.is_empty() && id != region {
            builder.report.push(
                "RegionId",
                Severity::Warning,
                IssueKind::Rule(format!(
                    "is {id}, but the request goes to the {region} endpoint (the Region control)"
                )),
            );
        }
    }
    for rule in op.rules {
        rule_issues(rule, &request, &mut builder.report);
    }
    comma_lists(op, &request, &mut builder.report);
    Built { request, report: builder.report }
}

/// Alibaba Cloud RPC lists that travel as one comma-joined parameter (the SDKs' `simple`
/// style): an item with a comma would become two items on the wire.
fn comma_lists(op: &Operation, request: &Value, report: &mut Report) {
    for (name, placement) in op.rpc.members {
        if placement.style != crate::core::model::ValueStyle::Simple {
            continue;
        }
        if let Some(Value::List(items)) = request.field(name) {
            for (index, element) in items.iter().enumerate() {
                if matches!(element, Value::Str(text) if text.contains(',')) {
                    let message = format!("{name} is sent as one comma-separated list, so an item cannot contain a comma");
                    report.push(&item(name, index), Severity::Error, IssueKind::Rule(message));
                }
            }
        }
    }
}

struct Builder<'a> {
    form: &'a FormState,
    report: Report,
}

impl<'a> Builder<'a> {
    fn members(
        &mut self,
        shape: &'static Structure,
        prefix: &str,
    ) -> Vec<(&'static Member, Value)> {
        let mut fields = Vec::new();
        for member in shape.members() {
            let path = join(prefix, member.name);
            match self.member(member, &path) {
                Some(value) => fields.push((member, value)),
                None if member.required && !self.reported_at(&path) => {
                    self.report.push(&path, Severity::Error, IssueKind::Missing)
                }
                None => {}
            }
        }
        fields
    }

    fn reported_at(&self, path: &str) -> bool {
        self.report.at(path).next().is_some()
    }

    fn member(&mut self, member: &'static Member, path: &str) -> Option<Value> {
        let value = self.value(member.kind, path, false)?;
        if let Some(raw) = self.raw(path) {
            for check in member.checks {
                if let Some(message) = checks::run(check, raw, &self.form.region) {
                    self.report.push(path, check.severity(), IssueKind::Rule(message));
                }
            }
            // An HTTP header cannot carry a line break (the CLI's HTTP client refuses it).
            if member.location == Some(crate::core::model::Location::Header)
                && raw.contains(['\r', '\n'])
            {
                let message =
                    "travels in an HTTP header, which cannot hold a line break".to_string();
                self.report.push(path, Severity::Error, IssueKind::Rule(message));
            }
            // botocore refuses a host label that is not a piece of a host name.
            if member.host_label
                && !raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            {
                let message =
                    "becomes part of the host name: only letters, digits, hyphens and periods"
                        .to_string();
                self.report.push(path, Severity::Error, IssueKind::Rule(message));
            }
        }
        Some(value)
    }

    /// The raw value at `path`; an explicitly empty one only for text, where "" is a value
    /// the request sends (a pasted `Value=`), and for nothing else, where "" is no value.
    fn raw(&self, path: &str) -> Option<&'a str> {
        self.form.value(path)
    }

    /// The value at `path`, or `None` when it is not set or cannot be typed.
    /// `forced` structures (list items, map values) exist even when empty.
    fn value(&mut self, kind: &'static Kind, path: &str, forced: bool) -> Option<Value> {
        match kind {
            Kind::Structure(shape) => (forced || self.form.has_any_under(path))
                .then(|| Value::Struct(self.members(shape, path))),
            Kind::List { item: item_member, min, max, .. } => {
                let len = self.form.list_len(path)?;
                self.count(path, len, *min, *max);
                let mut items = Vec::with_capacity(len);
                for i in 0..len {
                    let at = item(path, i);
                    let Some(value) = self.required_value(item_member.kind, &at) else { continue };
                    // An added item left empty is sent as `{}`; say so, unless a required member
                    // of it already does.
                    if let Kind::Structure(shape) = item_member.kind {
                        let untouched = !self.form.has_any_under(&at);
                        if untouched && !shape.members().iter().any(|m| m.required) {
                            self.report.push(
                                &at,
                                Severity::Warning,
                                IssueKind::Rule(
                                    "is empty and is sent as {}: fill it in or remove it".into(),
                                ),
                            );
                        }
                    }
                    items.push(value);
                }
                Some(Value::List(items))
            }
            Kind::Map { key, value, min, max, .. } => {
                let len = self.form.list_len(path)?;
                self.count(path, len, *min, *max);
                Some(Value::Map(self.entries(path, len, key, value)))
            }
            scalar => {
                let raw = self.raw(path).filter(|raw| !raw.is_empty() || scalar.is_text())?;
                self.scalar(scalar, path, raw)
            }
        }
    }

    fn entries(
        &mut self,
        path: &str,
        len: usize,
        key: &'static Member,
        value: &'static Member,
    ) -> Vec<(String, Value)> {
        let mut entries: Vec<(String, Value)> = Vec::new();
        for index in 0..len {
            let entry = item(path, index);
            let key_path = entry_key(&entry);
            let value_path = entry_value(&entry);
            let key_value = self.required_value(key.kind, &key_path);
            let entry_value = self.required_value(value.kind, &value_path);
            if let Some(Value::Str(key_text)) = key_value {
                if entries.iter().any(|(k, _)| *k == key_text) {
                    self.report.push(&key_path, Severity::Error, IssueKind::DuplicateKey);
                } else if let Some(entry_value) = entry_value {
                    entries.push((key_text, entry_value));
                }
            }
        }
        entries
    }

    fn required_value(&mut self, kind: &'static Kind, path: &str) -> Option<Value> {
        let value = self.value(kind, path, true);
        if value.is_none() && !self.reported_at(path) {
            self.report.push(path, Severity::Error, IssueKind::Missing);
        }
        value
    }

    fn count(&mut self, path: &str, len: usize, min: Option<u32>, max: Option<u32>) {
        if let Some(min) = min.filter(|&min| len < min as usize) {
            self.report.push(path, Severity::Error, IssueKind::TooFewItems { min });
        }
        if let Some(max) = max.filter(|&max| len > max as usize) {
            self.report.push(path, Severity::Error, IssueKind::TooManyItems { max });
        }
    }

    fn scalar(&mut self, kind: &'static Kind, path: &str, raw: &str) -> Option<Value> {
        match kind {
            Kind::String(rules) => {
                self.string_rules(path, raw, rules);
                Some(Value::Str(raw.to_string()))
            }
            Kind::Enum { values, rules } => {
                if !values.iter().any(|v| v.value == raw) {
                    let allowed = values.iter().map(|v| v.value).collect();
                    self.report.push(path, Severity::Error, IssueKind::NotInEnum { allowed });
                } else {
                    self.string_rules(path, raw, rules);
                }
                Some(Value::Str(raw.to_string()))
            }
            Kind::Integer(range) => {
                self.integer(path, raw, *range, (i32::MIN.into(), i32::MAX.into()))
            }
            Kind::Long(range) => self.integer(path, raw, *range, (i64::MIN, i64::MAX)),
            Kind::Float(range) => {
                let Some(number) = parse_float(raw) else {
                    self.report.push(path, Severity::Error, IssueKind::NotANumber);
                    return None;
                };
                let below = range.min.is_some_and(|min| number < min);
                let above = range.max.is_some_and(|max| number > max);
                if below || above {
                    let kind = IssueKind::OutOfRangeFloat { min: range.min, max: range.max };
                    self.report.push(path, Severity::Error, kind);
                }
                Some(Value::Float(number))
            }
            Kind::Boolean => match raw {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => {
                    self.report.push(path, Severity::Error, IssueKind::NotABoolean);
                    None
                }
            },
            Kind::Timestamp { format } => {
                if raw.trim() != raw {
                    self.report.push(path, Severity::Warning, IssueKind::Whitespace);
                }
                match timestamp::parse(raw) {
                    Ok(epoch) => {
                        Some(Value::Timestamp { text: raw.to_string(), epoch, format: *format })
                    }
                    Err(reason) => {
                        self.report.push(path, Severity::Error, IssueKind::Timestamp(reason));
                        None
                    }
                }
            }
            Kind::Blob { min, max } => {
                let len = raw.len();
                if min.is_some_and(|m| len < m as usize) || max.is_some_and(|m| len > m as usize) {
                    self.report.push(
                        path,
                        Severity::Error,
                        IssueKind::BytesOutOfRange { min: *min, max: *max, len },
                    );
                }
                Some(Value::Blob(raw.to_string()))
            }
            Kind::Document => match json::parse_json(raw) {
                Ok(node) => Some(Value::Document(node)),
                Err(error) => {
                    self.report.push(path, Severity::Error, IssueKind::Document(error.message));
                    None
                }
            },
            Kind::List { .. } | Kind::Map { .. } | Kind::Structure(_) => None,
        }
    }

    fn string_rules(&mut self, path: &str, raw: &str, rules: &StringRules) {
        if raw.trim() != raw {
            self.report.push(path, Severity::Warning, IssueKind::Whitespace);
        }
        let len = raw.chars().count();
        if let Some(min) = rules.min.filter(|&min| len < min as usize) {
            self.report.push(path, Severity::Error, IssueKind::TooShort { min });
        }
        if let Some(max) = rules.max.filter(|&max| len > max as usize) {
            self.report.push(path, Severity::Error, IssueKind::TooLong { max, len });
        }
        if let Some(source) = rules.pattern {
            if pattern::is_match(source, raw) == Some(false) {
                self.report.push(path, Severity::Error, IssueKind::Pattern { pattern: source });
            }
        }
    }

    fn integer(
        &mut self,
        path: &str,
        raw: &str,
        range: NumRange,
        (lo, hi): (i64, i64),
    ) -> Option<Value> {
        let Ok(number) = raw.parse::<i64>() else {
            self.report.push(path, Severity::Error, IssueKind::NotAnInteger);
            return None;
        };
        let min = range.min.unwrap_or(lo).max(lo);
        let max = range.max.unwrap_or(hi).min(hi);
        if !(min..=max).contains(&number) {
            let kind = IssueKind::OutOfRange {
                min: (min != i64::MIN).then_some(min),
                max: (max != i64::MAX).then_some(max),
            };
            self.report.push(path, Severity::Error, kind);
        }
        Some(Value::Int(number))
    }
}

/// A float as Python's `float()` reads it from the command line: decimal or exponent
/// notation, `inf`/`nan` spelled out; no hex, no separators.
pub fn parse_float(raw: &str) -> Option<f64> {
    match raw.to_ascii_lowercase().as_str() {
        "inf" | "+inf" | "infinity" | "+infinity" => return Some(f64::INFINITY),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    let plain = raw.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    if !plain || raw.is_empty() {
        return None;
    }
    crate::core::float::parse(raw).filter(|v| !v.is_nan())
}

/// The value at a path of the typed request (list items by index).
pub fn value_at<'v>(request: &'v Value, path: &FieldPath) -> Option<&'v Value> {
    path.0.iter().try_fold(request, |value, segment| match (segment, value) {
        (Segment::Member(name), Value::Struct(_)) => value.field(name),
        (Segment::Index(i), Value::List(items)) => items.get(*i),
        _ => None,
    })
}

/// Adds the issues of one cross-field rule, judged on the typed request.
fn rule_issues(rule: &Rule, request: &Value, report: &mut Report) {
    let at = |path: &str| FieldPath::parse(path).and_then(|p| value_at(request, &p));
    match rule {
        Rule::AtMostOneOf { paths } => {
            let set: Vec<&str> =
                paths.iter().map(String::as_str).filter(|p| at(p).is_some()).collect();
            exclusive(&set, report);
        }
        Rule::ExactlyOneOf { paths } => {
            let set: Vec<&str> =
                paths.iter().map(String::as_str).filter(|p| at(p).is_some()).collect();
            if set.is_empty() {
                let message = format!("set exactly one of {}", paths.join(" or "));
                for path in paths {
                    report.push(path, Severity::Error, IssueKind::Rule(message.clone()));
                }
            }
            exclusive(&set, report);
        }
        Rule::EnumPairs { first, second, defaults, allowed } => {
            let text = |path: &str| match at(path) {
                Some(Value::Str(s)) => Some(s.clone()),
                _ => None,
            };
            enum_pairs(first, second, (text(first), text(second)), defaults, allowed, report);
        }
        Rule::ForbiddenNumber { path, value, message } => {
            if matches!(at(path), Some(Value::Int(n)) if n == value) {
                report.push(path, Severity::Error, IssueKind::Rule(message.clone()));
            }
        }
        Rule::AdvisedMaxItems { path, max, message } => {
            if matches!(at(path), Some(Value::List(items)) if items.len() > *max) {
                report.push(path, Severity::Warning, IssueKind::Rule(message.clone()));
            }
        }
    }
}

/// Reports each of several set paths that may not be set together.
fn exclusive(set: &[&str], report: &mut Report) {
    if set.len() < 2 {
        return;
    }
    for path in set {
        let rest: Vec<&str> = set.iter().copied().filter(|p| p != path).collect();
        let message = format!("cannot be set together with {}; set only one", rest.join(", "));
        report.push(path, Severity::Error, IssueKind::Rule(message));
    }
}

fn enum_pairs(
    first: &str,
    second: &str,
    (a_set, b_set): (Option<String>, Option<String>),
    defaults: &(String, String),
    allowed: &[(String, String)],
    report: &mut Report,
) {
    if a_set.is_none() && b_set.is_none() {
        return;
    }
    let a = a_set.clone().unwrap_or_else(|| defaults.0.clone());
    let b = b_set.clone().unwrap_or_else(|| defaults.1.clone());
    if allowed.iter().any(|(x, y)| *x == a && *y == b) {
        return;
    }
    let name = |path: &str| path.rsplit('.').next().unwrap_or(path).to_string();
    let (a_name, b_name) = (name(first), name(second));
    let needs = allowed.iter().find(|(x, _)| *x == a).map(|(_, y)| y.clone());
    let needs_back = allowed.iter().find(|(_, y)| *y == b).map(|(x, _)| x.clone());
    let b_note =
        if b_set.is_none() { format!(" ({b_name} is {b} when not set)") } else { String::new() };
    let a_note =
        if a_set.is_none() { format!(" ({a_name} is {a} when not set)") } else { String::new() };
    if a_set.is_some() {
        if let Some(want) = needs {
            report.push(
                first,
                Severity::Error,
                IssueKind::Rule(format!("{a_name} {a} needs {b_name} {want}{b_note}")),
            );
        }
    }
    if b_set.is_some() {
        if let Some(want) = needs_back {
            report.push(
                second,
                Severity::Error,
                IssueKind::Rule(format!("{b_name} {b} needs {a_name} {want}{a_note}")),
            );
        }
    }
}
