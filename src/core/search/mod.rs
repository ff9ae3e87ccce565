//! Searching the operations index: every word of the query must occur in an operation's
//! service id, service name, operation name, CLI name or summary. Results rank the exact name
//! first, then operations of a service the query names whose name holds the other words
//! (`invoke lambda`: lambda's `Invoke`), then those whose names hold every word, then the rest
//! (summary words); within a rank shorter operation names come first when the query has words
//! besides a service's id. Operations of one service are kept together. Also the picker's rows
//! as escaped HTML (the page sets them in one step), and [`Listing`], what the picker shows for
//! each query (the page's worker holds it, so the index is never read on the page's thread).
//! [`fields`] is the other search: the field filter of one operation's form.

pub mod fields;

use crate::core::model::catalog::SHOWCASE;
use crate::core::model::format::IndexService;
use crate::core::model::names::kebab;

/// The picker's state over one index: its entries, the last query with its matches (so that
/// typing on only narrows them) and the last rows shown (so that moving the selection does not
/// search again).
pub struct Listing {
    entries: Vec<Entry>,
    ranking: Ranking,
    last: (String, Vec<usize>),
    shown: Option<ShownRows>,
}

/// The rows last shown: for which query and limit, the entries, the status line.
struct ShownRows {
    query: String,
    limit: usize,
    rows: Vec<usize>,
    status: String,
    total: usize,
}

/// What the picker shows for one query.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The rows ([`rows_html`]).
    pub rows_html: String,
    /// Each shown row's route, in order (what Enter opens).
    pub routes: Vec<String>,
    /// The status line.
    pub status: String,
    /// How many operations match in all (the rows show at most the limit of them).
    pub total: usize,
}

impl Listing {
    /// The listing of an index.
    pub fn new(services: &[IndexService]) -> Listing {
        let entries = entries(services);
        let ranking = Ranking::new(&entries);
        Listing { entries, ranking, last: (String::new(), Vec::new()), shown: None }
    }

    /// Runs a search and builds its rows once, then forgets them: the worker calls this right
    /// after reading the index, so that the engine has compiled the search before the first
    /// keystroke (the first keystrokes were the slowest, 15-40 ms).
    pub fn warm_up(&mut self) {
        for query in ["e", "ec", "ec2 run"] {
            self.show(query, 0, 60);
        }
        self.last = (String::new(), Vec::new());
        self.shown = None;
    }

    /// What the picker shows for `query` with row `active` selected: the showcase when the query
    /// is blank, else the best `limit` matches.
    pub fn show(&mut self, query: &str, active: usize, limit: usize) -> Shown {
        let shown = match self.shown.take() {
            Some(shown) if shown.query == query && shown.limit == limit => self.shown.insert(shown),
            _ => {
                let rows = self.rows_for(query, limit);
                self.shown.insert(rows)
            }
        };
        Shown {
            rows_html: rows_html(&self.entries, &shown.rows, active),
            routes: shown.rows.iter().map(|&i| self.entries[i].route.clone()).collect(),
            status: shown.status.clone(),
            total: shown.total,
        }
    }

    /// The rows and status line for `query`: the showcase when it is blank, else the best
    /// `limit` matches, narrowing the last matches when `query` types on from the last query.
    fn rows_for(&mut self, query: &str, limit: usize) -> ShownRows {
        let entries = &self.entries;
        let (rows, status, total) = if query.trim().is_empty() {
            let showcase: Vec<usize> = (0..entries.len())
                .filter(|&i| SHOWCASE.contains(&entries[i].route.as_str()))
                .collect();
            let total = showcase.len();
            (
                showcase,
                format!(
                    "The showcase operations. Type to search all {} operations.",
                    entries.len()
                ),
                total,
            )
        } else {
            let (previous, last) = &self.last;
            let matches =
                matching(entries, query, refines(previous, query).then_some(last.as_slice()));
            let (best, total) = self.ranking.best(entries, query, &matches, limit);
            self.last = (query.to_string(), matches);
            (best, match_status(total, limit), total)
        };
        ShownRows { query: query.to_string(), limit, rows, status, total }
    }
}

