//! The field filter of a big form: which fields show for what the user typed into "Find a
//! field" and the "Required only" choice. A field shows when every word of the query occurs in
//! its path, label or help (`subnet id` finds `SubnetId`); a structure or list shows when it
//! matches itself (then with all it holds) or holds a field that shows. The page's later module
//! walks the form's elements (`web::form_aids`); the decisions are made here.

/// A filter, from the query as typed and the "Required only" choice.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldFilter {
    words: Vec<String>,
    required_only: bool,
}

/// What the filter reads of one field or group: its path, label and help, and whether the
/// model requires it.
#[derive(Clone, Copy, Debug)]
pub struct FieldText<'a> {
    /// The member path (`NetworkInterfaces[0].SubnetId`), or "" for a group without one.
    pub path: &'a str,
    /// The label or legend as shown.
    pub label: &'a str,
    /// The help line.
    pub help: &'a str,
    /// Whether the structure holding it requires it.
    pub required: bool,
}

impl FieldFilter {
    /// The filter for `query` (case and spacing do not matter).
    pub fn new(query: &str, required_only: bool) -> Self {
        let words = query.split_whitespace().map(str::to_lowercase).collect();
        FieldFilter { words, required_only }
    }

    /// Whether it lets everything through (then the form shows as it was).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && !self.required_only
    }

    /// Whether the query has words (not only "Required only").
    pub fn has_words(&self) -> bool {
        !self.words.is_empty()
    }

    /// Whether `field` matches by itself.
    pub fn shows(&self, field: FieldText) -> bool {
        if self.required_only && !field.required {
            return false;
        }
        let text = format!("{}\n{}\n{}", field.path, field.label, field.help).to_lowercase();
        self.words.iter().all(|word| text.contains(word.as_str()))
    }

    /// The status line under the filter: how many fields show of how many there are, and what
    /// it cannot see.
    pub fn status(&self, shown: usize, total: usize, folded: usize) -> String {
        if self.is_empty() {
            return String::new();
        }
        let mut status = match shown {
            0 => format!("No field of {total} matches."),
            _ => format!("Showing {shown} of {total} fields."),
        };
        if folded > 0 && self.has_words() {
            status.push_str(&format!(
                " {folded} folded structure(s) are matched by their names only: open one to search \
                 inside it."
            ));
        }
        status
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field<'a>(path: &'a str, help: &'a str, required: bool) -> FieldText<'a> {
        FieldText { path, label: path, help, required }
    }

    #[test]
    fn every_word_must_occur_in_the_path_label_or_help() {
        // (query, required only, path, help, required, shown)
        let cases = [
            ("subnet id", false, "SubnetId", "The subnet.", false, true),
            ("SUBNET", false, "NetworkInterfaces[0].SubnetId", "", false, true),
            ("subnet vpc", false, "SubnetId", "The ID of the subnet.", false, false),
            (
                "launches",
                false,
                "MinCount",
                "The minimum number of instances to launch.",
                false,
                false,
            ),
            (
                "launch",
                false,
                "MinCount",
                "The minimum number of instances to launch.",
                false,
                true,
            ),
            ("", true, "MinCount", "", true, true),
            ("", true, "UserData", "", false, false),
            ("user", true, "UserData", "", false, false),
            ("  ", false, "UserData", "", false, true),
        ];
        for (query, required_only, path, help, required, shown) in cases {
            let filter = FieldFilter::new(query, required_only);
            assert_eq!(filter.shows(field(path, help, required)), shown, "{query:?} on {path}");
        }
    }

    #[test]
    fn an_empty_filter_says_nothing_and_shows_everything() {
        let filter = FieldFilter::new(" ", false);
        assert!(filter.is_empty());
        assert_eq!(filter.status(3, 3, 2), "");
        assert!(!FieldFilter::new("", true).is_empty());
    }

    #[test]
    fn the_status_counts_what_shows_and_names_the_folded_structures() {
        let filter = FieldFilter::new("tag", false);
        assert_eq!(filter.status(0, 80, 0), "No field of 80 matches.");
        assert_eq!(
            filter.status(4, 80, 2),
            "Showing 4 of 80 fields. 2 folded structure(s) are matched by their names only: open \
             one to search inside it."
        );
        // Required only has no words: folded structures do not matter to it.
        assert_eq!(FieldFilter::new("", true).status(5, 80, 2), "Showing 5 of 80 fields.");
    }
}
