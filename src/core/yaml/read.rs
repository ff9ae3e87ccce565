//! Reads a YAML document into a JSON tree ([`Node`]) the way AWS CLI v2's `--cli-input-yaml`
//! reads it (ruamel.yaml's safe loader, YAML 1.2), for the paste box: block mappings and
//! sequences, flow `[...]` and `{...}` on one line, plain, single- and double-quoted scalars,
//! comments, and a leading `---`.
//!
//! A plain scalar is typed as the CLI's loader types it: `null`, `~` and nothing are null,
//! `true`/`false` (any of three spellings) booleans, JSON-shaped numbers numbers, everything else
//! text. Where that loader would read something this reader does not, it refuses with the place
//! and what to write instead, rather than guess: a plain scalar the loader reads as a date or as
//! a number in a form JSON lacks (`2026-03-08`, `1_000`, `0x1F`, `.5`, `.inf`), anchors, aliases,
//! tags, block scalars (`|`, `>`), quoted scalars over several lines, several documents and
//! duplicate keys (which the loader refuses too).

use crate::core::json::{error, parse_json, Node, SyntaxError};

type Result<T> = std::result::Result<T, SyntaxError>;

/// Parses a YAML document.
pub fn parse_yaml(text: &str) -> Result<Node> {
    let mut lines = lines(text)?;
    if lines.first().is_some_and(|l| l.indent == 0 && l.text == "---") {
        lines.remove(0);
    }
    let mut reader = Reader { lines, at: 0 };
    let Some(first) = reader.lines.first() else { return Ok(Node::Null) };
    let node = reader.block(first.indent)?;
    if let Some(line) = reader.lines.get(reader.at) {
        let message = if line.text.starts_with("---") || line.text.starts_with("...") {
            "a second YAML document: the CLI reads one"
        } else {
            "this line is not part of the document above: check its indentation"
        };
        return Err(error(line.offset, message));
    }
    Ok(node)
}

/// One line with content: its indentation, its text without the comment, where it starts.
#[derive(Clone, Debug)]
struct Line {
    indent: usize,
    text: String,
    offset: usize,
}

/// The lines that hold something, comments and trailing spaces cut off.
fn lines(text: &str) -> Result<Vec<Line>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if rest.starts_with('\t') {
            return Err(error(
                offset + indent,
                "a tab in the indentation: YAML indents with spaces",
            ));
        }
        let content = without_comment(rest).trim_end();
        if !content.is_empty() {
            out.push(Line { indent, text: content.to_string(), offset: offset + indent });
        }
        offset += raw.len();
    }
    Ok(out)
}

/// The text before a comment (`#` at the start or after a space, outside quotes).
fn without_comment(text: &str) -> &str {
    let (mut quote, mut previous) = (None, ' ');
    for (i, c) in text.char_indices() {
        match quote {
            Some('\'') if c == '\'' => quote = None,
            Some('"') if c == '"' && !escaped(&text[..i]) => quote = None,
            Some(_) => {}
            None if c == '#' && (previous == ' ' || previous == '\t') => return &text[..i],
            // A quote opens a scalar only where one can start.
            None if (c == '"' || c == '\'') && starts_scalar(&text[..i]) => quote = Some(c),
            None => {}
        }
        previous = c;
    }
    text
}

fn escaped(before: &str) -> bool {
    (before.len() - before.trim_end_matches('\\').len()) % 2 == 1
}

fn starts_scalar(before: &str) -> bool {
    let trimmed = before.trim_end();
    trimmed.is_empty() || trimmed.ends_with([':', '-', ',', '[', '{', '?'])
}

struct Reader {
    lines: Vec<Line>,
    at: usize,
}

impl Reader {
    /// The node whose first line is the current one, at `indent`.
    fn block(&mut self, indent: usize) -> Result<Node> {
        let line = self.lines[self.at].clone();
        if line.indent != indent {
            return Err(error(line.offset, "unexpected indentation"));
        }
        if is_item(&line.text) {
            return self.sequence(indent);
        }
        if split_key(&line.text, line.offset)?.is_some() {
            return self.mapping(indent);
        }
        self.at += 1;
        inline(&line.text, line.offset)
    }

