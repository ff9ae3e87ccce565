//! Splitting pasted POSIX shell text into words, keeping each word's byte offset for carets.
//!
//! Handles what people paste from runbooks and terminals: single quotes, double quotes with
//! their backslash escapes, bash's `$'...'` (ANSI-C) quoting, backslash-newline continuations,
//! backslash escapes outside quotes, `#` comments and a leading `$ ` prompt. The shell-words
//! crate covers the basic grammar but neither `$'...'` nor offsets, which the caret needs.

use super::{env_refs, ParseError};

/// One shell word: its text after quote removal and where it starts in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word as the program would receive it.
    pub text: String,
    /// Byte offset of the word's first character in the input.
    pub offset: usize,
}

/// Splits shell text into words.
pub fn split(input: &str) -> Result<Vec<Word>, ParseError> {
    let mut words = Vec::new();
    let mut chars = input.char_indices().peekable();
    let mut current: Option<Word> = None;
    while let Some((at, c)) = chars.next() {
        match c {
            // word ::= (unquoted | '...' | "..." | $'...' | \c)+
            ' ' | '\t' | '\n' | '\r' => {
                words.extend(current.take());
            }
            '#' if current.is_none() => {
                // A comment runs to the end of the line.
                while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                    chars.next();
                }
            }
            '\\' => match chars.next() {
                Some((_, '\n')) => {} // line continuation
                Some((_, '\r')) if chars.peek().is_some_and(|&(_, c)| c == '\n') => {
                    chars.next();
                }
                Some((_, escaped)) => word(&mut current, at).text.push(escaped),
                None => {
                    return Err(ParseError::new(
                        input,
                        at,
                        "a backslash ends the text; remove it or finish the line",
                    ))
                }
            },
            '\'' => {
                let text = &mut word(&mut current, at).text;
                loop {
                    match chars.next() {
                        Some((_, '\'')) => break,
                        Some((_, c)) => text.push(c),
                        None => {
                            return Err(ParseError::new(
                                input,
                                at,
                                "this single quote is never closed",
                            ))
                        }
                    }
                }
            }
            '"' => {
                let text = &mut word(&mut current, at).text;
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match chars.peek().map(|&(_, c)| c) {
                            Some('\n') => {
                                chars.next();
                            }
                            Some(c @ ('$' | '`' | '"' | '\\')) => {
                                chars.next();
                                text.push(c);
                            }
                            _ => text.push('\\'),
                        },
                        Some((here, '$' | '`')) if is_expansion(input, here) => {
                            // `"$NAME"` may be a secret the form reads from the environment
                            // (`env_refs`); everything else a shell expands is refused.
                            let Some(name) = variable(&input[here..]) else {
                                return Err(env_refs::Expander::Posix.refusal(input, here));
                            };
                            text.push_str(&env_refs::mark(env_refs::Expander::Posix, here, name));
                            let end = here
                                + 1
                                + name.len()
                                + if input[here + 1..].starts_with('{') { 2 } else { 0 };
                            while chars.next_if(|&(i, _)| i < end).is_some() {}
                        }
                        Some((_, c)) => text.push(c),
                        None => {
                            return Err(ParseError::new(
                                input,
                                at,
                                "this double quote is never closed",
                            ))
                        }
                    }
                }
            }
            '$' if chars.peek().is_some_and(|&(_, c)| c == '\'') => {
                chars.next();
                let text = &mut word(&mut current, at).text;
                ansi_c(input, at, &mut chars, text)?;
            }
            '$' | '`' if is_expansion(input, at) => {
                return Err(env_refs::Expander::Posix.refusal(input, at));
            }
            '|' | ';' | '&' | '<' | '>' | '(' | ')' => {
                return Err(ParseError::new(
                    input,
                    at,
                    "only one command can be pasted; this shell operator starts another",
                )
                .with_hint("quote the value if the character belongs to it"));
            }
            c => word(&mut current, at).text.push(c),
        }
    }
    words.extend(current);
    // `$ aws ...` pasted from a terminal prompt.
    if words.first().is_some_and(|w| w.text == "$") {
        words.remove(0);
    }
    Ok(words)
}

/// A line break at `at` that ends a PowerShell or cmd.exe command (`shell`, continued with
/// `marker`): fine at the end of the text, else an error saying which continuation is missing.
pub(crate) fn line_ends_command(
    input: &str,
    at: usize,
    marker: char,
    shell: &str,
) -> Result<(), ParseError> {
    if input.get(at..).is_none_or(|rest| rest.trim().is_empty()) {
        return Ok(());
    }
    let line = input.get(..at).unwrap_or_default();
    let last = line.trim_end().char_indices().next_back();
    let (offset, message) = match last {
        Some((i, c)) if c == marker => (
            i,
            format!("a space follows this {marker}: {shell} continues a line only when {marker} is the last character"),
        ),
        Some((i, '\\')) => (
            i,
            format!("this line ends with \\, the POSIX continuation; {shell} continues a line with {marker}, and a command is written for one shell"),
        ),
        Some((i, c @ ('`' | '^'))) => (
            i,
            format!("this line ends with {c}, another shell's continuation; {shell} continues a line with {marker}, and a command is written for one shell"),
        ),
        _ => (
            at,
            format!("{shell} ends the command at this line break; end the line with {marker} to continue it"),
        ),
    };
    Err(ParseError::new(input, offset, message))
}