/// One operation of the index, ready to match.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// `aws/dms/StartReplicationTask`.
    pub route: String,
    /// `aws/dms`, to group by.
    pub service_key: String,
    /// The service's full name.
    pub title: String,
    /// The operation name.
    pub name: String,
    /// `aws dms start-replication-task` (or `aliyun smc StartReplicationJob`).
    pub cli: String,
    /// One-line summary.
    pub summary: String,
    /// Everything searchable, lower-cased.
    haystack: String,
    /// Names only, lower-cased, for ranking: the service id, the operation name and the CLI
    /// name, space-separated. Ranking reads only this text (one allocation per entry: ranking
    /// every operation for a one-letter query is bound by memory reads).
    names: String,
    /// The length of the service id at the start of `names`.
    service_len: usize,
}

impl Entry {
    /// The service id, lower-cased (`ec2`, `s3api`).
    fn service(&self) -> &str {
        &self.names[..self.service_len]
    }

    /// The operation name, lower-cased.
    fn name_lower(&self) -> &str {
        &self.names[self.service_len + 1..self.service_len + 1 + self.name.len()]
    }

    /// The CLI name, lower-cased (empty for an operation the CLI does not offer).
    fn cli_lower(&self) -> &str {
        self.names.get(self.service_len + self.name.len() + 2..).unwrap_or("")
    }
}

/// The entries of an index, showcase order kept within each service. (Some 20,000: built with
/// one buffer per text and no formatting machinery, since this is most of the time the picker
/// takes to open.)
pub fn entries(services: &[IndexService]) -> Vec<Entry> {
    let ops: usize = services.iter().map(|s| s.ops.len()).sum();
    let mut out = Vec::with_capacity(ops);
    let joined = |parts: &[&str]| {
        let mut text = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(part);
        }
        text
    };
    // Each text in its own pass, so that the texts a search reads lie one after another in
    // memory (`names` for ranking, `haystack` for matching): a one-letter query reads them all.
    let each_op = || services.iter().flat_map(|s| s.ops.iter().map(move |op| (s, op)));
    let clis: Vec<String> = each_op()
        .map(|(service, (name, cli, _))| match service.cloud {
            crate::core::model::Cloud::Aws if cli == "-" => String::new(),
            crate::core::model::Cloud::Aws if cli.is_empty() => {
                joined(&["aws", &service.service, &kebab(name)])
            }
            crate::core::model::Cloud::Aws => joined(&["aws", &service.service, cli]),
            crate::core::model::Cloud::Aliyun => joined(&["aliyun", &service.service, name]),
        })
        .collect();
    let names: Vec<String> = each_op()
        .zip(&clis)
        .map(|((service, (name, _, _)), cli)| {
            let mut names = joined(&[&service.service, name, cli]);
            names.make_ascii_lowercase();
            names
        })
        .collect();
    let haystacks: Vec<String> = each_op()
        .zip(&names)
        .map(|((service, (_, _, summary)), names)| {
            let mut haystack = joined(&[service.cloud.slug(), &service.title, names, summary]);
            haystack.make_ascii_lowercase();
            haystack
        })
        .collect();
    let mut texts = clis.into_iter().zip(names).zip(haystacks);
    for service in services {
        let service_key = [service.cloud.slug(), "/", &service.service].concat();
        for (name, _, summary) in &service.ops {
            let Some(((cli, names), haystack)) = texts.next() else { break };
            out.push(Entry {
                route: [&service_key, "/", name].concat(),
                service_key: service_key.clone(),
                title: service.title.clone(),
                name: name.clone(),
                cli,
                summary: summary.clone(),
                haystack,
                names,
                service_len: service.service.len(),
            });
        }
    }
    out
}

/// A query, lower-cased once for every entry it is matched against.
struct Query {
    words: Vec<String>,
    joined: String,
    squeezed: String,
}

impl Query {
    fn new(text: &str) -> Query {
        let words: Vec<String> =
            text.to_ascii_lowercase().split_whitespace().map(str::to_string).collect();
        let joined = words.join(" ");
        let squeezed = words.concat();
        Query { words, joined, squeezed }
    }

    fn matches(&self, entry: &Entry) -> bool {
        self.words.iter().all(|w| entry.haystack.contains(w.as_str()))
    }

    /// The best match: the operation's name or the end of its CLI name, exactly, from a word
    /// start (`ec2` is not the end of `aws cloud9 create-environment-ec2`).
    fn exact(&self, entry: &Entry) -> bool {
        entry.name_lower() == self.squeezed
            || entry
                .cli_lower()
                .strip_suffix(self.joined.as_str())
                .is_some_and(|before| before.is_empty() || before.ends_with(' '))
    }

    /// Whether a query word names the entry's service: its id (`ec2`, `lambda`), or its id
    /// without the `api` the CLI adds to some (`s3` for `s3api`).
    fn names_service(word: &str, entry: &Entry) -> bool {
        let service = entry.service();
        service == word || service.strip_suffix("api") == Some(word)
    }