    fn sequence(&mut self, indent: usize) -> Result<Node> {
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.at).cloned() {
            if line.indent != indent || !is_item(&line.text) {
                break;
            }
            let rest = line.text[1..].trim_start_matches(' ');
            if rest.is_empty() {
                self.at += 1;
                items.push(self.nested(indent, false)?);
            } else {
                // The item's content as a line of its own, at its column.
                let column = line.indent + (line.text.len() - rest.len());
                self.lines[self.at] = Line {
                    indent: column,
                    text: rest.to_string(),
                    offset: line.offset + (line.text.len() - rest.len()),
                };
                items.push(self.block(column)?);
            }
        }
        Ok(Node::List(items))
    }

    fn mapping(&mut self, indent: usize) -> Result<Node> {
        let mut pairs: Vec<(String, Node)> = Vec::new();
        while let Some(line) = self.lines.get(self.at).cloned() {
            if line.indent != indent || is_item(&line.text) {
                break;
            }
            // Anything else ends the mapping; the caller says what is wrong with it.
            let Some((key, rest, rest_at)) = split_key(&line.text, line.offset)? else { break };
            if pairs.iter().any(|(k, _)| *k == key) {
                return Err(error(line.offset, format!("duplicate key \"{key}\"")));
            }
            self.at += 1;
            let value =
                if rest.is_empty() { self.nested(indent, true)? } else { inline(rest, rest_at)? };
            pairs.push((key, value));
        }
        Ok(Node::Map(pairs))
    }

    /// The value under a `key:` or `-` with nothing after it: the lines indented deeper (or a
    /// sequence at the key's own indentation, which YAML allows), else null.
    fn nested(&mut self, indent: usize, under_key: bool) -> Result<Node> {
        match self.lines.get(self.at) {
            Some(next) if next.indent > indent => self.block(next.indent),
            Some(next) if under_key && next.indent == indent && is_item(&next.text) => {
                self.sequence(indent)
            }
            _ => Ok(Node::Null),
        }
    }
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// `key: rest` (rest may be empty), the key unquoted; `None` when the text is not a key line.
fn split_key(text: &str, offset: usize) -> Result<Option<(String, &str, usize)>> {
    let (key, after) = if text.starts_with(['"', '\'']) {
        let (key, used) = quoted_scalar(text, offset)?;
        (key, &text[used..])
    } else {
        let Some(colon) = find_value_colon(text) else { return Ok(None) };
        (text[..colon].trim_end().to_string(), &text[colon..])
    };
    let Some(rest) = after.strip_prefix(':') else { return Ok(None) };
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return Ok(None);
    }
    refuse_markers(&key, offset)?;
    let value = rest.trim_start();
    Ok(Some((key, value, offset + (text.len() - value.len()))))
}

/// The first `:` followed by a space or the end, outside flow brackets.
fn find_value_colon(text: &str) -> Option<usize> {
    if text.starts_with(['[', '{']) {
        return None;
    }
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && (i + 1 == bytes.len() || bytes[i + 1] == b' '))
}

/// A value on its key's (or dash's) line.
fn inline(text: &str, offset: usize) -> Result<Node> {
    if text.starts_with(['[', '{']) {
        let mut flow = Flow { text, at: 0, offset };
        let node = flow.value()?;
        flow.spaces();
        if flow.at < text.len() {
            return Err(error(offset + flow.at, "unexpected text after the flow collection"));
        }
        return Ok(node);
    }
    if text.starts_with(['"', '\'']) {
        let (value, used) = quoted_scalar(text, offset)?;
        if !text[used..].trim().is_empty() {
            return Err(error(offset + used, "unexpected text after the quoted scalar"));
        }
        return Ok(Node::Str(value));
    }
    if find_value_colon(text).is_some() {
        return Err(error(
            offset,
            "a mapping cannot start on this line: put it on the next line, indented",
        ));
    }
    if is_item(text) || text == "?" || text.starts_with("? ") {
        return Err(error(
            offset,
            "a sequence cannot start on this line: put it on the next line, indented",
        ));
    }
    plain(text, offset)
}

/// Anchors, aliases, tags and block scalars, which this reader does not follow.
fn refuse_markers(text: &str, offset: usize) -> Result<()> {
    let what = match text.chars().next() {
        Some('&') => "an anchor",
        Some('*') => "an alias",
        Some('!') => "a tag",
        Some('|') | Some('>') => "a block scalar (| or >)",
        Some('@') | Some('`') => "a reserved character at the start",
        Some('%') => "a directive",
        _ => return Ok(()),
    };
    Err(error(offset, format!("{what} is not read here: write the value itself, quoted")))
}

