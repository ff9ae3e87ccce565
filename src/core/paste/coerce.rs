//! The second pass: checks an untyped tree against the model and writes it into form state.
//!
//! Like aws-cli's back-compat visitor, it accepts text where the model wants a number or a
//! boolean (shorthand is all text), and it refuses what the CLI would refuse: unknown keys,
//! JSON numbers for text, objects where a value belongs. Errors name the field path.

use crate::core::json::Node;
use crate::core::model::{Kind, Member};
use crate::core::request::form::{entry_key, entry_value, item, join, FormState, MAX_LIST_ITEMS};

/// Writes `node` for a member of `kind` at `path`; the error names the path and the problem.
pub fn coerce(kind: &Kind, node: &Node, path: &str, form: &mut FormState) -> Result<(), String> {
    match (kind, node) {
        (_, Node::Null) => Ok(()),
        (Kind::Document, node) => {
            form.set(path, &document_text(node));
            Ok(())
        }
        (Kind::Structure(shape), Node::Map(pairs)) => structure(shape.members(), pairs, path, form),
        (Kind::List { .. }, Node::List(items)) if items.len() > MAX_LIST_ITEMS => Err(format!(
            "{path} has {} items; the page takes at most {MAX_LIST_ITEMS}",
            items.len()
        )),
        (Kind::List { item: item_member, .. }, Node::List(items)) => {
            form.set_list_len(path, Some(items.len()));
            for (index, node) in items.iter().enumerate() {
                coerce(item_member.kind, node, &item(path, index), form)?;
            }
            Ok(())
        }
        // A single value where a list belongs is a list of one, as the AWS CLI takes it.
        (Kind::List { .. }, single) => coerce(kind, &Node::List(vec![single.clone()]), path, form),
        (Kind::Map { .. }, Node::Map(pairs)) if pairs.len() > MAX_LIST_ITEMS => Err(format!(
            "{path} has {} entries; the page takes at most {MAX_LIST_ITEMS}",
            pairs.len()
        )),
        (Kind::Map { value, .. }, Node::Map(pairs)) => {
            form.set_list_len(path, Some(pairs.len()));
            for (index, (key, node)) in pairs.iter().enumerate() {
                let entry = item(path, index);
                form.set(&entry_key(&entry), key);
                coerce(value.kind, node, &entry_value(&entry), form)?;
            }
            Ok(())
        }
        (Kind::Map { .. }, _) => {
            Err(format!("{path} takes key/value pairs (Key=value,… or a JSON object)"))
        }
        (Kind::Structure(_), _) => {
            Err(format!("{path} takes a structure (Key=value,… or a JSON object)"))
        }
        (_, Node::Map(_) | Node::List(_)) => {
            Err(format!("{path} takes a single value, not a structure or list"))
        }
        (Kind::String(_) | Kind::Enum { .. } | Kind::Blob { .. }, Node::Str(text)) => {
            // `Value=` and `""` are an empty text, which the CLI sends.
            form.set_keeping_empty(path, text);
            Ok(())
        }
        (Kind::String(_) | Kind::Enum { .. } | Kind::Blob { .. }, _) => {
            Err(format!("{path} takes text; put the value in quotes"))
        }
        (Kind::Timestamp { .. }, Node::Str(text) | Node::Num(text)) => {
            form.set(path, text);
            Ok(())
        }
        (Kind::Integer(_) | Kind::Long(_), Node::Str(text) | Node::Num(text)) => {
            if text.parse::<i64>().is_err() {
                return Err(format!("{path} takes a whole number, not \"{text}\""));
            }
            form.set(path, text);
            Ok(())
        }
        (Kind::Float(_), Node::Str(text) | Node::Num(text)) => {
            if crate::core::request::build::parse_float(text).is_none() {
                return Err(format!("{path} takes a number, not \"{text}\""));
            }
            form.set(path, text);
            Ok(())
        }
        (Kind::Boolean, Node::Bool(b)) => {
            form.set(path, if *b { "true" } else { "false" });
            Ok(())
        }
        // The CLI's shorthand reads a boolean in any letter case (`StreamEnabled=TRUE`,
        // awscli/shorthand.py's BackCompatVisitor).
        (Kind::Boolean, Node::Str(text))
            if text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false") =>
        {
            form.set(path, if text.eq_ignore_ascii_case("true") { "true" } else { "false" });
            Ok(())
        }
        (Kind::Boolean, _) => Err(format!("{path} takes true or false")),
        (Kind::Timestamp { .. }, Node::Bool(_)) => Err(format!("{path} takes a timestamp")),
        (Kind::Integer(_) | Kind::Long(_) | Kind::Float(_), Node::Bool(_)) => {
            Err(format!("{path} takes a number"))
        }
    }
}

/// A document node back as compact JSON text, keys in their order.
fn document_text(node: &Node) -> String {
    crate::core::request::value::to_compact_json(
        crate::core::request::value::Value::Document(node.clone()).cli_json(),
    )
}

/// Writes the members of a structure given as key/value pairs.
pub fn structure(
    members: &[Member],
    pairs: &[(String, Node)],
    path: &str,
    form: &mut FormState,
) -> Result<(), String> {
    for (key, node) in pairs {
        let Some(member) = members.iter().find(|m| m.name == key) else {
            let valid: Vec<&str> = members.iter().map(|m| m.name).collect();
            let place = if path.is_empty() { String::new() } else { format!(" in {path}") };
            return Err(format!(
                "unknown parameter \"{key}\"{place}; it takes {}",
                valid.join(", ")
            ));
        };
        coerce(member.kind, node, &join(path, member.name), form)?;
    }
    Ok(())
}
