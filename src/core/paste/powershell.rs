//! Reading a command pasted from PowerShell (7.3 and later pass each argument to a program as
//! PowerShell read it, so its words are the program's argv).
//!
//! As `about_Quoting_Rules`, `about_Special_Characters` and `about_Parsing` describe it:
//! - single quotes (`'`, and the typographic `‘ ’ ‚ ‛`) are literal; a quote doubled inside is
//!   one quote;
//! - double quotes (`"`, `“ ” „`) take backtick escapes (`` `n `` `` `t `` `` `" `` `` `u{e9} ``…)
//!   and a doubled quote; `$name`, `${…}` and `$(…)` would expand and are refused;
//! - unquoted, an argument is read like a double-quoted one, and a backtick at a line's end
//!   joins the next line;
//! - `;`, `|`, `&`, `<`, `>` end the command, `(`, `)`, `{`, `}` and `@name` are code, and an
//!   unquoted `,` makes a list: all refused with a hint to quote;
//! - after `--%` (stop-parsing) the rest of the line goes to the program as written, and the
//!   program's C runtime splits it (`argv`).
//!
//! A `PS C:\>` prompt before the command is skipped.
//!
//! Windows PowerShell 5.1 reads the text the same way, but hands a program its words through a
//! command line that it writes without escaping them (`legacy_argv`).

use super::words::{line_ends_command, Word};
use super::{argv, ParseError};
use std::iter::Peekable;
use std::str::CharIndices;

type Chars<'a> = Peekable<CharIndices<'a>>;

const SINGLE: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{201b}'];
const DOUBLE: [char; 4] = ['"', '\u{201c}', '\u{201d}', '\u{201e}'];

/// The arguments of a PowerShell command, and the offset of the first syntax POSIX shells read
/// otherwise (a quote doubled inside single quotes), if any.
pub(crate) fn split(input: &str) -> Result<(Vec<Word>, Option<usize>), ParseError> {
    let mut words = Vec::new();
    let mut distinct = None;
    let mut chars = input.char_indices().peekable();
    skip_prompt(input, &mut chars);
    let mut current: Option<Word> = None;
    // A word that starts with a quoted string and goes on after it: PowerShell passes the
    // rest as another argument.
    let mut quoted_start: Option<usize> = None;
    while let Some((at, c)) = chars.next() {
        if let Some(start) = quoted_start.take() {
            if !matches!(c, ' ' | '\t' | '\n' | '\r') {
                return Err(ParseError::new(input, at, "PowerShell passes a quoted string and the text right after it as two arguments")
                    .with_hint(format!("put the whole value in one pair of quotes (the one at column {})", column(input, start))));
            }
        }
        match c {
            ' ' | '\t' => words.extend(current.take()),
            '\n' | '\r' => {
                words.extend(current.take());
                line_ends_command(input, at, '`', "PowerShell")?;
                break;
            }
            '#' if current.is_none() => {
                while chars.next_if(|&(_, c)| c != '\n' && c != '\r').is_some() {}
            }
            '`' => match chars.next() {
                None => {
                    return Err(ParseError::new(
                        input,
                        at,
                        "a backtick ends the text; remove it or finish the line",
                    ))
                }
                Some((_, '\n')) => {}
                Some((_, '\r')) => {
                    chars.next_if(|&(_, c)| c == '\n');
                }
                Some((_, e)) => {
                    let text = &mut word(&mut current, at).text;
                    escape(input, at, e, &mut chars, text)?;
                }
            },
            q if SINGLE.contains(&q) => {
                let starts = current.is_none();
                let text = &mut word(&mut current, at).text;
                single(input, at, &mut chars, text, &mut distinct)?;
                if starts {
                    quoted_start = Some(at);
                }
            }
            q if DOUBLE.contains(&q) => {
                let starts = current.is_none();
                let text = &mut word(&mut current, at).text;
                double(input, at, &mut chars, text)?;
                if starts {
                    quoted_start = Some(at);
                }
            }
            '$' if expands(chars.peek().map(|&(_, c)| c)) => {
                let text = &mut word(&mut current, at).text;
                environment(input, at, &mut chars, text)?;
            }
            '@' if current.is_none()
                && chars.peek().is_some_and(|&(_, c)| {
                    c.is_alphanumeric()
                        || "_({'\"".contains(c)
                        || SINGLE.contains(&c)
                        || DOUBLE.contains(&c)
                }) =>
            {
                return Err(ParseError::new(
                    input,
                    at,
                    "PowerShell reads @ at the start of an argument as splatting or an array",
                )
                .with_hint("put the value in single quotes to keep it literal"));
            }
            '-' if current.is_none() && stop_parsing(input, at) => {
                return rest_of_line(input, at + 3, words, distinct);
            }
            ';' | '|' | '&' | '<' | '>' => {
                return Err(ParseError::new(input, at, "only one command can be pasted; PowerShell reads this as an operator that starts another")
                    .with_hint("put the value in single quotes if the character belongs to it"));
            }
            '(' | ')' | '{' | '}' => {
                return Err(ParseError::new(
                    input,
                    at,
                    "PowerShell reads this as code, not as part of an argument",
                )
                .with_hint("put the value in single quotes to keep it literal"));
            }
            ',' => {
                return Err(ParseError::new(input, at, "PowerShell reads an unquoted comma as a list, and passes its items as separate arguments")
                    .with_hint("put the value in single quotes: 'Key=a,Value=b'"));
            }
            c => word(&mut current, at).text.push(c),
        }
    }
    words.extend(current);
    Ok((words, distinct))
}

