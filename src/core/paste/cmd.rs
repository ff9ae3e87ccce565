//! Reading a command pasted from cmd.exe: cmd's own pass over the line, then the program's
//! C runtime splitting what cmd hands it (`argv`).
//!
//! cmd.exe's pass, as it runs a typed line: `%NAME%` expands (even inside quotes; refused
//! here, the page reads no variables); every `"` switches its quote state (a `\"` too, since
//! cmd knows nothing of backslashes); outside quotes `^` takes the next character literally,
//! `^` at a line's end joins the next line (whose first character it also takes literally),
//! and `&`, `|`, `<` and `>` end the command. A line break ends the command, inside quotes too.
//! `'` means nothing to cmd or the C runtime.

use super::words::Word;
use super::{argv, env_refs, ParseError};

/// The arguments of a cmd.exe command, and the offset of the first syntax POSIX shells read
/// otherwise (`""` inside quotes), if any.
pub(crate) fn split(input: &str) -> Result<(Vec<Word>, Option<usize>), ParseError> {
    // A plain `%NAME%` may be a secret the form reads from the environment (`env_refs`): its
    // mark goes into the line. One with a modifier (`%PATH:~0,5%`) is refused.
    if let Some(at) = refused_expansion(input) {
        return Err(env_refs::Expander::Cmd.refusal(input, at));
    }
    let mut line: Vec<(usize, char)> = Vec::new();
    let mut quoted = false;
    let mut chars = input.char_indices().peekable();
    skip_prompt(input, &mut chars);
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                line.push((at, c));
            }
            '\n' | '\r' if quoted => {
                return Err(ParseError::new(
                    input,
                    at,
                    "cmd.exe ends the command at a line break, even inside quotes (it counts every \", a \\\" too)",
                )
                .with_hint("close the quotes on the line; a value cannot hold a line break in cmd.exe"));
            }
            '\n' | '\r' => {
                super::words::line_ends_command(input, at, '^', "cmd.exe")?;
                break;
            }
            '^' if !quoted => match chars.next() {
                None => {
                    return Err(ParseError::new(
                        input,
                        at,
                        "a caret ends the text; remove it or finish the line",
                    ))
                }
                Some((_, '\n' | '\r')) => {
                    if chars.peek().is_some_and(|&(_, c)| c == '\n') {
                        chars.next();
                    }
                    // The continued line's first character is taken literally.
                    if let Some((next, ch)) = chars.next_if(|&(_, c)| c != '\n' && c != '\r') {
                        line.push((next, ch));
                    }
                }
                Some(escaped) => line.push(escaped),
            },
            '&' | '|' | '<' | '>' if !quoted => {
                return Err(ParseError::new(
                    input,
                    at,
                    "only one command can be pasted; cmd.exe reads this as an operator that starts another",
                )
                .with_hint(
                    "put the value in double quotes, or write ^ before the character; after a \\\" cmd.exe counts itself outside quotes",
                ));
            }
            '%' => match plain_variable(input, at) {
                Some(name) => {
                    let mark = env_refs::mark(env_refs::Expander::Cmd, at, name);
                    line.extend(mark.chars().map(|c| (at, c)));
                    let end = at + name.len() + 2;
                    while chars.next_if(|&(i, _)| i < end).is_some() {}
                }
                None => line.push((at, c)),
            },
            c => line.push((at, c)),
        }
    }
    argv::split(input, &line)
}

/// The first expansion `split` refuses: one that is not a plain variable, which it marks.
fn refused_expansion(input: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = input.get(from..).and_then(expansion).map(|i| from + i) {
        match plain_variable(input, at) {
            Some(name) => from = at + name.len() + 2,
            None => return Some(at),
        }
    }
    None
}

/// The variable of a plain `%NAME%` at `at`.
fn plain_variable(input: &str, at: usize) -> Option<&str> {
    let name = env_refs::name_at(input.get(at + 1..)?)?;
    input.get(at + 1 + name.len()..)?.starts_with('%').then_some(name)
}

/// A `C:\path>` prompt before the command, as copied from a console window.
fn skip_prompt(input: &str, chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) {
    let first = input.lines().next().unwrap_or_default();
    let trimmed = first.trim_start();
    let mut drive = trimmed.chars();
    let is_prompt = drive.next().is_some_and(|c| c.is_ascii_alphabetic())
        && drive.next() == Some(':')
        && drive.next() == Some('\\');
    if let Some(end) = trimmed.find('>').filter(|_| is_prompt) {
        let skip = first.len() - trimmed.len() + end + 1;
        while chars.next_if(|&(at, _)| at < skip).is_some() {}
    }
}

/// The offset of the first `%NAME%` cmd.exe would expand: a name starting with a letter or `_`,
/// with no white space (before a `:~n,m` or `:a=b` modifier) and no quote or line break.
pub(crate) fn expansion(input: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(start) = input.get(from..)?.find('%').map(|i| from + i) {
        let rest = input.get(start + 1..)?;
        let end = rest.find(['%', '\n', '\r', '"'])?;
        let name = rest.get(..end)?;
        if rest.get(end..)?.starts_with('%') {
            let head = name.split(':').next().unwrap_or_default();
            let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && !head.contains(char::is_whitespace);
            if is_name {
                return Some(start);
            }
        }
        from = start + 1 + end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{env_refs, expansion, split};

    fn argv(line: &str) -> Vec<String> {
        split(line).unwrap().0.into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn cmd_then_the_c_runtime() {
        assert_eq!(argv("aws x ^\n  --a \"b c\""), ["aws", "x", "--a", "b c"]);
        assert_eq!(argv("a ^& b^^c 'd e'"), ["a", "&", "b^c", "'d", "e'"]);
        assert_eq!(argv(r#"a "x^&y" "say ""hi""""#), ["a", "x^&y", "say \"hi\""]);
        assert_eq!(argv(r#"a "{\"k\": \"v w\"}""#), ["a", r#"{"k": "v w"}"#]);
        assert_eq!(argv("C:\\Users\\me>aws s3 ls"), ["aws", "s3", "ls"]);
        assert_eq!(argv("a 100% 50%"), ["a", "100%", "50%"]);
    }

    #[test]
    fn errors_point_at_the_place() {
        // A plain variable is marked for `env_refs`; one with a modifier is refused here.
        assert_eq!(argv("aws --x %ARN%")[2], env_refs::mark(env_refs::Expander::Cmd, 8, "ARN"));
        assert_eq!(split("aws --x \"%ARN:~0,3%\"").unwrap_err().offset, 9);
        // Regression: a plain variable first hid a later one with a modifier.
        assert_eq!(split("aws --x %A% \"%ARN:~0,3%\"").unwrap_err().offset, 13);
        assert_eq!(split(r#"aws --x "{\"a\": \"b&c\"}""#).unwrap_err().offset, 20);
        assert_eq!(split("aws x | more").unwrap_err().offset, 6);
        assert_eq!(split("aws \"x\ny\"").unwrap_err().offset, 6);
        assert_eq!(expansion("50% off, 20% more"), None);
    }
}
