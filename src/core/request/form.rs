//! Raw form state: the strings exactly as typed, keyed by field path, plus list lengths.
//!
//! Nothing here can fail and nothing here interprets a value; `request::build` turns a `FormState`
//! into a typed request and a report. A list path maps to its item count: absent means the list
//! is not set, zero means an explicitly empty list (which awsQuery and the CLI can both send).
//! Likewise a value path that is absent is not set, and one holding "" is an explicitly empty
//! text (`Value=` in shorthand, `""` in JSON), which the CLI sends; a control cleared in the page
//! unsets its value instead, as an empty box always has.

// The path spellings live with the model's paths; forms key their values by them.
pub use crate::core::model::path::{entry_key, entry_value, is_under, item, join};
use crate::core::model::AwsCli;

/// The most items a list may have in the form: no model here allows more than 50, and a link
/// or a paste must not make the page build millions of rows.
pub const MAX_LIST_ITEMS: usize = 1000;

/// Everything the user has typed into one operation's form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormState {
    /// The region control.
    pub region: String,
    /// The AWS CLI version the command is written for (AWS operations).
    pub awscli: AwsCli,
    values: PathMap<String>,
    lists: PathMap<usize>,
    /// The top-level secrets that commands read from an environment variable
    /// (`Operation::env_name`) instead of carrying their value, in the order chosen.
    pub env: Vec<String>,
}

impl FormState {
    /// An empty form for a region.
    pub fn new(region: &str) -> Self {
        FormState { region: region.to_string(), ..Default::default() }
    }

    /// The raw value at a path, or "" when nothing was typed.
    pub fn get(&self, path: &str) -> &str {
        self.values.get(path).map(String::as_str).unwrap_or("")
    }

    /// The raw value at a path when one is set: `Some("")` for an explicitly empty text.
    pub fn value(&self, path: &str) -> Option<&str> {
        self.values.get(path).map(String::as_str)
    }

    /// Sets the raw value at a path; an empty value removes it (what clearing a control means).
    pub fn set(&mut self, path: &str, value: &str) {
        if value.is_empty() {
            self.values.remove(path);
        } else {
            self.values.insert(path.to_string(), value.to_string());
        }
    }

    /// Sets the raw value at a path, keeping an empty value as an explicitly empty text: what a
    /// pasted `Value=` or `""`, or a link carrying one, asks the request to send.
    pub fn set_keeping_empty(&mut self, path: &str, value: &str) {
        self.values.insert(path.to_string(), value.to_string());
    }

    /// Whether commands read top-level member `name` from an environment variable.
    pub fn reads_env(&self, name: &str) -> bool {
        self.env.iter().any(|n| n == name)
    }

    /// Turns reading member `name` from an environment variable on or off.
    pub fn toggle_env(&mut self, name: &str) {
        if self.reads_env(name) {
            self.env.retain(|n| n != name);
        } else {
            self.env.push(name.to_string());
        }
    }

    /// Builder form of [`FormState::set`], for tests and fixtures.
    pub fn with(mut self, path: &str, value: &str) -> Self {
        self.set(path, value);
        self
    }

    /// Builder form of [`FormState::set_list_len`].
    pub fn with_list(mut self, path: &str, len: usize) -> Self {
        self.set_list_len(path, Some(len));
        self
    }