fn word(current: &mut Option<Word>, at: usize) -> &mut Word {
    current.get_or_insert_with(|| Word { text: String::new(), offset: at })
}

fn column(input: &str, at: usize) -> usize {
    let start = input.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
    input.get(start..at).map_or(0, |s| s.chars().count()) + 1
}

/// `$` before a name, `{`, `(` or one of the automatic variables `$?`, `$$`, `$^` expands.
fn expands(next: Option<char>) -> bool {
    next.is_some_and(|c| c.is_alphanumeric() || "_{(?$^".contains(c))
}

/// `$env:NAME` at `at` may be a secret the form reads from the environment (`env_refs`): its
/// mark goes into the word. Everything else PowerShell expands is refused.
fn environment(
    input: &str,
    at: usize,
    chars: &mut Chars<'_>,
    text: &mut String,
) -> Result<(), ParseError> {
    let rest = &input[at + 1..];
    let name = rest
        .get(..4)
        .filter(|env| env.eq_ignore_ascii_case("env:"))
        .and_then(|_| super::env_refs::name_at(&rest[4..]))
        .ok_or_else(|| super::env_refs::Expander::PowerShell.refusal(input, at))?;
    text.push_str(&super::env_refs::mark(super::env_refs::Expander::PowerShell, at, name));
    let end = at + 5 + name.len();
    while chars.next_if(|&(i, _)| i < end).is_some() {}
    Ok(())
}

/// `--%` as a word of its own.
fn stop_parsing(input: &str, at: usize) -> bool {
    input.get(at..).is_some_and(|rest| {
        rest.strip_prefix("--%")
            .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t', '\n', '\r']))
    })
}

/// After `--%`: the rest of the line as the program's C runtime splits it.
fn rest_of_line(
    input: &str,
    from: usize,
    mut words: Vec<Word>,
    distinct: Option<usize>,
) -> Result<(Vec<Word>, Option<usize>), ParseError> {
    let rest = input.get(from..).unwrap_or_default();
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let line: Vec<(usize, char)> =
        rest.get(..end).unwrap_or_default().char_indices().map(|(i, c)| (from + i, c)).collect();
    if let Some(&(at, _)) = line.iter().find(|&&(_, c)| c == '|') {
        return Err(ParseError::new(
            input,
            at,
            "only one command can be pasted; --% ends at this pipe",
        ));
    }
    if let Some(at) = rest.get(..end).and_then(super::cmd::expansion).map(|i| from + i) {
        return Err(ParseError::new(
            input,
            at,
            "after --% PowerShell still expands %NAME%; the page cannot read variables",
        )
        .with_hint("put the value itself in the command"));
    }
    line_ends_command(input, from + end, '`', "PowerShell (after --%)")?;
    let (more, _) = argv::split(input, &line)?;
    words.extend(more);
    Ok((words, distinct.or(Some(from))))
}