    /// The entry's rank, best first: 0 the exact name; 1 a word names its service and every
    /// other word is in the operation's name; 2 every word is in the names; 3 the rest.
    fn rank(&self, entry: &Entry) -> u8 {
        if self.exact(entry) {
            return 0;
        }
        let mut service_named = false;
        let rest_in_name = self.words.iter().all(|w| {
            let names_it = Self::names_service(w, entry);
            service_named |= names_it;
            names_it || entry.name_lower().contains(w.as_str())
        });
        if service_named && rest_in_name {
            1
        } else if self.words.iter().all(|w| entry.names.contains(w.as_str())) {
            2
        } else {
            3
        }
    }

    /// Whether the query has words besides service ids (then shorter names rank first).
    fn names_more_than_a_service(&self, entry: &Entry) -> bool {
        self.words.iter().any(|w| !Self::names_service(w, entry))
    }
}

/// The best `limit` matches, grouped by service in rank order, and how many match in all:
/// one pass over the entries per keystroke.
pub fn find(entries: &[Entry], query: &str, limit: usize) -> (Vec<Entry>, usize) {
    let matches = matching(entries, query, None);
    let (shown, total) = best(entries, query, &matches, limit);
    (shown.into_iter().map(|i| entries[i].clone()).collect(), total)
}

/// Every entry that matches `query`, by index in entry order. `within`: the matches of a query
/// that this one [`refines`], so only those are looked at (typing on narrows the last result).
pub fn matching(entries: &[Entry], query: &str, within: Option<&[usize]>) -> Vec<usize> {
    let query = Query::new(query);
    match within {
        Some(candidates) => {
            candidates.iter().copied().filter(|&i| query.matches(&entries[i])).collect()
        }
        None => (0..entries.len()).filter(|&i| query.matches(&entries[i])).collect(),
    }
}

/// Whether every match of `query` is a match of `previous`: `query` only adds text to it, so
/// each of its words holds the word it extends, or is new.
pub fn refines(previous: &str, query: &str) -> bool {
    !previous.trim().is_empty()
        && query.to_ascii_lowercase().starts_with(&previous.to_ascii_lowercase())
}

/// Of `matches` (entry indices in entry order), the best `limit` by rank, grouped by service in
/// the order of each service's best match, and how many match in all.
pub fn best(
    entries: &[Entry],
    query: &str,
    matches: &[usize],
    limit: usize,
) -> (Vec<usize>, usize) {
    best_of(entries, &Query::new(query), matches, limit)
}

/// [`best`] for a parsed query.
fn best_of(
    entries: &[Entry],
    query: &Query,
    matches: &[usize],
    limit: usize,
) -> (Vec<usize>, usize) {
    let mut ranked: Vec<(u8, usize, usize)> = matches
        .iter()
        .map(|&i| {
            let entry = &entries[i];
            let length = if query.names_more_than_a_service(entry) { entry.name.len() } else { 0 };
            (query.rank(entry), length, i)
        })
        .collect();
    // Only the best `limit` are shown: select them, then sort those (a one-letter query
    // matches nearly every operation).
    if ranked.len() > limit && limit > 0 {
        ranked.select_nth_unstable(limit - 1);
        ranked.truncate(limit);
    }
    ranked.sort_unstable();
    let found: Vec<usize> = ranked.iter().take(limit).map(|&(_, _, i)| i).collect();
    (group_by_service(entries, &found), matches.len())
}

/// `found` (best first) with each service's matches kept together, services in the order of
/// their best match.
fn group_by_service(entries: &[Entry], found: &[usize]) -> Vec<usize> {
    let mut order: Vec<&str> = Vec::new();
    for &i in found {
        let key = entries[i].service_key.as_str();
        if !order.contains(&key) {
            order.push(key);
        }
    }
    let mut out = Vec::with_capacity(found.len());
    for key in order {
        out.extend(found.iter().copied().filter(|&i| entries[i].service_key == key));
    }
    out
}

/// What [`best`] needs, worked out once per index, to find the best matches of most queries
/// without ranking every match: a one-letter query matches nearly all 46,000 operations, and
/// ranking them all was most of its time (4 ms of 5.5 natively, the picker's slowest
/// keystrokes). `best_fast` gives exactly what `best` gives (a test compares them).
pub struct Ranking {
    /// Entry indices by (operation name length, index): the order in which `best` sorts the
    /// matches of one rank when no query word names a service.
    by_length: Vec<u32>,
    /// Every word that names a service (`Query::names_service`): its id, and its id without
    /// the `api` the CLI adds (`s3` for `s3api`). Sorted.
    service_words: Vec<String>,
}

