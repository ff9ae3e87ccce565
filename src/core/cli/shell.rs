//! Shell words: quoting one argument for POSIX sh, PowerShell or cmd.exe, and laying a
//! command out over lines with that shell's continuation.
//!
//! POSIX quoting is exact for any text without NUL (single quotes, `'` as `'\''`).
//! PowerShell targets 7.3+ (native arguments passed as written): single quotes, with `'` and
//! the typographic single quotes PowerShell also treats as quotes doubled. Windows PowerShell
//! 5.1 writes the program's command line without escaping the double quotes inside an
//! argument, so its words are written as the C runtime reads them, then quoted for PowerShell.
//! cmd.exe cannot protect `%` or a line break inside an argument; such values get a warning.

/// The shell a command is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Shell {
    /// sh, bash, zsh.
    #[default]
    Posix,
    /// PowerShell 7.3 or later.
    PowerShell,
    /// Windows PowerShell 5.1, still the default on Windows.
    PowerShell5,
    /// Windows cmd.exe.
    Cmd,
}

impl Shell {
    /// Every shell, in selector order.
    pub const ALL: [Shell; 4] = [Shell::Posix, Shell::PowerShell, Shell::PowerShell5, Shell::Cmd];

    /// The value of the `shell` control.
    pub fn id(self) -> &'static str {
        match self {
            Shell::Posix => "posix",
            Shell::PowerShell => "powershell",
            Shell::PowerShell5 => "powershell5",
            Shell::Cmd => "cmd",
        }
    }

    /// The shell named by a `shell` control value.
    pub fn from_id(id: &str) -> Option<Shell> {
        Shell::ALL.into_iter().find(|s| s.id() == id)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Shell::Posix => "bash / zsh (POSIX)",
            Shell::PowerShell => "PowerShell 7.3+",
            Shell::PowerShell5 => "Windows PowerShell 5.1",
            Shell::Cmd => "cmd.exe",
        }
    }

    fn continuation(self) -> &'static str {
        match self {
            Shell::Posix => " \\\n  ",
            Shell::PowerShell | Shell::PowerShell5 => " `\n  ",
            Shell::Cmd => " ^\n  ",
        }
    }
}

/// One word of a command: text to quote, or text already written in shell syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Word {
    /// A literal argument; quoted as the shell needs.
    Arg(String),
    /// Shell syntax per shell (e.g. an environment-variable reference), written as is.
    Raw {
        /// For POSIX shells.
        posix: String,
        /// For PowerShell, 7.3+ and 5.1.
        powershell: String,
        /// For cmd.exe.
        cmd: String,
    },
}

/// A command as groups of words; each group stays on one line when the command is broken.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Command {
    /// The groups: the program and subcommands first, then one group per option.
    pub groups: Vec<Vec<Word>>,
}

impl Command {
    /// Adds a group of literal arguments.
    pub fn push(&mut self, words: impl IntoIterator<Item = String>) {
        self.groups.push(words.into_iter().map(Word::Arg).collect());
    }
}

/// Commands longer than this are broken over lines, one option per line.
const MAX_LINE: usize = 100;

/// The command as text for `shell`, and warnings about values the shell cannot carry.
// Out of line: a step of `core::outputs` (see there).
#[inline(never)]
pub fn format(command: &Command, shell: Shell) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let groups: Vec<String> = command
        .groups
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|word| match word {
                    Word::Arg(text) => quote(text, shell, &mut warnings),
                    Word::Raw { posix, powershell, cmd } => match shell {
                        Shell::Posix => posix.clone(),
                        Shell::PowerShell | Shell::PowerShell5 => powershell.clone(),
                        Shell::Cmd => cmd.clone(),
                    },
                })
                .filter(|text| !text.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        // A group may have nothing to say in one shell (a raw form another shell needs).
        .filter(|group| !group.is_empty())
        .collect();
    let one_line = groups.join(" ");
    let text = if one_line.len() <= MAX_LINE && !one_line.contains('\n') {
        one_line
    } else {
        groups.join(shell.continuation())
    };
    (text, warnings)
}