/// A backtick escape: PowerShell's special characters, else the character itself.
fn escape(
    input: &str,
    at: usize,
    e: char,
    chars: &mut Chars<'_>,
    text: &mut String,
) -> Result<(), ParseError> {
    let special = match e {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'e' => '\u{1b}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{b}',
        'u' if chars.peek().is_some_and(|&(_, c)| c == '{') => {
            chars.next();
            let mut digits = String::new();
            while let Some((_, d)) = chars.next_if(|&(_, d)| d.is_ascii_hexdigit()) {
                digits.push(d);
            }
            let closed = chars.next_if(|&(_, c)| c == '}').is_some();
            match u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32) {
                Some(c) if closed && (1..=6).contains(&digits.len()) => c,
                _ => {
                    return Err(ParseError::new(input, at, "this `u{…} escape names no character"))
                }
            }
        }
        other => other,
    };
    text.push(special);
    Ok(())
}

/// The body of a single-quoted string after its opening quote.
fn single(
    input: &str,
    start: usize,
    chars: &mut Chars<'_>,
    text: &mut String,
    distinct: &mut Option<usize>,
) -> Result<(), ParseError> {
    loop {
        match chars.next() {
            Some((at, q)) if SINGLE.contains(&q) => {
                if chars.next_if(|&(_, c)| SINGLE.contains(&c)).is_none() {
                    return Ok(());
                }
                distinct.get_or_insert(at);
                text.push(q);
            }
            Some((_, c)) => text.push(c),
            None => return Err(ParseError::new(input, start, "this single quote is never closed")),
        }
    }
}

/// The body of a double-quoted string after its opening quote.
fn double(
    input: &str,
    start: usize,
    chars: &mut Chars<'_>,
    text: &mut String,
) -> Result<(), ParseError> {
    loop {
        match chars.next() {
            Some((_, q)) if DOUBLE.contains(&q) => {
                if chars.next_if(|&(_, c)| DOUBLE.contains(&c)).is_none() {
                    return Ok(());
                }
                text.push(q);
            }
            Some((at, '`')) => match chars.next() {
                Some((_, e)) => escape(input, at, e, chars, text)?,
                None => {
                    return Err(ParseError::new(input, start, "this double quote is never closed"))
                }
            },
            Some((at, '$')) if expands(chars.peek().map(|&(_, c)| c)) => {
                environment(input, at, chars, text)?
            }
            Some((_, c)) => text.push(c),
            None => return Err(ParseError::new(input, start, "this double quote is never closed")),
        }
    }
}

/// A `PS C:\path>` prompt before the command, as copied from a console window.
fn skip_prompt(input: &str, chars: &mut Chars<'_>) {
    let first = input.lines().next().unwrap_or_default();
    let trimmed = first.trim_start();
    if let Some(end) = trimmed.find("> ").filter(|_| trimmed.starts_with("PS ")) {
        let skip = first.len() - trimmed.len() + end + 2;
        while chars.next_if(|&(at, _)| at < skip).is_some() {}
    }
}

