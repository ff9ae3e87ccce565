//! YAML text for a JSON tree ([`Node`]), as AWS CLI v2's `--cli-input-yaml` reads it back
//! (ruamel.yaml's safe loader, YAML 1.2): block mappings and sequences, every string
//! double-quoted, numbers and booleans as JSON writes them.
//!
//! Why every string is quoted: a plain scalar is typed by its spelling (`true`, `1_000`,
//! `2026-03-08`, `null` and `~` would come back as other types), and a double-quoted one is
//! always a string. Inside the quotes JSON's escapes are YAML's too; the characters YAML may
//! not carry raw (C0 and C1 controls, DEL, the byte-order mark) or reads as a line break inside
//! a flow scalar (NEL, U+2028, U+2029, which a loader folds into a space) are written as
//! `\uXXXX`. A number keeps its JSON text, which both readers type alike (`1`, `1.5`,
//! `1e+16`). Member names are plain when they are plain words (`ReplicationTaskArn:`).
//!
//! `read` is the way back, for the paste box: what this writes reads back as the same tree.

pub mod read;

use crate::core::json::Node;
use std::fmt::Write as _;

/// The YAML document for a tree: a block mapping at the top (`{}` when empty).
pub fn document(node: &Node) -> String {
    let mut out = String::new();
    match node {
        Node::Map(pairs) if !pairs.is_empty() => mapping(pairs, 0, &mut out),
        Node::List(items) if !items.is_empty() => sequence(items, 0, &mut out),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

/// A value that fits on its key's line: a scalar or an empty collection.
fn inline(node: &Node) -> String {
    match node {
        Node::Str(s) => quoted(s),
        Node::Num(n) => n.clone(),
        Node::Bool(b) => b.to_string(),
        Node::Null => "null".into(),
        Node::List(_) => "[]".into(),
        Node::Map(_) => "{}".into(),
    }
}

fn mapping(pairs: &[(String, Node)], indent: usize, out: &mut String) {
    for (key, value) in pairs {
        out.push_str(&" ".repeat(indent));
        entry(key, value, indent, out);
    }
}

/// `key: value`, the key already indented (or after a sequence's `- `).
fn entry(key: &str, value: &Node, indent: usize, out: &mut String) {
    out.push_str(&key_text(key));
    out.push(':');
    match value {
        Node::Map(pairs) if !pairs.is_empty() => {
            out.push('\n');
            mapping(pairs, indent + 2, out);
        }
        Node::List(items) if !items.is_empty() => {
            out.push('\n');
            sequence(items, indent + 2, out);
        }
        scalar => {
            out.push(' ');
            out.push_str(&inline(scalar));
            out.push('\n');
        }
    }
}

fn sequence(items: &[Node], indent: usize, out: &mut String) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        match item {
            // The first entry on the dash's line, the others under it.
            Node::Map(pairs) if !pairs.is_empty() => {
                out.push_str("- ");
                let (first, rest) = pairs.split_first().expect("not empty");
                entry(&first.0, &first.1, indent + 2, out);
                mapping(rest, indent + 2, out);
            }
            Node::List(inner) if !inner.is_empty() => {
                out.push_str("-\n");
                sequence(inner, indent + 2, out);
            }
            scalar => {
                out.push_str("- ");
                out.push_str(&inline(scalar));
                out.push('\n');
            }
        }
    }
}

/// A key: plain when it is a word that no YAML loader types (`Key`, `DBInstanceIdentifier`),
/// else quoted.
fn key_text(key: &str) -> String {
    let word = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let typed = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(key));
    if word && !typed {
        key.to_string()
    } else {
        quoted(key)
    }
}

/// A double-quoted scalar.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::parse_json;

    fn yaml(json: &str) -> String {
        document(&parse_json(json).unwrap())
    }

    #[test]
    fn documents_are_written_as_block_yaml() {
        let cases: &[(&str, &str)] = &[
            ("{}", "{}\n"),
            (
                r#"{"ReplicationTaskArn":"arn:aws:dms:us-east-1:1:task:T","StartReplicationTaskType":"start-replication"}"#,
                "ReplicationTaskArn: \"arn:aws:dms:us-east-1:1:task:T\"\nStartReplicationTaskType: \"start-replication\"\n",
            ),
            (
                r#"{"Tags":[{"Key":"a","Value":"b"},{"Key":"c"}],"Count":3,"Ratio":1.5,"On":true}"#,
                "Tags:\n  - Key: \"a\"\n    Value: \"b\"\n  - Key: \"c\"\nCount: 3\nRatio: 1.5\n\"On\": true\n",
            ),
            (
                r#"{"A":{"B":{"C":[]}},"D":{},"E":[["x","y"],[]],"F":[1,2]}"#,
                "A:\n  B:\n    C: []\nD: {}\nE:\n  -\n    - \"x\"\n    - \"y\"\n  - []\nF:\n  - 1\n  - 2\n",
            ),
            (
                r#"{"Map":{"a b":"1","true":"yes","":"~","2026-03-08":"null"}}"#,
                "Map:\n  \"a b\": \"1\"\n  \"true\": \"yes\"\n  \"\": \"~\"\n  \"2026-03-08\": \"null\"\n",
            ),
            (r#"{"Big":1e+16,"Small":1.5e-07,"Neg":-2}"#, "Big: 1e+16\nSmall: 1.5e-07\nNeg: -2\n"),
        ];
        for (json, expected) in cases {
            assert_eq!(yaml(json), *expected, "{json}");
        }
    }

    #[test]
    fn strings_are_quoted_with_escapes_yaml_reads_back() {
        let cases: &[(&str, &str)] = &[
            ("plain", "\"plain\""),
            ("say \"hi\" \\ there", "\"say \\\"hi\\\" \\\\ there\""),
            ("line\nbreak\ttab\rcr", "\"line\\nbreak\\ttab\\rcr\""),
            ("\u{0}\u{1b}\u{7f}\u{85}\u{9f}", "\"\\u0000\\u001B\\u007F\\u0085\\u009F\""),
            ("a\u{2028}b\u{2029}c\u{feff}", "\"a\\u2028b\\u2029c\\uFEFF\""),
            ("ünï 日本 🚀 #not: a comment", "\"ünï 日本 🚀 #not: a comment\""),
            ("", "\"\""),
        ];
        for (text, expected) in cases {
            assert_eq!(quoted(text), *expected, "{text:?}");
        }
    }
}
