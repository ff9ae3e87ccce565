//! Field paths: the one place where a control name such as `Includes[0].Value` or
//! `Tags[2].value.Name` is turned into typed segments and back, and resolved against a model.
//!
//! A path names a member by name (`A.B`), a list item or map entry by index (`A[0]`), and the
//! key or value of a map entry (`A[0].key`, `A[0].value`). The text form is the UI contract's
//! control name, the permalink key and the form state key; everything else uses [`FieldPath`].
//!
//! `key` and `value` are also member names (ecs's `Tag` is `{key, value}`, apigateway's
//! `PatchOperation` has a `value`), so `Tags[0].key` is a map entry's key only when `Tags` is a
//! map. The text alone cannot tell; the model can, and always does: an index into a list leads
//! to an item, which has members, and an index into a map leads to an entry, which has only a
//! key and a value. So parsing reads every name as a member name, and [`FieldPath::resolve`]
//! reads `key` and `value` after a map's index as the entry's parts.

use crate::core::model::{Kind, Member, Structure};
use std::fmt;

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A structure member by name.
    Member(String),
    /// A list item or map entry, from 0. After a map's index, the member names `key` and
    /// `value` name the entry's parts.
    Index(usize),
}

/// A typed field path.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// The empty path: the request itself.
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// Parses the text form; `None` when it is not a path (`a..b`, `a[x]`, `[0]`).
    /// Every name is a member name here: only the model tells a map entry's `key` from a
    /// member named `key` (see [`FieldPath::resolve`]).
    pub fn parse(text: &str) -> Option<FieldPath> {
        let mut segments = Vec::new();
        let mut rest = text;
        let mut first = true;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                let end = after.find(']')?;
                let index = after[..end].parse::<usize>().ok()?;
                if first || !after[..end].bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                segments.push(Segment::Index(index));
                rest = &after[end + 1..];
                continue;
            }
            let name_part = if first { rest } else { rest.strip_prefix('.')? };
            let end = name_part.find(['.', '[']).unwrap_or(name_part.len());
            let name = &name_part[..end];
            if name.is_empty() {
                return None;
            }
            segments.push(Segment::Member(name.to_string()));
            rest = &name_part[end..];
            first = false;
        }
        (!segments.is_empty()).then_some(FieldPath(segments))
    }

    /// This path with one more member name.
    pub fn member(&self, name: &str) -> FieldPath {
        self.with(Segment::Member(name.to_string()))
    }

    /// This path with one more index.
    pub fn index(&self, index: usize) -> FieldPath {
        self.with(Segment::Index(index))
    }

    /// This path with one more segment.
    pub fn with(&self, segment: Segment) -> FieldPath {
        let mut segments = self.0.clone();
        segments.push(segment);
        FieldPath(segments)
    }

    /// The member the path ends at, walking the kinds from `input`. A path that ends on a map
    /// entry (`Tags[0]`) names no member.
    pub fn resolve(&self, input: &'static Structure) -> Option<&'static Member> {
        self.walk(input, |_| ())?
    }

    /// Whether a member on the path is sensitive (a secret, or a container of secrets).
    /// A path that leads nowhere is not.
    pub fn is_sensitive(&self, input: &'static Structure) -> bool {
        let mut sensitive = false;
        let _ = self.walk(input, |member| sensitive |= member.sensitive);
        sensitive
    }

    /// Walks the kinds from `input`, showing `visit` each member on the way; `None` when the
    /// path leads nowhere, else the member it ends at (none for a map entry).
    fn walk(
        &self,
        input: &'static Structure,
        mut visit: impl FnMut(&'static Member),
    ) -> Option<Option<&'static Member>> {
        #[derive(Clone, Copy)]
        enum At {
            Struct(&'static Structure),
            Kind(&'static Kind),
            Entry(&'static Member, &'static Member),
        }
        let mut at = At::Struct(input);
        let mut found = None;
        for segment in &self.0 {
            let member: &'static Member = match (segment, at) {
                (Segment::Member(name), At::Struct(shape)) => shape.member(name)?,
                (Segment::Member(name), At::Kind(Kind::Structure(shape))) => shape.member(name)?,
                (Segment::Index(_), At::Kind(Kind::List { item, .. })) => item,
                (Segment::Index(_), At::Kind(Kind::Map { key, value, .. })) => {
                    at = At::Entry(key, value);
                    found = None;
                    continue;
                }
                (Segment::Member(name), At::Entry(key, _)) if name == "key" => key,
                (Segment::Member(name), At::Entry(_, value)) if name == "value" => value,
                _ => return None,
            };
            visit(member);
            found = Some(member);
            at = At::Kind(member.kind);
        }
        Some(found)
    }

    /// The top-level member name, if the path starts with one.
    pub fn top(&self) -> Option<&str> {
        match self.0.first() {
            Some(Segment::Member(name)) => Some(name),
            _ => None,
        }
    }

    /// The last member name on the path (for messages: `Atime` of `OverrideOptions.Atime`).
    pub fn leaf_name(&self) -> &str {
        self.0
            .iter()
            .rev()
            .find_map(|s| match s {
                Segment::Member(name) => Some(name.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Member(name) if i == 0 => f.write_str(name)?,
                Segment::Member(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// `key` is `prefix` itself or a path inside it (`prefix.X` or `prefix[N]`).
pub fn is_under(key: &str, prefix: &str) -> bool {
    key.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// `parent.child`, or `child` at the top level.
pub fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

/// `list[index]`.
pub fn item(list: &str, index: usize) -> String {
    format!("{list}[{index}]")
}

/// The key of a map entry: `Tags[0].key`.
pub fn entry_key(entry: &str) -> String {
    join(entry, "key")
}

/// The value of a map entry: `Tags[0].value`.
pub fn entry_value(entry: &str) -> String {
    join(entry, "value")
}

#[cfg(test)]
mod tests {
    use super::{FieldPath, Segment};

    #[test]
    fn parse_is_the_inverse_of_display() {
        for text in [
            "A",
            "A.B",
            "Includes[0].Value",
            "Tags[2].key",
            "Tags[2].value.Name",
            "M[0].value[3]",
            "A[1][2]",
        ] {
            let path = FieldPath::parse(text).unwrap_or_else(|| panic!("{text} parses"));
            assert_eq!(path.to_string(), text);
        }
    }

    #[test]
    fn key_and_value_are_names_until_the_model_says_map() {
        let path = FieldPath::parse("Tags[0].key").unwrap();
        assert_eq!(path.0[2], Segment::Member("key".into()));
        let path = FieldPath::parse("Filter.key").unwrap();
        assert_eq!(path.0[1], Segment::Member("key".into()));
    }

    /// Regression (issue 26): a list of structures whose members are `key` and `value` (ecs's
    /// Tag) resolved to nothing, as if `Tags[0]` were a map entry; a map's entry still
    /// resolves to its key and value members.
    #[test]
    fn members_named_key_and_value_resolve_and_so_do_map_entries() {
        use crate::core::model::catalog;
        let ecs = catalog::find("aws/ecs/TagResource").expect("the ecs model is in models/");
        let key = ecs.member_at("tags[0].key").expect("ecs Tag has a member key");
        assert_eq!(key.name, "key");
        assert_eq!(ecs.member_at("tags[0].value").map(|m| m.name), Some("value"));
        assert!(ecs.member_at("tags[0].other").is_none());
        let sqs = catalog::find("aws/sqs/SetQueueAttributes").expect("the sqs model is in models/");
        assert!(sqs.member_at("Attributes[0].key").is_some(), "a map entry's key");
        assert!(sqs.member_at("Attributes[0].value").is_some(), "a map entry's value");
        assert!(sqs.member_at("Attributes[0].Name").is_none(), "an entry has no members");
        assert!(sqs.member_at("Attributes[0]").is_none(), "an entry is no member");
    }

    #[test]
    fn malformed_paths_are_refused() {
        for text in ["", ".A", "A.", "A..B", "[0]", "A[x]", "A[0", "A[-1]", "A[+1]"] {
            assert!(FieldPath::parse(text).is_none(), "{text}");
        }
    }
}