/// A plain scalar, typed as the CLI's YAML loader types it.
fn plain(text: &str, offset: usize) -> Result<Node> {
    refuse_markers(text, offset)?;
    match text {
        "null" | "Null" | "NULL" | "~" => return Ok(Node::Null),
        "true" | "True" | "TRUE" => return Ok(Node::Bool(true)),
        "false" | "False" | "FALSE" => return Ok(Node::Bool(false)),
        _ => {}
    }
    // A JSON number means the same in both; the loader's other numbers and its dates are
    // refused, as it would not send them as the text they look like.
    if let Ok(node @ Node::Num(_)) = parse_json(text) {
        return Ok(node);
    }
    if is_int(text) || is_float(text) || is_timestamp(text) {
        return Err(error(
            offset,
            format!("the AWS CLI's YAML reader takes {text} as a number or a date: quote it (\"{text}\") for text, or write a number as JSON does"),
        ));
    }
    if matches!(text.to_ascii_lowercase().as_str(), ".inf" | "-.inf" | "+.inf" | ".nan") {
        return Err(error(offset, format!("{text} is not a number the request can carry")));
    }
    Ok(Node::Str(text.to_string()))
}

// ruamel.yaml's resolver (its YAML 1.2 forms, which AWS CLI v2 loads with), written out: the
// crate's regular expressions are not in the page's modules. tests/yaml_loader.rs holds each
// form against the loader itself.

fn digits_and_underscores(text: &str, digit: fn(char) -> bool) -> bool {
    !text.is_empty() && text.chars().all(|c| digit(c) || c == '_')
}

/// `1_000`, `0x1F`, `0o17`, `0b101`, `007`, `+1`.
fn is_int(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if let Some(hex) = body.strip_prefix("0x") {
        return digits_and_underscores(hex, |c| c.is_ascii_hexdigit());
    }
    if let Some(octal) = body.strip_prefix("0o") {
        return digits_and_underscores(octal, |c| ('0'..='7').contains(&c));
    }
    if let Some(binary) = body.strip_prefix("0b") {
        return digits_and_underscores(binary, |c| c == '0' || c == '1');
    }
    body.starts_with(|c: char| c.is_ascii_digit())
        && digits_and_underscores(body, |c| c.is_ascii_digit())
}

/// `1.`, `.5`, `0.5_1`, `1E5`, `+.5`: a point or an exponent.
fn is_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    let digit = |c: char| c.is_ascii_digit();
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => {
            fraction.starts_with(digit) && digits_and_underscores(fraction, digit)
        }
        Some((whole, fraction)) => {
            whole.starts_with(digit)
                && digits_and_underscores(whole, digit)
                && (fraction.is_empty() || digits_and_underscores(fraction, digit))
        }
        None => {
            exponent.is_some()
                && mantissa.starts_with(digit)
                && digits_and_underscores(mantissa, digit)
        }
    };
    exponent_ok && mantissa_ok
}

/// `2026-03-08`, and a date with a time after `T` or spaces (`2026-03-08T12:00:00Z`).
fn is_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if !(0..4).all(digit) || b.get(4) != Some(&b'-') {
        return false;
    }
    if text.len() == 10 {
        return digit(5) && digit(6) && b[7] == b'-' && digit(8) && digit(9);
    }
    // A date of one- or two-digit month and day, then the time.
    let rest = &text[5..];
    let mut parts = rest.splitn(3, '-');
    let (month, day_time) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let day_len = day_time.chars().take_while(char::is_ascii_digit).count();
    let after = &day_time[day_len..];
    (1..=2).contains(&month.len())
        && month.chars().all(|c| c.is_ascii_digit())
        && (1..=2).contains(&day_len)
        && after.starts_with(['T', 't', ' ', '\t'])
        && after.contains(':')
}

