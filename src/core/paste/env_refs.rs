//! Environment references in a pasted command: what the page's own commands carry for a secret
//! that the form reads from the environment (`cli::read_from_env`): `--password="$DMS_PASSWORD"`
//! (POSIX, in double quotes), `"--password=$env:DMS_PASSWORD"` (PowerShell) and
//! `"--password=%DMS_PASSWORD%"` (cmd.exe).
//!
//! The shells' splitters (`words`, `powershell`, `cmd`) put a mark into the word where the shell
//! would expand a plain variable, instead of refusing it at once. After the command is read,
//! [`take`] turns a mark that is the whole value of a secret that the page reads from that same
//! variable into that choice (`FormState::env`), with no value. Any other mark is the splitter's
//! old refusal, at the place of the reference: the page still reads no variables.

use super::{ParseError, Pasted};

/// Opens a mark: a private-use character, which no shell treats as quoting.
const OPEN: char = '\u{E000}';
/// Closes a mark.
const CLOSE: char = '\u{E001}';

/// A POSIX shell's refusal of what it would expand.
pub(crate) const POSIX_REFUSAL: &str =
    "the shell would expand this; the page cannot run commands or read variables";
/// The usual hint of a refusal.
pub(crate) const LITERAL_HINT: &str = "put the value in single quotes to keep it literal";

/// Which shell would expand the reference, for the refusal's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expander {
    Posix,
    PowerShell,
    Cmd,
}

impl Expander {
    fn tag(self) -> char {
        match self {
            Expander::Posix => 'p',
            Expander::PowerShell => 'w',
            Expander::Cmd => 'c',
        }
    }

    fn of(tag: char) -> Expander {
        match tag {
            'w' => Expander::PowerShell,
            'c' => Expander::Cmd,
            _ => Expander::Posix,
        }
    }

    /// The splitter's refusal of an expansion at `at`.
    pub(crate) fn refusal(self, input: &str, at: usize) -> ParseError {
        match self {
            // `dialect::hint_cmd` may say how to have a cmd.exe command read as one instead.
            Expander::Posix => ParseError::new(input, at, POSIX_REFUSAL).with_hint(LITERAL_HINT),
            Expander::PowerShell => ParseError::new(
                input,
                at,
                "PowerShell would expand this; the page cannot run commands or read variables",
            )
            .with_hint(LITERAL_HINT),
            Expander::Cmd => ParseError::new(
                input,
                at,
                "cmd.exe would expand this %NAME%; the page cannot read variables",
            )
            .with_hint("put the value itself in the command"),
        }
    }
}

/// The mark for a reference to variable `name` at byte `at` of the input.
pub(crate) fn mark(shell: Expander, at: usize, name: &str) -> String {
    format!("{OPEN}{}{at}:{name}{CLOSE}", shell.tag())
}

/// A variable's name at the start of `text` (a letter or `_`, then letters, digits and `_`), and
/// its length in bytes.
pub(crate) fn name_at(text: &str) -> Option<&str> {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(text.len());
    let name = &text[..end];
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_').then_some(name)
}

/// A mark read back: the shell, where the reference was, and the variable.
struct Mark<'a> {
    shell: Expander,
    at: usize,
    name: &'a str,
}

/// The marks in `text`, in order, and whether `text` is exactly one mark. Only a mark that a
/// splitter put there counts: its reference stands in `input` at its place. Text that merely
/// looks like one (the same private-use characters, pasted) is text.
fn marks<'a>(input: &str, text: &'a str) -> (Vec<Mark<'a>>, bool) {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let body = &rest[start + OPEN.len_utf8()..];
        let Some(end) = body.find(CLOSE) else { break };
        let mut inner = body[..end].chars();
        let shell = Expander::of(inner.next().unwrap_or('p'));
        let parsed =
            inner.as_str().split_once(':').and_then(|(at, name)| Some((at.parse().ok()?, name)));
        if let Some((at, name)) = parsed {
            let mark = Mark { shell, at, name };
            if mark.stands_in(input) {
                found.push(mark);
            }
        }
        rest = &body[end + CLOSE.len_utf8()..];
    }
    let whole = found.len() == 1 && text == mark(found[0].shell, found[0].at, found[0].name);
    (found, whole)
}