impl Ranking {
    /// The ranking data of `entries`.
    pub fn new(entries: &[Entry]) -> Ranking {
        let mut by_length: Vec<u32> = (0..entries.len() as u32).collect();
        by_length.sort_by_key(|&i| (entries[i as usize].name.len(), i));
        let mut service_words: Vec<String> = Vec::new();
        let mut last = "";
        for entry in entries {
            let service = entry.service();
            if service != last {
                last = service;
                service_words.push(service.to_string());
                if let Some(stem) = service.strip_suffix("api") {
                    service_words.push(stem.to_string());
                }
            }
        }
        service_words.sort_unstable();
        service_words.dedup();
        Ranking { by_length, service_words }
    }

    /// [`best`], without ranking every match when no query word names a service: then no match
    /// has rank 1, every one sorts by its name's length, and the best are the exact ones, then
    /// the first matches in length order whose names hold every word, then the rest in that
    /// order, found by walking `by_length` only until `limit` are found.
    pub fn best(
        &self,
        entries: &[Entry],
        query: &str,
        matches: &[usize],
        limit: usize,
    ) -> (Vec<usize>, usize) {
        let parsed = Query::new(query);
        let names_a_service =
            parsed.words.iter().any(|w| self.service_words.binary_search(w).is_ok());
        if names_a_service || limit == 0 || parsed.words.is_empty() {
            return best_of(entries, &parsed, matches, limit);
        }
        let mut matched = vec![false; entries.len()];
        let mut exact: Vec<usize> = Vec::new();
        for &i in matches {
            if parsed.exact(&entries[i]) {
                exact.push(i);
            } else {
                matched[i] = true;
            }
        }
        exact.sort_unstable_by_key(|&i| (entries[i].name.len(), i));
        exact.truncate(limit);
        let (mut in_names, mut rest) = (Vec::new(), Vec::new());
        for &i in &self.by_length {
            let i = i as usize;
            if exact.len() + in_names.len() >= limit {
                break;
            }
            if !matched[i] {
                continue;
            }
            if parsed.words.iter().all(|w| entries[i].names.contains(w.as_str())) {
                in_names.push(i);
            } else if rest.len() < limit {
                rest.push(i);
            }
        }
        let found: Vec<usize> = exact.into_iter().chain(in_names).chain(rest).take(limit).collect();
        (group_by_service(entries, &found), matches.len())
    }
}

