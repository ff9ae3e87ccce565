//! Paste to fill: turns a pasted `aws` or `aliyun` command, a `--cli-input-json` document, a
//! JSON request body, an awsQuery form body or an RPC query string back into form state.
//!
//! Two passes, as aws-cli does it: syntax first (shell words, shorthand, JSON) into an untyped
//! tree, then coercion of that tree against the operation model. Errors carry the byte offset
//! of the place in the pasted text and render with a caret under it.

pub mod aliyun_cli;
pub(crate) mod aliyun_flags;
pub(crate) mod aliyun_roa;
pub(crate) mod argv;
pub mod aws_cli;
pub(crate) mod aws_options;
pub(crate) mod cmd;
pub(crate) mod coerce;
pub mod dialect;
pub(crate) mod env_refs;
pub mod fill;
pub(crate) mod paging;
pub(crate) mod powershell;
pub(crate) mod query;
pub mod words;

// Each CLI dialect has its own parser here (`aws_cli`, `aliyun_cli`), the inverse of its
// renderer in `cli`; this module dispatches to them and owns the shared passes. Shell text is
// split into words by the shell it is written for (`dialect` decides: `words` for POSIX,
// `powershell`, `cmd` with `argv` for the C runtime's rules).

use crate::core::model::{AwsCli, Operation};
use crate::core::request::form::FormState;
use std::fmt;

/// What a successful paste gives: the operation it names and the form it fills.
#[derive(Clone, Debug)]
pub struct Pasted {
    /// The operation the text is for.
    pub op: &'static Operation,
    /// The filled form.
    pub form: FormState,
    /// Options that were understood but have no place in the form (`--profile`, `--debug`…).
    pub ignored: Vec<String>,
    /// What else the user should know about how the paste was read (`read --filter as
    /// --filters`).
    pub notes: Vec<String>,
    /// Problems left out when taking what parsed (always empty from [`parse`]).
    pub dropped: Vec<ParseError>,
}

/// Whether option- and key-level problems stop the parse, or are set aside.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Strict,
    TakeWhatParsed,
}

/// Where a parser puts problems that the mode lets it set aside.
pub(crate) struct Problems {
    mode: Mode,
    dropped: Vec<ParseError>,
}

impl Problems {
    pub(crate) fn new(mode: Mode) -> Problems {
        Problems { mode, dropped: Vec::new() }
    }

    /// Strict: the problem ends the parse. Otherwise it is kept aside and the parse goes on.
    pub(crate) fn drop_or_fail(&mut self, error: ParseError) -> Result<(), ParseError> {
        match self.mode {
            Mode::Strict => Err(error),
            Mode::TakeWhatParsed => {
                self.dropped.push(error);
                Ok(())
            }
        }
    }

    pub(crate) fn into_dropped(self) -> Vec<ParseError> {
        self.dropped
    }
}

/// Why a paste failed, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The pasted text.
    pub input: String,
    /// Byte offset of the place the message is about.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix a common mistake, when we know one.
    pub hint: Option<String>,
}

impl ParseError {
    /// An error at `offset` of `input`.
    pub fn new(input: &str, offset: usize, message: impl Into<String>) -> ParseError {
        // Offsets inside a quoted word are approximate (quote removal shifts bytes), so one
        // may fall inside a multi-byte character; step back to its start rather than panic.
        let mut offset = offset.min(input.len());
        while !input.is_char_boundary(offset) {
            offset -= 1;
        }
        ParseError { input: input.to_string(), offset, message: message.into(), hint: None }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> ParseError {
        self.hint = Some(hint.into());
        self
    }

    /// The line holding the offset and a caret under the place: `(line, caret line)`.
    pub fn caret(&self) -> (String, String) {
        let start = self.input[..self.offset].rfind('\n').map_or(0, |i| i + 1);
        let end =
            self.input[self.offset..].find('\n').map_or(self.input.len(), |i| self.offset + i);
        let line = &self.input[start..end];
        // Long lines are cut around the place so the caret stays on screen.
        let column = self.input[start..self.offset].chars().count();
        let skip = column.saturating_sub(60);
        let shown: String = line.chars().skip(skip).take(120).collect();
        let prefix = if skip > 0 { "…" } else { "" };
        let caret = format!("{}^", " ".repeat(column - skip + prefix.chars().count()));
        (format!("{prefix}{shown}"), caret)
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, caret) = self.caret();
        write!(f, "{}\n{line}\n{caret}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\nhint: {hint}")?;
        }
        Ok(())
    }
}

/// Parses pasted text as AWS CLI v2 (the default) reads it. `current` is the operation on
/// screen, preferred for bare JSON documents that fit it.
pub fn parse(input: &str, current: Option<&'static Operation>) -> Result<Pasted, ParseError> {
    parse_for(input, current, AwsCli::default())
}

/// Parses pasted text as the given AWS CLI version reads it (its options, and how it reads
/// blob values); the filled form keeps that version.
pub fn parse_for(
    input: &str,
    current: Option<&'static Operation>,
    cli: AwsCli,
) -> Result<Pasted, ParseError> {
    parse_in(input, current, Mode::Strict, cli)
}

