//! The pure build step: raw form strings in, a typed request and a report of every issue out.
//!
//! Walks the operation's members with the form state, checks each value against its model
//! constraints and prose checks, then applies the operation's cross-field rules. It never
//! changes what was typed: a value that cannot be typed (a non-number in an integer field)
//! is left out of the request and reported; every other value is kept as typed, even when
//! invalid, so the previews show what the user wrote.

use super::form::{item, join, FormState};
use super::model::{CheckContext, Kind, Member, NumRange, Operation, Rule, Severity, StringRules};
use super::report::{IssueKind, Report};
use super::timestamp;
use super::value::Value;

/// The result of building a form: the request (a structure) and its report.
#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    /// The typed request, in model order.
    pub request: Value,
    /// Every issue found.
    pub report: Report,
}

/// Builds the typed request for `op` from raw form state.
pub fn build(op: &Operation, form: &FormState) -> Built {
    let mut builder = Builder { form, report: Report::default(), ctx: CheckContext { region: &form.region } };
    if form.region.trim().is_empty() {
        builder.report.push("region", Severity::Error, IssueKind::Missing);
    }
    let fields = builder.members(op.input, "");
    for rule in op.rules {
        builder.rule(rule);
    }
    Built { request: Value::Struct(fields), report: builder.report }
}

struct Builder<'a> {
    form: &'a FormState,
    report: Report,
    ctx: CheckContext<'a>,
}