/// A quoted scalar at the start of `text`: its value and the bytes it took.
fn quoted_scalar(text: &str, offset: usize) -> Result<(String, usize)> {
    let quote = text.chars().next().expect("a quote");
    let mut out = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' if quote == '\'' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Ok((out, i + 1));
                }
            }
            '"' if quote == '"' => return Ok((out, i + 1)),
            '\\' if quote == '"' => {
                let Some((at, e)) = chars.next() else { break };
                let simple = match e {
                    '0' => Some('\0'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    't' | '\t' => Some('\t'),
                    'n' => Some('\n'),
                    'v' => Some('\u{b}'),
                    'f' => Some('\u{c}'),
                    'r' => Some('\r'),
                    'e' => Some('\u{1b}'),
                    ' ' => Some(' '),
                    '"' => Some('"'),
                    '/' => Some('/'),
                    '\\' => Some('\\'),
                    'N' => Some('\u{85}'),
                    '_' => Some('\u{a0}'),
                    'L' => Some('\u{2028}'),
                    'P' => Some('\u{2029}'),
                    _ => None,
                };
                if let Some(c) = simple {
                    out.push(c);
                    continue;
                }
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => return Err(error(offset + at - 1, format!("unknown escape \\{e}"))),
                };
                let hex: String =
                    (0..digits).filter_map(|_| chars.next().map(|(_, h)| h)).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(c) if hex.len() == digits => out.push(c),
                    _ => return Err(error(offset + at - 1, format!("invalid escape \\{e}{hex}"))),
                }
            }
            c => out.push(c),
        }
    }
    Err(error(
        offset,
        "this quoted scalar does not end on its line: the page reads quoted scalars on one line",
    ))
}

/// A flow collection on one line.
struct Flow<'t> {
    text: &'t str,
    at: usize,
    offset: usize,
}

