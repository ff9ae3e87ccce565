//! Which shell a pasted command is written for, decided from the text (the paste box has no
//! shell control), and its words as that shell hands them to the program.
//!
//! 1. Line continuations decide: a line ending in `` ` `` is PowerShell, in `^` cmd.exe, in `\`
//!    POSIX (trailing spaces after the mark count, so the reader can say they break it). The
//!    shell of the first such line is read first; when it fails, the other marked shells are
//!    tried, and if none reads the text the first one's error is shown (a command that mixes
//!    continuations fails there, with a caret at the line that does not fit). PowerShell's
//!    stop-parsing word `--%` counts as its mark, read first.
//! 2. Otherwise (one line, or line breaks only inside quotes) a way of escaping a quote that
//!    only one shell has decides: `'it''s'` is PowerShell, `"say ""hi"""` cmd.exe (the page
//!    prints each shell's quotes that way).
//! 3. Otherwise POSIX, then PowerShell, then cmd.exe: the first that reads the text. A `$NAME`
//!    that a shell would expand stops there with its error (cmd.exe would pass `"$ARN"` as
//!    written, but a POSIX shell or PowerShell would not, so the text is not read as cmd.exe),
//!    and so does a single quote left open (cmd.exe has no single quotes, but a lost `'` is
//!    likelier than a cmd.exe command with one);
//!    a backtick, which POSIX refuses, goes on to PowerShell, which reads it as an escape. When
//!    no shell reads the text, the error that got furthest into it is shown.
//! 4. Text that PowerShell reads, whose words write every double quote the C runtime's way
//!    (`\"`, or a pair around the whole word) and have at least one such quote, is Windows
//!    PowerShell 5.1's: its words go on through the command line that 5.1 writes for a program
//!    (`powershell::legacy_argv`). No POSIX or PowerShell 7 command means a JSON text that way,
//!    and the page writes 5.1's commands so.

use super::words::Word;
use super::{cmd, env_refs, powershell, words, ParseError};

/// A shell whose command text paste reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// sh, bash, zsh.
    Posix,
    /// PowerShell 7.3 or later.
    PowerShell,
    /// Windows PowerShell 5.1 (what the program gets of PowerShell's words differs).
    PowerShell5,
    /// cmd.exe (and the program's C runtime).
    Cmd,
}

impl Dialect {
    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Dialect::Posix => "a POSIX shell",
            Dialect::PowerShell => "PowerShell",
            Dialect::PowerShell5 => "Windows PowerShell 5.1",
            Dialect::Cmd => "cmd.exe",
        }
    }

    fn read(self, input: &str) -> Result<(Vec<Word>, Option<usize>), ParseError> {
        match self {
            Dialect::Posix => words::split(input).map(|words| (words, None)),
            Dialect::PowerShell => powershell::split(input),
            Dialect::PowerShell5 => {
                let (words, distinct) = powershell::split(input)?;
                Ok((powershell::legacy_argv(input, &words)?, distinct))
            }
            Dialect::Cmd => cmd::split(input),
        }
    }
}

/// The words of a pasted command and the shell they were read as.
pub fn split(input: &str) -> Result<(Vec<Word>, Dialect), ParseError> {
    let (words, dialect) = split_73(input)?;
    // After `--%` PowerShell 5.1 passes the line as written, as 7.3 does.
    let stops_parsing = input.split_whitespace().any(|w| w == "--%");
    if matches!(dialect, Dialect::Posix | Dialect::PowerShell) && !stops_parsing {
        if let Ok((powershell, _)) = powershell::split(input) {
            if powershell::written_for_5(&powershell) {
                return Ok((powershell::legacy_argv(input, &powershell)?, Dialect::PowerShell5));
            }
        }
    }
    Ok((words, dialect))
}

