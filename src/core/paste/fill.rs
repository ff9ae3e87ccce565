//! What a paste leads to, as the paste box shows it: the permalink of the filled form and a
//! note saying what was filled, or the error with the line and caret under its place and, when
//! only some options failed, what taking what parsed would fill. Plain strings only, so the
//! outcome can cross from the page's worker (which owns the parsers) to the page.

use super::{parse_for, parse_taking_what_parsed_for, Pasted};
use crate::core::model::{AwsCli, Operation};
use crate::core::route;

/// A form filled from a paste: where to go, and what to tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filled {
    /// The permalink hash of the filled form (`#/aws/dms/StartReplicationTask?…`).
    pub hash: String,
    /// "Filled StartReplicationTask from the paste; ignored --profile prod."
    pub note: String,
    /// The pasted secrets (`route::secrets_query`), which the link leaves out: the page hands
    /// them to the form in memory.
    pub secrets: String,
}

/// A paste that did not parse, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed {
    /// What is wrong.
    pub message: String,
    /// The pasted line holding the place (cut around it when long).
    pub line: String,
    /// Spaces and a caret under the place.
    pub caret: String,
    /// How to fix a common mistake, when one is known.
    pub hint: Option<String>,
    /// What taking what parsed would fill, and how many problems it would drop; only when that
    /// drops something (a syntax error leaves nothing to take).
    pub partial: Option<(Filled, usize)>,
}

/// Parses `input` strictly as the given AWS CLI version reads it; when that fails, also
/// leniently, to offer what parsed.
// One `Failed` per paste, moved once to the worker's answer: boxing it would buy nothing.
#[allow(clippy::result_large_err)]
pub fn fill(
    input: &str,
    current: Option<&'static Operation>,
    cli: AwsCli,
) -> Result<Filled, Failed> {
    match parse_for(input, current, cli) {
        Ok(pasted) => Ok(filled(&pasted)),
        Err(error) => {
            let (line, caret) = error.caret();
            let partial = parse_taking_what_parsed_for(input, current, cli)
                .ok()
                .filter(|p| !p.dropped.is_empty())
                .map(|p| (filled(&p), p.dropped.len()));
            Err(Failed { message: error.message, line, caret, hint: error.hint, partial })
        }
    }
}

fn filled(pasted: &Pasted) -> Filled {
    let mut note = format!("Filled {} from the paste", pasted.op.name);
    for extra in &pasted.notes {
        note.push_str("; ");
        note.push_str(extra);
    }
    if !pasted.ignored.is_empty() {
        note.push_str("; ignored ");
        note.push_str(&pasted.ignored.join(", "));
    }
    if !pasted.dropped.is_empty() {
        let dropped: Vec<&str> = pasted.dropped.iter().map(|e| e.message.as_str()).collect();
        note.push_str("; dropped: ");
        note.push_str(&dropped.join("; "));
    }
    note.push('.');
    Filled {
        hash: route::permalink(pasted.op, &pasted.form),
        note,
        secrets: route::secrets_query(pasted.op, &pasted.form),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::catalog;

    fn dms() -> &'static Operation {
        catalog::find("aws/dms/StartReplicationTask").expect("the DMS model is in models/")
    }

    #[test]
    fn a_command_fills_its_operation_and_notes_the_ignored_options() {
        let filled = fill(
            "aws dms start-replication-task --replication-task-arn arn:x --profile prod",
            None,
            AwsCli::V2,
        )
        .expect("parses");
        assert!(filled.hash.starts_with("#/aws/dms/StartReplicationTask?"), "{}", filled.hash);
        assert!(filled.hash.contains("ReplicationTaskArn=arn%3Ax"), "{}", filled.hash);
        assert_eq!(
            filled.note,
            "Filled StartReplicationTask from the paste; ignored --profile prod."
        );
    }

    #[test]
    fn a_bad_option_fails_with_a_caret_and_offers_what_parsed() {
        let text = "aws dms start-replication-task --replication-task-arn arn:x --bogus y";
        let failed = fill(text, None, AwsCli::V2).expect_err("--bogus is no option");
        assert!(failed.message.contains("--bogus is not an option"), "{}", failed.message);
        assert_eq!(failed.line, text);
        assert_eq!(
            failed.caret,
            format!("{}^", " ".repeat(text.find("--bogus").expect("in the text")))
        );
        let (partial, dropped) = failed.partial.expect("the good options parsed");
        assert_eq!(dropped, 1);
        assert!(partial.hash.contains("ReplicationTaskArn=arn%3Ax"), "{}", partial.hash);
        assert!(
            partial.note.starts_with(
                "Filled StartReplicationTask from the paste; dropped: --bogus is not an option"
            ),
            "{}",
            partial.note
        );
    }

    #[test]
    fn a_syntax_error_offers_nothing_to_take() {
        let failed = fill(
            "aws dms start-replication-task --replication-task-arn 'open",
            Some(dms()),
            AwsCli::V2,
        )
        .expect_err("unclosed quote");
        assert_eq!(failed.partial, None);
    }
}