fn word(current: &mut Option<Word>, at: usize) -> &mut Word {
    current.get_or_insert_with(|| Word { text: String::new(), offset: at })
}

/// `$name`, `${...}`, `$(...)` and backticks expand; a lone `$` does not.
fn is_expansion(input: &str, at: usize) -> bool {
    let rest = &input[at..];
    rest.starts_with('`')
        || rest[1..]
            .starts_with(|c: char| c == '{' || c == '(' || c == '_' || c.is_ascii_alphanumeric())
}

/// The variable of a plain `$NAME` or `${NAME}` at the start of `text`.
fn variable(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('$')?;
    match rest.strip_prefix('{') {
        Some(braced) => env_refs::name_at(braced).filter(|n| braced[n.len()..].starts_with('}')),
        // `$env:NAME` is PowerShell's; to a POSIX shell it is `$env` and a colon.
        None => env_refs::name_at(rest).filter(|n| !rest[n.len()..].starts_with(':')),
    }
}

/// The body of `$'...'` after the opening quote: backslash escapes as bash defines them.
fn ansi_c(
    input: &str,
    start: usize,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    text: &mut String,
) -> Result<(), ParseError> {
    loop {
        let Some((at, c)) = chars.next() else {
            return Err(ParseError::new(input, start, "this $'...' quote is never closed"));
        };
        match c {
            '\'' => return Ok(()),
            '\\' => {
                let Some((_, e)) = chars.next() else { continue };
                match e {
                    'n' => text.push('\n'),
                    't' => text.push('\t'),
                    'r' => text.push('\r'),
                    'a' => text.push('\u{7}'),
                    'b' => text.push('\u{8}'),
                    'e' | 'E' => text.push('\u{1b}'),
                    'f' => text.push('\u{c}'),
                    'v' => text.push('\u{b}'),
                    '\\' | '\'' | '"' | '?' => text.push(e),
                    'x' | 'u' | 'U' => {
                        let max = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut digits = String::new();
                        while digits.len() < max
                            && chars.peek().is_some_and(|&(_, d)| d.is_ascii_hexdigit())
                        {
                            digits.push(chars.next().map(|(_, d)| d).unwrap_or('0'));
                        }
                        let code = u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32);
                        match code {
                            Some(c) if !digits.is_empty() => text.push(c),
                            _ => {
                                return Err(ParseError::new(
                                    input,
                                    at,
                                    "this escape names no character",
                                ))
                            }
                        }
                    }
                    '0'..='7' => {
                        let mut value = e.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                                Some(d) => {
                                    value = value * 8 + d;
                                    chars.next();
                                }
                                None => break,
                            }
                        }
                        text.push(char::from_u32(value).unwrap_or('\u{fffd}'));
                    }
                    other => {
                        text.push('\\');
                        text.push(other);
                    }
                }
            }
            c => text.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{env_refs, split};

    fn texts(input: &str) -> Vec<String> {
        split(input).unwrap().into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn quotes_escapes_and_continuations() {
        assert_eq!(texts("a 'b c' \"d \\\" e\" f\\ g"), ["a", "b c", "d \" e", "f g"]);
        assert_eq!(texts("aws \\\n  dms"), ["aws", "dms"]);
        assert_eq!(texts("x $'it\\'s\\n\\x41\\u00e9'"), ["x", "it's\nAé"]);
        assert_eq!(texts("'it'\\''s'"), ["it's"]);
        assert_eq!(texts("$ aws dms # a comment\n --x 1"), ["aws", "dms", "--x", "1"]);
        assert_eq!(texts("a\r\nb"), ["a", "b"]);
        assert_eq!(texts("price=$"), ["price=$"]);
    }

    #[test]
    fn errors_point_at_the_place() {
        let err = split("aws dms 'unclosed").unwrap_err();
        assert_eq!(err.offset, 8);
        // A plain variable in double quotes is marked for `env_refs`; others are refused here.
        let marked = env_refs::mark(env_refs::Expander::Posix, 9, "HOME");
        assert_eq!(split("aws --x \"$HOME\"").unwrap()[2].text, marked);
        assert_eq!(split("aws --x \"$(id)\"").unwrap_err().offset, 9);
        let err = split("aws x | jq").unwrap_err();
        assert_eq!(err.offset, 6);
    }
}
