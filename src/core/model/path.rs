//! Field paths: the one place where a control name such as `Includes[0].Value` or
//! `Tags[2].value.Name` is turned into typed segments and back, and resolved against a model.
//!
//! A path names a member by name (`A.B`), a list item or map entry by index (`A[0]`), and the
//! key or value of a map entry (`A[0].key`, `A[0].value`). The text form is the UI contract's
//! control name, the permalink key and the form state key; everything else uses [`FieldPath`].

use crate::core::model::{Kind, Member, Structure};
use std::fmt;

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A structure member by name.
    Member(String),
    /// A list item or map entry, from 0.
    Index(usize),
    /// The key of the map entry just indexed.
    Key,
    /// The value of the map entry just indexed.
    Value,
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
    /// `key` and `value` right after an index are a map entry's parts.
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
            let after_index = matches!(segments.last(), Some(Segment::Index(_)));
            segments.push(match name {
                "key" if after_index => Segment::Key,
                "value" if after_index => Segment::Value,
                _ => Segment::Member(name.to_string()),
            });
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
                (Segment::Key, At::Entry(key, _)) => key,
                (Segment::Value, At::Entry(_, value)) => value,
                _ => return None,
            };
            found = Some(member);
            at = At::Kind(member.kind);
        }
        found
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
                Segment::Key => f.write_str(".key")?,
                Segment::Value => f.write_str(".value")?,
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
    fn key_and_value_are_map_parts_only_after_an_index() {
        let path = FieldPath::parse("Tags[0].key").unwrap();
        assert_eq!(path.0[2], Segment::Key);
        let path = FieldPath::parse("Filter.key").unwrap();
        assert_eq!(path.0[1], Segment::Member("key".into()));
    }

    #[test]
    fn malformed_paths_are_refused() {
        for text in ["", ".A", "A.", "A..B", "[0]", "A[x]", "A[0", "A[-1]", "A[+1]"] {
            assert!(FieldPath::parse(text).is_none(), "{text}");
        }
    }
}