/// Quotes one argument for `shell`.
pub fn quote(text: &str, shell: Shell, warnings: &mut Vec<String>) -> String {
    // No shell can put a NUL in an argument: the operating system ends the string there.
    let note = "a value holds a NUL character, which no command line can carry; send it through the proxy or --cli-input-json file";
    if text.contains('\0') && !warnings.iter().any(|w| w == note) {
        warnings.push(note.into());
    }
    match shell {
        Shell::Posix => quote_posix(text),
        Shell::PowerShell => quote_powershell(text),
        Shell::PowerShell5 => quote_powershell5(text),
        Shell::Cmd => quote_cmd(text, warnings),
    }
}

/// POSIX: bare when every character is safe, else single quotes.
pub fn quote_posix(text: &str) -> String {
    let safe = |(i, c): (usize, char)| {
        c.is_ascii_alphanumeric() || "_@%+:,./-".contains(c) || (c == '=' && i > 0)
    };
    if !text.is_empty() && text.chars().enumerate().all(safe) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn quote_powershell(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_./:=-".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        return text.to_string();
    }
    let mut out = String::from("'");
    for c in text.chars() {
        out.push(c);
        // PowerShell treats the typographic single quotes as quotes too; doubling escapes them.
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}') {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// Windows PowerShell 5.1 writes a program's command line from its arguments without escaping
/// anything: it wraps an argument in `"` when it has whitespace outside paired double quotes,
/// and passes it as it is otherwise (`NeedQuotes` in its `NativeCommandParameterBinder`). So
/// the argument is written in the C runtime's syntax first: each `"` as `\"`, the backslashes
/// before it doubled. PowerShell 5.1 then wraps it where it has whitespace, as the C runtime
/// needs, except where that would go wrong, which we wrap ourselves: an empty argument (which it
/// drops) and one with whitespace that ends in a backslash (which would escape the closing
/// quote). An unquoted word that starts with `-` and holds `.` or `:` is split by PowerShell 5.1
/// (`-Dx.y` reaches the program as `-Dx` `.y`), so it is quoted too.
fn quote_powershell5(text: &str) -> String {
    let wrap = text.is_empty() || (text.ends_with('\\') && text.contains(char::is_whitespace));
    let line = c_runtime_word(text, "\\\"", wrap);
    let word = quote_powershell(&line);
    if word == line && line.starts_with('-') && line.contains(['.', ':']) {
        return format!("'{line}'");
    }
    word
}

fn quote_cmd(text: &str, warnings: &mut Vec<String>) -> String {
    if text.contains('%') {
        warnings.push(
            "cmd.exe expands %NAME% even inside quotes; check values with % before running".into(),
        );
    }
    if text.contains(['\n', '\r']) {
        warnings.push(
            "cmd.exe cannot pass a line break inside an argument; use PowerShell or bash".into(),
        );
    }
    let safe = |c: char| c.is_ascii_alphanumeric() || "_./:=,-@+".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        return text.to_string();
    }
    // A quote inside quotes is written `""`, which also keeps cmd.exe's own quote state balanced.
    c_runtime_word(text, "\"\"", true)
}

/// `text` as the C runtime's argument parsing (UCRT, "Parsing C command-line arguments") reads
/// it back: backslashes before a `"` are doubled and the `"` written as `quote`; in `"` when
/// `wrap`, the trailing backslashes then doubled too (they come before the closing quote).
fn c_runtime_word(text: &str, quote: &str, wrap: bool) -> String {
    let mut out = String::from(if wrap { "\"" } else { "" });
    let mut backslashes = 0;
    for c in text.chars() {
        match c {
            '\\' => {
                backslashes += 1;
                continue;
            }
            '"' => {
                out.push_str(&"\\".repeat(backslashes * 2));
                out.push_str(quote);
            }
            _ => {
                out.push_str(&"\\".repeat(backslashes));
                out.push(c);
            }
        }
        backslashes = 0;
    }
    out.push_str(&"\\".repeat(if wrap { backslashes * 2 } else { backslashes }));
    if wrap {
        out.push('"');
    }
    out
}