impl Mark<'_> {
    /// Whether `input` holds this mark's reference at its place.
    fn stands_in(&self, input: &str) -> bool {
        let rest = input.get(self.at..).unwrap_or_default();
        !self.name.is_empty()
            && match self.shell {
                Expander::Posix => rest.strip_prefix('$').is_some_and(|r| {
                    r.strip_prefix(self.name).is_some()
                        || r.strip_prefix('{')
                            .and_then(|b| b.strip_prefix(self.name))
                            .is_some_and(|b| b.starts_with('}'))
                }),
                Expander::PowerShell => {
                    rest.get(..5).is_some_and(|env| env.eq_ignore_ascii_case("$env:"))
                        && rest[5..].starts_with(self.name)
                }
                Expander::Cmd => rest
                    .strip_prefix('%')
                    .and_then(|r| r.strip_prefix(self.name))
                    .is_some_and(|r| r.starts_with('%')),
            }
    }
}

/// `text` with each mark written back as the reference it stands for, for messages.
pub(crate) fn shown(input: &str, text: &str) -> String {
    if !text.contains(OPEN) {
        return text.to_string();
    }
    let mut out = String::new();
    let mut rest = text;
    for found in marks(input, text).0 {
        let written = mark(found.shell, found.at, found.name);
        let Some(start) = rest.find(&written) else { break };
        out.push_str(&rest[..start]);
        out.push_str(&match found.shell {
            Expander::Posix => format!("${}", found.name),
            Expander::PowerShell => format!("$env:{}", found.name),
            Expander::Cmd => format!("%{}%", found.name),
        });
        rest = &rest[start + written.len()..];
    }
    out.push_str(rest);
    out
}

/// Turns each marked value of `pasted` into the form's choice to read that secret from the
/// environment, or refuses the paste at the first reference that cannot be one.
pub(crate) fn take(input: &str, pasted: &mut Pasted) -> Result<(), ParseError> {
    let marked: Vec<(String, String)> = pasted
        .form
        .values()
        .filter(|(_, value)| value.contains(OPEN))
        .map(|(path, value)| (path.to_string(), value.to_string()))
        .collect();
    for (path, value) in marked {
        let (found, whole) = marks(input, &value);
        let Some(mark) = found.first() else { continue };
        let reads = pasted.op.env_name(&path);
        if whole && reads.as_deref() == Some(mark.name) {
            pasted.form.set(&path, "");
            if !pasted.form.reads_env(&path) {
                pasted.form.toggle_env(&path);
            }
            continue;
        }
        let refusal = mark.shell.refusal(input, mark.at);
        return Err(match reads {
            Some(variable) => refusal.with_hint(format!(
                "the page's commands read {path} from {variable}: write \"${variable}\" as the whole value, or paste the value"
            )),
            None => refusal,
        });
    }
    let (in_region, _) = marks(input, &pasted.form.region);
    if let Some(mark) = in_region.first() {
        return Err(mark.shell.refusal(input, mark.at));
    }
    for text in pasted.ignored.iter_mut().chain(pasted.notes.iter_mut()) {
        *text = shown(input, text);
    }
    for dropped in pasted.dropped.iter_mut() {
        dropped.message = shown(input, &dropped.message);
    }
    Ok(())
}

/// A failed paste whose message quotes a marked word (a variable where a number belongs, say):
/// the refusal of that variable, as before the marks.
pub(crate) fn shown_error(error: ParseError) -> ParseError {
    let (found, _) = marks(&error.input, &error.message);
    let (in_hint, _) = marks(&error.input, error.hint.as_deref().unwrap_or_default());
    match found.first().or(in_hint.first()) {
        Some(mark) => mark.shell.refusal(&error.input, mark.at),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_reads_back_as_it_was_written() {
        let input = "aws x --a=%DMS_PASSWORD% --b \"${A_1}\"";
        let text = format!("x{}y", mark(Expander::Cmd, 10, "DMS_PASSWORD"));
        assert_eq!(shown(input, &text), "x%DMS_PASSWORD%y");
        let marked = mark(Expander::Posix, 30, "A_1");
        let (found, whole) = marks(input, &marked);
        assert!(whole);
        assert_eq!((found[0].shell, found[0].at, found[0].name), (Expander::Posix, 30, "A_1"));
        // A mark whose reference is not at its place in the input is text.
        assert!(marks(input, &mark(Expander::Posix, 3, "A_1")).0.is_empty());
        assert_eq!(name_at("DMS_PASSWORD}x"), Some("DMS_PASSWORD"));
        assert_eq!(name_at("1X"), None);
    }
}
