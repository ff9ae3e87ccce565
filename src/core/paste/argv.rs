//! How a Windows program splits its command line into argv: the Microsoft C runtime's rules
//! (UCRT, "Parsing C command-line arguments"), which the AWS CLI's and aliyun's Windows builds
//! get their arguments through. cmd.exe hands a program its line after its own pass (`cmd`),
//! and PowerShell after `--%` (`powershell`); both end here.
//!
//! - Space and tab separate arguments, outside double quotes.
//! - `"` opens and closes a quoted part; a quoted part may sit inside an argument.
//! - Inside a quoted part, `""` is one literal `"` and the part goes on.
//! - Backslashes are literal, unless they come before a `"`: then each pair gives one
//!   backslash, and an odd one left makes the `"` literal (`\"`).

use super::words::Word;
use super::ParseError;

/// The arguments in `chars` (each character with its byte offset in `input`), and the offset of
/// the first `""` inside quotes (a way of writing a quote that POSIX shells read otherwise).
pub(crate) fn split(
    input: &str,
    chars: &[(usize, char)],
) -> Result<(Vec<Word>, Option<usize>), ParseError> {
    let mut words = Vec::new();
    let mut doubled = None;
    let mut i = 0;
    loop {
        while chars.get(i).is_some_and(|&(_, c)| c == ' ' || c == '\t') {
            i += 1;
        }
        let Some(&(start, _)) = chars.get(i) else { break };
        let mut text = String::new();
        let mut open: Option<usize> = None;
        while let Some(&(at, c)) = chars.get(i) {
            match c {
                ' ' | '\t' if open.is_none() => break,
                '\\' => {
                    let run = chars[i..].iter().take_while(|&&(_, c)| c == '\\').count();
                    let before_quote = chars.get(i + run).is_some_and(|&(_, c)| c == '"');
                    if !before_quote {
                        text.extend(std::iter::repeat_n('\\', run));
                        i += run;
                        continue;
                    }
                    text.extend(std::iter::repeat_n('\\', run / 2));
                    i += run;
                    if run % 2 == 1 {
                        text.push('"');
                        i += 1;
                    }
                }
                '"' => {
                    let next_is_quote = chars.get(i + 1).is_some_and(|&(_, c)| c == '"');
                    if open.is_some() && next_is_quote {
                        text.push('"');
                        doubled.get_or_insert(at);
                        i += 2;
                    } else {
                        open = if open.is_some() { None } else { Some(at) };
                        i += 1;
                    }
                }
                c => {
                    text.push(c);
                    i += 1;
                }
            }
        }
        if let Some(at) = open {
            // The C runtime would take the rest as the last argument; a pasted command that
            // ends inside quotes has more likely lost its end.
            return Err(ParseError::new(input, at, "this double quote is never closed"));
        }
        words.push(Word { text, offset: start });
    }
    Ok((words, doubled))
}

#[cfg(test)]
mod tests {
    use super::split;

    fn argv(line: &str) -> Vec<String> {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        split(line, &chars).unwrap().0.into_iter().map(|w| w.text).collect()
    }

    /// The examples of "Parsing C command-line arguments".
    #[test]
    fn the_documented_examples() {
        assert_eq!(argv(r#""a b c" d e"#), ["a b c", "d", "e"]);
        assert_eq!(argv(r#""ab\"c" "\\" d"#), ["ab\"c", "\\", "d"]);
        assert_eq!(argv(r#"a\\\b d"e f"g h"#), [r"a\\\b", "de fg", "h"]);
        assert_eq!(argv(r#"a\\\"b c d"#), [r#"a\"b"#, "c", "d"]);
        assert_eq!(argv(r#"a\\\\"b c" d e"#), [r"a\\b c", "d", "e"]);
        // The C runtime takes `ab" c d` from `a"b"" c d`, ending inside quotes; paste refuses
        // a quote left open, as it does in POSIX text.
        let line = r#"a"b"" c d"#;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        assert_eq!(split(line, &chars).unwrap_err().offset, 1);
        assert_eq!(argv(r#"a"b"" c d""#), ["ab\" c d"]);
    }
}