/// Like [`parse`], but an unknown option, a bad value or a repeated option is set aside in
/// `dropped` instead of failing the whole paste. Syntax errors still fail.
pub fn parse_taking_what_parsed(
    input: &str,
    current: Option<&'static Operation>,
) -> Result<Pasted, ParseError> {
    parse_taking_what_parsed_for(input, current, AwsCli::default())
}

/// [`parse_taking_what_parsed`] for a given AWS CLI version.
pub fn parse_taking_what_parsed_for(
    input: &str,
    current: Option<&'static Operation>,
    cli: AwsCli,
) -> Result<Pasted, ParseError> {
    parse_in(input, current, Mode::TakeWhatParsed, cli)
}

/// The services a paste names, so that their models can be loaded before [`parse`] runs:
/// `aws <service> …` and `aliyun <product> …`. Empty for documents and query strings, which
/// are read against the services already loaded.
pub fn services_named(input: &str) -> Vec<(crate::core::model::Cloud, String)> {
    let Ok((words, _)) = dialect::split(input) else { return Vec::new() };
    let mut rest = words.iter().skip_while(|w| is_assignment(&w.text));
    let cloud = match rest.next().map(|w| w.text.as_str()) {
        Some("aws") => crate::core::model::Cloud::Aws,
        Some("aliyun") => crate::core::model::Cloud::Aliyun,
        _ => return Vec::new(),
    };
    let mut skip_value = false;
    for word in rest {
        if skip_value {
            skip_value = false;
            continue;
        }
        if word.text.starts_with("--") {
            // Global options may come before the service; those with a value take the next word
            // (an abbreviation, as the CLI reads it; an unknown one but `--no-x` is taken to).
            let name = match aws_options::name_option(&word.text, None, AwsCli::default()) {
                aws_options::Named::Expanded(full) => full,
                _ => word.text.clone(),
            };
            skip_value = !word.text.contains('=')
                && match aws_options::global_arity(&name) {
                    Some(arity) => arity != aws_options::Arity::None,
                    None => !name.starts_with("--no-"),
                };
            continue;
        }
        return vec![(cloud, word.text.to_ascii_lowercase())];
    }
    Vec::new()
}

fn parse_in(
    input: &str,
    current: Option<&'static Operation>,
    mode: Mode,
    cli: AwsCli,
) -> Result<Pasted, ParseError> {
    let mut pasted = parse_text(input, current, mode, cli)?;
    pasted.form.awscli = cli;
    Ok(pasted)
}

fn parse_text(
    input: &str,
    current: Option<&'static Operation>,
    mode: Mode,
    cli: AwsCli,
) -> Result<Pasted, ParseError> {
    let trimmed = input.trim_start();
    let lead = input.len() - trimmed.len();
    if trimmed.is_empty() {
        return Err(ParseError::new(
            input,
            0,
            "nothing to read: paste a command, a JSON document or a query string",
        ));
    }
    if trimmed.starts_with('{') {
        return aws_cli::json_document(input, lead, current, mode);
    }
    if trimmed.starts_with("Action=")
        || trimmed.starts_with("http")
        || trimmed.starts_with("POST ")
        || trimmed.starts_with("/?")
    {
        return query::parse(input, mode);
    }
    let (words, shell) = dialect::split(input)?;
    let program = words.iter().position(|w| !is_assignment(&w.text));
    let mut pasted = match program.map(|i| (i, words[i].text.as_str())) {
        Some((i, "aws")) => aws_cli::command(input, &words[i + 1..], &words[i], mode, cli),
        Some((i, "aliyun")) => aliyun_cli::command(input, &words[i + 1..], &words[i], mode),
        Some((i, other)) => Err(ParseError::new(input, words[i].offset, format!("\"{other}\" is not a command this page reads"))
            .with_hint("paste an aws or aliyun command, a JSON document, or a query string starting with Action=")),
        None => Err(ParseError::new(input, lead, "no command found")),
    }
    .map_err(|e| dialect::hint_cmd(input, env_refs::shown_error(e)))?;
    env_refs::take(input, &mut pasted).map_err(|e| dialect::hint_cmd(input, e))?;
    if shell != dialect::Dialect::Posix {
        pasted.notes.insert(0, format!("read as {}", shell.label()));
    }
    Ok(pasted)
}

/// `NAME=value` words before a command set environment variables.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The closest of `options` to `word` by edit distance, when it is close enough to be a typo.
pub(crate) fn closest<'a>(word: &str, options: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    options
        .map(|o| (edit_distance(word, o), o))
        .filter(|(d, o)| *d <= 2.max(o.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::services_named;
    use crate::core::model::Cloud;

    #[test]
    fn the_service_is_found_after_abbreviated_and_flag_globals() {
        let named =
            |text: &str| services_named(text).into_iter().map(|(_, s)| s).collect::<Vec<_>>();
        assert_eq!(named("aws --endpoint http://x --v2-debug ssm list-commands"), ["ssm"]);
        assert_eq!(named("aws --no-verify-ssl --prof p EC2 describe-tags"), ["ec2"]);
        assert_eq!(services_named("aliyun --profile p ecs DescribeRegions")[0].0, Cloud::Aliyun);
    }
}