/// The shown rows as HTML, grouped under their service's name: the browser's parser builds the
/// 60 rows (about 500 nodes) in one call. Built through the view layer they cost most of a
/// keystroke: a call per node and per attribute, and with type-erased views every attribute of a
/// rebuilt row is removed and set again. Every text is escaped; rows are plain links, so no
/// event handler is lost.
pub fn rows_html(entries: &[Entry], shown: &[usize], active: usize) -> String {
    let mut html = String::with_capacity(shown.len() * 320);
    let mut last_service = "";
    for (i, entry) in shown.iter().filter_map(|&n| entries.get(n)).enumerate() {
        // Group headings are visual only: each option names its service in its CLI name.
        if entry.service_key != last_service {
            last_service = &entry.service_key;
            html.push_str(r#"<li class="op-group" role="presentation" aria-hidden="true">"#);
            escape_into(&mut html, &entry.title);
            html.push_str("</li>");
        }
        html.push_str(if i == active {
            r#"<li role="presentation" class="active">"#
        } else {
            r#"<li role="presentation">"#
        });
        html.push_str(r#"<a id="op-"#);
        html.push_str(&i.to_string());
        html.push_str(if i == active {
            r##"" role="option" aria-selected="true" href="#/"##
        } else {
            r##"" role="option" href="#/"##
        });
        escape_into(&mut html, &entry.route);
        html.push_str(r#"" tabindex="-1"><span class="op-name">"#);
        escape_into(&mut html, &entry.name);
        html.push_str(r#"</span> <code class="op-cli">"#);
        escape_into(&mut html, &entry.cli);
        html.push_str(r#"</code><span class="op-summary">"#);
        escape_into(&mut html, &entry.summary);
        html.push_str("</span></a></li>");
    }
    html
}

/// [`showcase_rows_html`] of the blank query, which the page's static copy of the picker shows
/// (the function itself would cost the page's module 1 KB; a test keeps the two the same).
pub const SHOWCASE_ROWS_HTML: &str = r##"<li role="presentation"><a role="option" href="#/aws/dms/StartReplicationTask" tabindex="-1"><span class="op-name">StartReplicationTask</span> <code class="op-cli">aws/dms/StartReplicationTask</code></a></li><li role="presentation"><a role="option" href="#/aws/datasync/StartTaskExecution" tabindex="-1"><span class="op-name">StartTaskExecution</span> <code class="op-cli">aws/datasync/StartTaskExecution</code></a></li><li role="presentation"><a role="option" href="#/aws/elasticache/StartMigration" tabindex="-1"><span class="op-name">StartMigration</span> <code class="op-cli">aws/elasticache/StartMigration</code></a></li><li role="presentation"><a role="option" href="#/aliyun/smc/StartReplicationJob" tabindex="-1"><span class="op-name">StartReplicationJob</span> <code class="op-cli">aliyun/smc/StartReplicationJob</code></a></li>"##;

/// The picker's rows before the index is read (or when it cannot be): the showcase operations
/// whose route holds every word of `query`, as links. What the page can show without the index.
pub fn showcase_rows_html(query: &str) -> String {
    let query = Query::new(query);
    let mut html = String::new();
    for route in SHOWCASE {
        let lower = route.to_ascii_lowercase();
        if !query.words.iter().all(|w| lower.contains(w.as_str())) {
            continue;
        }
        html.push_str(r##"<li role="presentation"><a role="option" href="#/"##);
        escape_into(&mut html, route);
        html.push_str(r#"" tabindex="-1"><span class="op-name">"#);
        escape_into(&mut html, route.rsplit('/').next().unwrap_or(route));
        html.push_str(r#"</span> <code class="op-cli">"#);
        escape_into(&mut html, route);
        html.push_str("</code></a></li>");
    }
    html
}

/// Appends `text` escaped for HTML text and double-quoted attribute values.
fn escape_into(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            c => html.push(c),
        }
    }
}

/// The picker's status line for `total` matches of which the first `shown` are listed.
pub fn match_status(total: usize, shown: usize) -> String {
    match total {
        0 => "No operation matches.".to_string(),
        1 => "1 operation matches.".to_string(),
        n if n > shown => format!("{n} operations match; the first {shown} are shown."),
        n => format!("{n} operations match."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Cloud;

    fn index() -> Vec<Entry> {
        let service = |id: &str, title: &str, ops: &[(&str, &str)]| IndexService {
            cloud: Cloud::Aws,
            service: id.into(),
            title: title.into(),
            ops: ops.iter().map(|(n, s)| (n.to_string(), String::new(), s.to_string())).collect(),
        };
        entries(&[
            service(
                "dms",
                "AWS Database Migration Service",
                &[
                    ("StartReplicationTask", "Starts the replication task."),
                    ("CreateEndpoint", "Creates an endpoint."),
                ],
            ),
            service(
                "ec2",
                "Amazon EC2",
                &[
                    ("RunInstances", "Launches instances."),
                    ("StartInstances", "Starts an instance."),
                ],
            ),
        ])
    }

    /// Narrowing the last result as the user types on gives exactly a fresh search's matches.
    #[test]
    fn typing_on_narrows_the_last_matches_to_exactly_a_fresh_search() {
        let entries = index();
        for query in ["d", "dms ", "dms start", "s", "st", "start in", "la"] {
            for cut in 1..query.len() {
                let previous = &query[..cut];
                assert!(refines(previous, query));
                let narrowed = matching(&entries, query, Some(&matching(&entries, previous, None)));
                assert_eq!(narrowed, matching(&entries, query, None), "{previous:?} -> {query:?}");
            }
        }
        assert!(!refines("dms", "ec2"));
        assert!(!refines("", "dms"));
        assert!(!refines("dms start", "dms"));
    }

    #[test]
    fn finds_by_cli_name_operation_name_service_and_summary_words() {
        let entries = index();
        let names =
            |q: &str| find(&entries, q, 10).0.into_iter().map(|e| e.name).collect::<Vec<_>>();
        assert_eq!(names("dms start-replication-task"), ["StartReplicationTask"]);
        assert_eq!(names("runinstances"), ["RunInstances"]);
        assert_eq!(names("launches"), ["RunInstances"]);
        assert_eq!(names("ec2"), ["RunInstances", "StartInstances"]);
        assert!(names("nothing like this").is_empty());
    }

    /// The picker sets these rows as HTML: every text from the index is escaped, only the
    /// active row is selected, and a heading opens each service's group.
    #[test]
    fn picker_rows_escape_every_text_and_mark_the_active_row() {
        let mut entries = index();
        entries[0].summary = r#"Starts <b>"it"</b> & more"#.into();
        entries[0].title = "A<&>".into();
        let html = rows_html(&entries, &[0, 1, 2], 1);
        assert!(
            html.contains(
                r#"<li class="op-group" role="presentation" aria-hidden="true">A&lt;&amp;&gt;</li>"#
            ),
            "{html}"
        );
        assert!(html.contains("Starts &lt;b&gt;&quot;it&quot;&lt;/b&gt; &amp; more"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert_eq!(html.matches("aria-selected=\"true\"").count(), 1);
        assert!(html.contains(r##"<a id="op-1" role="option" aria-selected="true" href="#/aws/dms/CreateEndpoint""##), "{html}");
        assert_eq!(html.matches(r#"class="op-group""#).count(), 2, "dms, then ec2: {html}");
        assert_eq!(rows_html(&entries, &[], 0), "");
    }

    #[test]
    fn the_static_showcase_rows_are_the_blank_querys() {
        assert_eq!(showcase_rows_html(""), SHOWCASE_ROWS_HTML);
        assert_eq!(showcase_rows_html("dms").matches("<li").count(), 1);
    }

    #[test]
    fn name_matches_rank_before_summary_matches_shorter_names_first() {
        let entries = index();
        let (found, total) = find(&entries, "start", 10);
        let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["StartInstances", "StartReplicationTask"]);
        assert_eq!(total, 2);
        assert_eq!(find(&entries, "start", 1), (vec![found[0].clone()], 2));
    }

    /// The picker's listing: the showcase for a blank query, then matches; typing on (which
    /// narrows the last matches) and starting over show what a fresh listing shows.
    #[test]
    fn listing_shows_the_showcase_then_the_same_matches_as_a_fresh_search() {
        let service = |id: &str, ops: &[&str]| IndexService {
            cloud: Cloud::Aws,
            service: id.into(),
            title: id.to_uppercase(),
            ops: ops
                .iter()
                .map(|n| (n.to_string(), String::new(), format!("{n} summary")))
                .collect(),
        };
        let services = [
            service("datasync", &["CreateTask", "StartTaskExecution"]),
            service("dms", &["CreateEndpoint", "StartReplicationTask"]),
        ];
        let mut listing = Listing::new(&services);
        listing.warm_up();
        let blank = listing.show("  ", 0, 60);
        assert_eq!(
            blank.routes,
            ["aws/datasync/StartTaskExecution", "aws/dms/StartReplicationTask"]
        );
        assert_eq!(blank.status, "The showcase operations. Type to search all 4 operations.");
        for query in ["s", "st", "sta", "start", "start r", "c", "create", "zzz"] {
            let typed = listing.show(query, 1, 60);
            assert_eq!(typed, Listing::new(&services).show(query, 1, 60), "{query:?}");
        }
        let one = listing.show("create", 1, 1);
        assert_eq!(
            (one.routes.len(), one.status.as_str()),
            (1, "2 operations match; the first 1 are shown.")
        );
        let found = listing.show("start", 1, 60);
        assert_eq!(
            found.routes,
            ["aws/datasync/StartTaskExecution", "aws/dms/StartReplicationTask"]
        );
        assert!(
            found
                .rows_html
                .contains(r##"aria-selected="true" href="#/aws/dms/StartReplicationTask""##),
            "{}",
            found.rows_html
        );
        // Moving the selection keeps the rows and moves only the selection.
        let moved = listing.show("start", 0, 60);
        assert_eq!((&moved.routes, &moved.status), (&found.routes, &found.status));
        assert!(
            moved
                .rows_html
                .contains(r##"aria-selected="true" href="#/aws/datasync/StartTaskExecution""##),
            "{}",
            moved.rows_html
        );
    }

    #[test]
    fn regression_one_match_is_worded_in_the_singular() {
        let table = [
            (0, "No operation matches."),
            (1, "1 operation matches."),
            (2, "2 operations match."),
            (60, "60 operations match."),
            (61, "61 operations match; the first 60 are shown."),
        ];
        for (total, expected) in table {
            assert_eq!(super::match_status(total, 60), expected);
        }
    }
}