/// Rules 1 to 3 (module docs).
fn split_73(input: &str) -> Result<(Vec<Word>, Dialect), ParseError> {
    let marked = continued(input);
    if let Some((&first, others)) = marked.split_first() {
        let error = match first.read(input) {
            Ok((words, _)) => return Ok((words, first)),
            Err(error) => error,
        };
        for &dialect in others {
            if let Ok((words, _)) = dialect.read(input) {
                return Ok((words, dialect));
            }
        }
        return Err(error);
    }
    let order = [Dialect::Posix, Dialect::PowerShell, Dialect::Cmd];
    let reads = order.map(|dialect| (dialect, dialect.read(input)));
    for (dialect, read) in &reads {
        if let Ok((words, Some(_))) = read {
            return Ok((words.clone(), *dialect));
        }
    }
    let mut furthest: Option<ParseError> = None;
    for (dialect, read) in reads {
        match read {
            Ok((words, _)) => return Ok((words, dialect)),
            // A variable is refused, not read literally by the next shell: `"$ARN"` means the
            // variable to a POSIX shell (and to PowerShell), whichever shell it came from; and
            // a single quote left open is an error, not a literal `'` for cmd.exe.
            // `$env:NAME` is PowerShell's (`env_refs`): POSIX refuses it, PowerShell reads it.
            Err(error)
                if input.get(error.offset..).is_some_and(|at| {
                    at.starts_with(['$', '\''])
                        && !at.get(..5).is_some_and(|env| env.eq_ignore_ascii_case("$env:"))
                }) =>
            {
                return Err(match cmd::split(input) {
                    Ok(_) => error.with_hint(CMD_HINT),
                    Err(_) => error,
                });
            }
            Err(error) if furthest.as_ref().is_none_or(|f| error.offset > f.offset) => {
                furthest = Some(error)
            }
            Err(_) => {}
        }
    }
    Err(furthest.unwrap_or_else(|| ParseError::new(input, 0, "no command found")))
}

/// The hint of a POSIX refusal of a variable in text that cmd.exe reads too.
const CMD_HINT: &str = "cmd.exe would pass it as written: if the command is for cmd.exe, end its first line with ^ so that paste reads it as cmd.exe";

/// A POSIX shell's refusal of a variable (`env_refs`) in text that cmd.exe reads too: cmd.exe
/// would pass `"$ARN"` as written, and a one-line command is read as POSIX first (rule 3), so
/// the hint says how to have it read as cmd.exe's.
pub(crate) fn hint_cmd(input: &str, error: ParseError) -> ParseError {
    let plain = error.message == env_refs::POSIX_REFUSAL
        && error.hint.as_deref() == Some(env_refs::LITERAL_HINT);
    if plain && cmd::split(input).is_ok() {
        error.with_hint(CMD_HINT)
    } else {
        error
    }
}

/// The shells whose line continuation ends a line of `input`, in the order they first do
/// (PowerShell first when it has a `--%`).
fn continued(input: &str) -> Vec<Dialect> {
    let mut found = Vec::new();
    let mut lines = input.split('\n').peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_none() {
            break; // the last line continues nothing
        }
        let dialect = match line.trim_end().chars().next_back() {
            Some('`') => Dialect::PowerShell,
            Some('^') => Dialect::Cmd,
            Some('\\') => Dialect::Posix,
            _ => continue,
        };
        if !found.contains(&dialect) {
            found.push(dialect);
        }
    }
    // PowerShell's stop-parsing token says as much as its continuation.
    if !found.contains(&Dialect::PowerShell) && input.split_whitespace().any(|w| w == "--%") {
        found.insert(0, Dialect::PowerShell);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{split, Dialect};

    fn read(text: &str) -> (Vec<String>, Dialect) {
        let (words, dialect) = split(text).unwrap();
        (words.into_iter().map(|w| w.text).collect(), dialect)
    }

    #[test]
    fn the_shell_is_read_from_the_text() {
        assert_eq!(read("aws x `\n  --a 'b c'").1, Dialect::PowerShell);
        assert_eq!(read("aws x ^\n  --a \"b c\"").1, Dialect::Cmd);
        assert_eq!(read("aws x \\\n  --a 'b c'").1, Dialect::Posix);
        assert_eq!(
            read("aws x --a 'it''s'"),
            (vec!["aws".into(), "x".into(), "--a".into(), "it's".into()], Dialect::PowerShell)
        );
        assert_eq!(read("aws x --a \"say \"\"hi\"\"\"").1, Dialect::Cmd);
        assert_eq!(read("aws x --a 'b c'").1, Dialect::Posix);
        assert_eq!(read("aws x --a \"`$HOME\"").1, Dialect::PowerShell);
        // A variable is marked for `env_refs`, which refuses it unless it is a secret's.
        assert_eq!(read("aws x --a \"$HOME\"").1, Dialect::Posix);
        assert_eq!(read("aws x \"--a=$env:HOME\"").1, Dialect::PowerShell);
        assert_eq!(read("aws x --a \"$HOME\" ^\n --b c").1, Dialect::Cmd);
    }
}