impl Flow<'_> {
    fn spaces(&mut self) {
        while self.text[self.at..].starts_with(' ') {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<Node> {
        self.spaces();
        let rest = &self.text[self.at..];
        let here = self.offset + self.at;
        if rest.starts_with('[') {
            self.at += 1;
            let mut items = Vec::new();
            loop {
                self.spaces();
                if self.text[self.at..].starts_with(']') {
                    self.at += 1;
                    return Ok(Node::List(items));
                }
                items.push(self.value()?);
                self.separator(']')?;
            }
        }
        if rest.starts_with('{') {
            self.at += 1;
            let mut pairs: Vec<(String, Node)> = Vec::new();
            loop {
                self.spaces();
                if self.text[self.at..].starts_with('}') {
                    self.at += 1;
                    return Ok(Node::Map(pairs));
                }
                let key_at = self.offset + self.at;
                let key = match self.value()? {
                    Node::Str(s) => s,
                    Node::Num(n) => n,
                    _ => return Err(error(key_at, "a key must be text")),
                };
                self.spaces();
                if !self.text[self.at..].starts_with(':') {
                    return Err(error(self.offset + self.at, "expected `:` after the key"));
                }
                self.at += 1;
                if pairs.iter().any(|(k, _)| *k == key) {
                    return Err(error(key_at, format!("duplicate key \"{key}\"")));
                }
                let value = self.value()?;
                pairs.push((key, value));
                self.separator('}')?;
            }
        }
        if rest.starts_with(['"', '\'']) {
            let (value, used) = quoted_scalar(rest, here)?;
            self.at += used;
            return Ok(Node::Str(value));
        }
        let end = rest
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, ',' | ']' | '}' | '[' | '{')
                    || (c == ':'
                        && rest[i + 1..]
                            .chars()
                            .next()
                            .is_none_or(|n| n == ' ' || n == ',' || n == ']' || n == '}'))
            })
            .map_or(rest.len(), |(i, _)| i);
        let word = rest[..end].trim_end();
        if word.is_empty() {
            return Err(error(here, "expected a value"));
        }
        self.at += end;
        plain(word, here)
    }

    fn separator(&mut self, close: char) -> Result<()> {
        self.spaces();
        let rest = &self.text[self.at..];
        if rest.starts_with(',') {
            self.at += 1;
            Ok(())
        } else if rest.starts_with(close) {
            Ok(())
        } else if rest.is_empty() {
            Err(error(
                self.offset + self.at,
                format!("`{close}` is missing: the page reads a flow collection on one line"),
            ))
        } else {
            Err(error(self.offset + self.at, format!("expected `,` or `{close}`")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::yaml::document;

    fn json(text: &str) -> Node {
        parse_json(text).unwrap()
    }

    #[test]
    fn what_the_yaml_panel_writes_reads_back_as_the_same_tree() {
        for text in [
            "{}",
            r#"{"A":"x","B":1,"C":1.5,"D":true,"E":false}"#,
            r#"{"Tags":[{"Key":"a","Value":"b # not a comment"},{"Key":"c: d"}],"Ids":["1","2"]}"#,
            r#"{"A":{"B":{"C":[],"D":{}}},"E":[["x","y"],[],[{"K":"v","L":[1,2]}]],"F":[1e+16,-2]}"#,
            r#"{"Map":{"a b":"1","true":"yes","":"~","2026-03-08":"null","x\"y":"\\"}}"#,
            r#"{"S":"line\nbreak\ttab \u0000\u001b\u007f\u0085\u2028\ufeff \u00fc \ud83d\ude80 'q' \\ #x"}"#,
            r#"{"Doc":{"k":[null,true,{"n":null}]}}"#,
        ] {
            let tree = json(text);
            let yaml = document(&tree);
            assert_eq!(parse_yaml(&yaml), Ok(tree), "{text}\n{yaml}");
        }
    }

    #[test]
    fn yaml_as_people_write_it_reads_as_the_cli_reads_it() {
        let cases: &[(&str, &str)] = &[
            (
                "---\n# the task\nReplicationTaskArn: arn:aws:dms:us-east-1:1:task:T  # inline\nStartReplicationTaskType: 'start-replication'\n",
                r#"{"ReplicationTaskArn":"arn:aws:dms:us-east-1:1:task:T","StartReplicationTaskType":"start-replication"}"#,
            ),
            (
                "Tags:\n- Key: env\n  Value: prod\n- {Key: team, Value: \"data\"}\nCount: 3\nRatio: 0.5\nOn: yes\nOff: no\nNone: ~\nEmpty:\n",
                r#"{"Tags":[{"Key":"env","Value":"prod"},{"Key":"team","Value":"data"}],"Count":3,"Ratio":0.5,"On":"yes","Off":"no","None":null,"Empty":null}"#,
            ),
            ("List: [a, 'b c', \"d\", 1, true, [x], {k: v}]\n", r#"{"List":["a","b c","d",1,true,["x"],{"k":"v"}]}"#),
            ("Quote: 'it''s'\nEsc: \"\\x41\\u00e9\\U0001F680\"\n", r#"{"Quote":"it's","Esc":"Aé🚀"}"#),
            ("Nested:\n    Deep:\n        - 1\n        -\n          - 2\n", r#"{"Nested":{"Deep":[1,[2]]}}"#),
            ("Big: 1e5\nNeg: -7\nText: 12abc\n", r#"{"Big":100000.0,"Neg":-7,"Text":"12abc"}"#),
        ];
        for (yaml, expected) in cases {
            assert_eq!(parse_yaml(yaml), Ok(json(expected)), "{yaml}");
        }
    }

    #[test]
    fn what_the_cli_reads_otherwise_is_refused_at_its_place() {
        let cases: &[(&str, &str, usize)] = &[
            ("Start: 2026-03-08\n", "as a number or a date", 7),
            ("N: 1_000\n", "as a number or a date", 3),
            ("N: 0x1F\n", "as a number or a date", 3),
            ("N: 007\n", "as a number or a date", 3),
            ("A: &x 1\n", "an anchor", 3),
            ("A: *x\n", "an alias", 3),
            ("A: !!str 1\n", "a tag", 3),
            ("A: |\n  text\n", "a block scalar", 3),
            ("A: 1\nA: 2\n", "duplicate key \"A\"", 5),
            ("A: \"open\n", "does not end on its line", 3),
            ("A: [1, 2\n", "`]` is missing", 8),
            ("A: 1\n---\nB: 2\n", "a second YAML document", 5),
            ("A:\n\tB: 1\n", "a tab in the indentation", 3),
            ("A: b: c\n", "a mapping cannot start on this line", 3),
            ("A: .inf\n", "not a number the request can carry", 3),
            ("A: - b\n", "a sequence cannot start on this line", 3),
            ("A: \"\\q\"\n", "unknown escape \\q", 4),
            ("A:\n  B: 1\n C: 2\n", "not part of the document", 11),
        ];
        for (yaml, message, offset) in cases {
            let e = parse_yaml(yaml).expect_err(yaml);
            assert!(e.message.contains(message), "{yaml:?}: {}", e.message);
            assert_eq!(e.offset, *offset, "{yaml:?}: {}", e.message);
        }
    }
}