/// Whether PowerShell's words are written for Windows PowerShell 5.1: each double quote in them
/// written as the C runtime reads it (`\"`, or a pair around the whole word), and at least one
/// sign that only a 5.1 command has: a `\"`, an empty `""`, or a pair around a word that ends
/// in a backslash (which only the C runtime's rules need). PowerShell 7 commands quote a word
/// in `"` only to mean those quotes (`'"q"'`), and write JSON with bare quotes.
pub(crate) fn written_for_5(words: &[Word]) -> bool {
    let mut sign = false;
    for word in words {
        let text = word.text.as_str();
        let inner = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inner) => {
                sign |= inner.is_empty() || inner.ends_with('\\');
                inner
            }
            None => text,
        };
        let mut backslash = false;
        for c in inner.chars() {
            if c == '"' {
                if !backslash {
                    return false;
                }
                sign = true;
            }
            backslash = c == '\\';
        }
    }
    sign
}

/// What a program gets of PowerShell's `words` from Windows PowerShell 5.1: it writes each word
/// into the command line as it is, in double quotes when it has whitespace outside paired
/// quotes (`NeedQuotes` in its `NativeCommandParameterBinder`), and drops an empty one; the
/// program's C runtime splits that line again (`argv`).
pub(crate) fn legacy_argv(input: &str, words: &[Word]) -> Result<Vec<Word>, ParseError> {
    let mut argv = Vec::new();
    for word in words {
        let line =
            if needs_quotes(&word.text) { format!("\"{}\"", word.text) } else { word.text.clone() };
        let chars: Vec<(usize, char)> = line.chars().map(|c| (word.offset, c)).collect();
        let (split, _) = argv::split(input, &chars)?;
        argv.extend(split);
    }
    Ok(argv)
}

/// Whitespace outside double quotes that the C runtime would pair (a quote after a backslash is
/// not counted).
fn needs_quotes(text: &str) -> bool {
    let (mut quotes, mut backslash) = (0, false);
    for c in text.chars() {
        if c == '"' && !backslash {
            quotes += 1;
        } else if c.is_whitespace() && quotes % 2 == 0 {
            return true;
        }
        backslash = c == '\\';
    }
    false
}

#[cfg(test)]
mod tests {
    use super::split;

    fn argv(line: &str) -> Vec<String> {
        split(line).unwrap().0.into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn quotes_escapes_and_continuations() {
        assert_eq!(argv("aws x `\n  --a 'it''s'"), ["aws", "x", "--a", "it's"]);
        assert_eq!(argv("a \"say `\"hi`\" \"\"x\"\"\" b`tc"), ["a", "say \"hi\" \"x\"", "b\tc"]);
        assert_eq!(
            argv("a '{\"k\": \"$v\"}' \"`u{e9}\" price=$"),
            ["a", "{\"k\": \"$v\"}", "é", "price=$"]
        );
        assert_eq!(argv("a --% --x \"b c\" \\\"d"), ["a", "--x", "b c", "\"d"]);
        assert_eq!(argv("PS C:\\> aws s3 ls # list"), ["aws", "s3", "ls"]);
        assert_eq!(argv("a \u{2018}it\u{2019}\u{2019}s\u{2019}"), ["a", "it\u{2019}s"]);
    }

    #[test]
    fn errors_point_at_the_place() {
        // `$env:NAME` is marked for `env_refs`; other variables are refused here.
        let marked =
            super::super::env_refs::mark(super::super::env_refs::Expander::PowerShell, 9, "ARN");
        assert_eq!(split("aws --x \"$env:ARN\"").unwrap().0[2].text, marked);
        assert_eq!(split("aws --x \"$ARN\"").unwrap_err().offset, 9);
        assert_eq!(split("aws --x $(id)").unwrap_err().offset, 8);
        assert_eq!(split("aws --tags Key=a,Value=b").unwrap_err().offset, 16);
        assert_eq!(split("aws x `\n --a b \\\n --c d").unwrap_err().offset, 15);
        assert_eq!(split("aws x ` \n --a b").unwrap_err().offset, 6);
        assert_eq!(split("aws 'a'b").unwrap_err().offset, 7);
        assert_eq!(split("aws x --% --y %ARN%").unwrap_err().offset, 14);
    }
}