    /// Every (path, raw value) pair, in path order.
    pub fn values(&self) -> impl Iterator<Item = (&str, &str)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Every (list path, length) pair, in path order.
    pub fn lists(&self) -> impl Iterator<Item = (&str, usize)> {
        self.lists.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// The number of items of the list at a path; `None` when the list is not set.
    pub fn list_len(&self, path: &str) -> Option<usize> {
        self.lists.get(path).copied()
    }

    /// Sets or unsets a list's length without touching item values.
    pub fn set_list_len(&mut self, path: &str, len: Option<usize>) {
        match len {
            Some(len) => self.lists.insert(path.to_string(), len),
            None => self.lists.remove(path),
        };
    }

    /// Appends an empty item to a list (creating the list) and returns the new item's index.
    pub fn add_item(&mut self, path: &str) -> usize {
        let len = self.list_len(path).unwrap_or(0);
        self.lists.insert(path.to_string(), len + 1);
        len
    }

    /// Removes the unset list and everything under it.
    pub fn unset_list(&mut self, path: &str) {
        let len = self.list_len(path).unwrap_or(0);
        for index in (0..len).rev() {
            self.remove_item(path, index);
        }
        self.lists.remove(path);
    }

    /// Removes item `index` of a list; later items move up one place, keeping their values.
    pub fn remove_item(&mut self, path: &str, index: usize) {
        let Some(len) = self.list_len(path) else { return };
        if index >= len {
            return;
        }
        let item_prefix = |i: usize| format!("{path}[{i}]");
        self.clear_under(&item_prefix(index));
        for i in index + 1..len {
            let (from, to) = (item_prefix(i), item_prefix(i - 1));
            self.values.rekey(&from, &to);
            self.lists.rekey(&from, &to);
        }
        self.lists.insert(path.to_string(), len - 1);
    }

    /// Removes every value and list at or under a path.
    pub fn clear_under(&mut self, path: &str) {
        self.values.retain(|k| !is_under(k, path));
        self.lists.retain(|k| !is_under(k, path));
    }

    /// Moves every value and list at or under `from` to the same place under `to`, replacing
    /// what was there.
    pub fn move_under(&mut self, from: &str, to: &str) {
        self.clear_under(to);
        self.values.rekey(from, to);
        self.lists.rekey(from, to);
    }

    /// Whether anything at or under a path has been typed or added.
    pub fn has_any_under(&self, path: &str) -> bool {
        self.values.keys().any(|k| is_under(k, path))
            || self.lists.keys().any(|k| is_under(k, path))
    }
}

/// A map from field paths to values, kept as a vector sorted by path (the order a `BTreeMap`
/// would iterate in). Forms hold tens of entries; a sorted vector does everything a form needs
/// without a B-tree's code in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PathMap<V>(Vec<(String, V)>);

impl<V> Default for PathMap<V> {
    fn default() -> Self {
        PathMap(Vec::new())
    }
}

impl<V> PathMap<V> {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    fn insert(&mut self, key: String, value: V) {
        match self.find(&key) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    fn remove(&mut self, key: &str) {
        if let Ok(i) = self.find(key) {
            self.0.remove(i);
        }
    }

    fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.0.retain(|(k, _)| keep(k));
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Renames every key under `from` to sit under `to` (re-inserted: the order may change).
    fn rekey(&mut self, from: &str, to: &str) {
        for (key, value) in std::mem::take(&mut self.0) {
            let key = match key.strip_prefix(from) {
                Some(rest) if is_under(&key, from) => format!("{to}{rest}"),
                _ => key,
            };
            self.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FormState;

    #[test]
    fn removing_an_item_moves_later_items_up_and_keeps_their_values() {
        let mut form = FormState::new("us-east-1")
            .with_list("Tags", 3)
            .with("Tags[0].Key", "a")
            .with("Tags[1].Key", "b")
            .with("Tags[2].Key", "c")
            .with("Tags[2].Value", "cv");
        form.remove_item("Tags", 1);
        assert_eq!(form.list_len("Tags"), Some(2));
        assert_eq!(form.get("Tags[0].Key"), "a");
        assert_eq!(form.get("Tags[1].Key"), "c");
        assert_eq!(form.get("Tags[1].Value"), "cv");
        assert_eq!(form.get("Tags[2].Key"), "");
    }

    /// Removing an item renames `L[10]` to `L[9]`, which sorts elsewhere: lookups and the
    /// path order (the order the request is built in) must still hold afterwards.
    #[test]
    fn removing_an_item_of_a_long_list_keeps_lookups_and_path_order() {
        let mut form = FormState::new("us-east-1").with_list("L", 12);
        for i in 0..12 {
            form.set(&format!("L[{i}]"), &format!("v{i}"));
        }
        form.remove_item("L", 0);
        for i in 0..11 {
            assert_eq!(form.get(&format!("L[{i}]")), format!("v{}", i + 1));
        }
        let paths: Vec<&str> = form.values().map(|(p, _)| p).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert_eq!(paths.len(), 11);
    }

    #[test]
    fn removing_the_last_item_leaves_an_empty_list_not_an_unset_one() {
        let mut form =
            FormState::new("us-east-1").with_list("Includes", 1).with("Includes[0].Value", "/a");
        form.remove_item("Includes", 0);
        assert_eq!(form.list_len("Includes"), Some(0));
        form.unset_list("Includes");
        assert_eq!(form.list_len("Includes"), None);
    }

    #[test]
    fn a_path_prefix_is_not_a_parent() {
        assert!(super::is_under("Tags[1].Key", "Tags[1]"));
        assert!(!super::is_under("Tags[10].Key", "Tags[1]"));
        assert!(!super::is_under("TagsX", "Tags"));
    }
}