impl<'a> Builder<'a> {
    fn members(&mut self, members: &'static [Member], prefix: &str) -> Vec<(&'static str, Value)> {
        let mut fields = Vec::new();
        for member in members {
            let path = join(prefix, member.name);
            match self.member(member, &path) {
                Some(value) => fields.push((member.name, value)),
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
        let value = self.value(&member.kind, path, false)?;
        if let Some(raw) = self.raw(path) {
            for check in member.checks {
                if let Some(message) = (check.check)(raw, &self.ctx) {
                    self.report.push(path, check.severity, IssueKind::Rule(message));
                }
            }
        }
        Some(value)
    }

    fn raw(&self, path: &str) -> Option<&'a str> {
        Some(self.form.get(path)).filter(|raw| !raw.is_empty())
    }

    /// The value at `path`, or `None` when it is not set or cannot be typed.
    /// `forced` structures (list items) exist even when empty.
    fn value(&mut self, kind: &'static Kind, path: &str, forced: bool) -> Option<Value> {
        match kind {
            Kind::Structure(members) => {
                (forced || self.form.has_any_under(path)).then(|| Value::Struct(self.members(members, path)))
            }
            Kind::List { item: item_kind, min, max } => {
                let len = self.form.list_len(path)?;
                self.count(path, len, *min, *max);
                let items = (0..len).filter_map(|i| self.list_item(item_kind, &item(path, i)));
                Some(Value::List(items.collect()))
            }
            scalar => {
                let raw = self.raw(path)?;
                self.scalar(scalar, path, raw)
            }
        }
    }

    fn list_item(&mut self, kind: &'static Kind, path: &str) -> Option<Value> {
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
            Kind::Integer(range) => self.integer(path, raw, *range, (i32::MIN.into(), i32::MAX.into())),
            Kind::Long(range) => self.integer(path, raw, *range, (i64::MIN, i64::MAX)),
            Kind::Boolean => match raw {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => {
                    self.report.push(path, Severity::Error, IssueKind::NotABoolean);
                    None
                }
            },
            Kind::Timestamp => {
                if raw.trim() != raw {
                    self.report.push(path, Severity::Warning, IssueKind::Whitespace);
                }
                match timestamp::parse(raw) {
                    Ok(epoch) => Some(Value::Timestamp { text: raw.to_string(), epoch }),
                    Err(reason) => {
                        self.report.push(path, Severity::Error, IssueKind::Timestamp(reason));
                        None
                    }
                }
            }
            Kind::List { .. } | Kind::Structure(_) => None,
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
        if let Some(pattern) = rules.pattern.filter(|p| !(p.matches)(raw)) {
            self.report.push(path, Severity::Error, IssueKind::Pattern { hint: pattern.hint });
        }
    }

    fn integer(&mut self, path: &str, raw: &str, range: NumRange, (lo, hi): (i64, i64)) -> Option<Value> {
        let Ok(number) = raw.parse::<i64>() else {
            self.report.push(path, Severity::Error, IssueKind::NotAnInteger);
            return None;
        };
        let min = range.min.unwrap_or(lo).max(lo);
        let max = range.max.unwrap_or(hi).min(hi);
        if !(min..=max).contains(&number) {
            let kind = IssueKind::OutOfRange { min: (min != i64::MIN).then_some(min), max: (max != i64::MAX).then_some(max) };
            self.report.push(path, Severity::Error, kind);
        }
        Some(Value::Int(number))
    }

    fn is_set(&self, path: &str) -> bool {
        self.form.has_any_under(path)
    }

    fn rule(&mut self, rule: &Rule) {
        match rule {
            Rule::AtMostOneOf(paths) => {
                let set: Vec<&str> = paths.iter().copied().filter(|p| self.is_set(p)).collect();
                self.exclusive(&set);
            }
            Rule::ExactlyOneOf(paths) => {
                let set: Vec<&str> = paths.iter().copied().filter(|p| self.is_set(p)).collect();
                if set.is_empty() {
                    let message = format!("set exactly one of {}", paths.join(" or "));
                    for path in paths.iter() {
                        self.report.push(path, Severity::Error, IssueKind::Rule(message.clone()));
                    }
                }
                self.exclusive(&set);
            }
            Rule::EnumPairs { first, second, defaults, allowed } => self.enum_pairs(first, second, *defaults, allowed),
            Rule::Forbidden { path, value, message } => {
                if self.form.get(path) == *value {
                    self.report.push(path, Severity::Error, IssueKind::Rule((*message).to_string()));
                }
            }
            Rule::AdvisedMaxItems { path, max, message } => {
                if self.form.list_len(path).is_some_and(|len| len > *max) {
                    self.report.push(path, Severity::Warning, IssueKind::Rule((*message).to_string()));
                }
            }
        }
    }

    /// Reports each of several set paths that may not be set together.
    fn exclusive(&mut self, set: &[&str]) {
        if set.len() < 2 {
            return;
        }
        for path in set {
            let rest: Vec<&str> = set.iter().copied().filter(|p| p != path).collect();
            let message = format!("cannot be set together with {}; set only one", rest.join(", "));
            self.report.push(path, Severity::Error, IssueKind::Rule(message));
        }
    }

    fn enum_pairs(&mut self, first: &str, second: &str, defaults: (&str, &str), allowed: &[(&str, &str)]) {
        let (a_raw, b_raw) = (self.form.get(first), self.form.get(second));
        if a_raw.is_empty() && b_raw.is_empty() {
            return;
        }
        let a = if a_raw.is_empty() { defaults.0 } else { a_raw };
        let b = if b_raw.is_empty() { defaults.1 } else { b_raw };
        if allowed.contains(&(a, b)) {
            return;
        }
        let name = |path: &str| path.rsplit('.').next().unwrap_or(path).to_string();
        let (a_name, b_name) = (name(first), name(second));
        let needs = |value: &str| allowed.iter().find(|(x, _)| *x == value).map(|(_, y)| *y);
        let needs_back = |value: &str| allowed.iter().find(|(_, y)| *y == value).map(|(x, _)| *x);
        let b_note = if b_raw.is_empty() { format!(" ({b_name} is {b} when not set)") } else { String::new() };
        let a_note = if a_raw.is_empty() { format!(" ({a_name} is {a} when not set)") } else { String::new() };
        if !a_raw.is_empty() {
            if let Some(want) = needs(a) {
                let message = format!("{a_name} {a} needs {b_name} {want}{b_note}");
                self.report.push(first, Severity::Error, IssueKind::Rule(message));
            }
        }
        if !b_raw.is_empty() {
            if let Some(want) = needs_back(b) {
                let message = format!("{b_name} {b} needs {a_name} {want}{a_note}");
                self.report.push(second, Severity::Error, IssueKind::Rule(message));
            }
        }
    }
}
