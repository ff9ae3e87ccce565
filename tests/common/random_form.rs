//! Random valid forms for any operation, seeded and reproducible, for the bulk tests.
//!
//! Every required member is set, plus about half of the optional ones, recursing into
//! structures, lists (0-3 items) and maps (0-3 entries) down to a depth cap (shapes may be
//! recursive). Strings respect the model's length bounds and pattern: a few candidates are
//! tried (text with spaces, `&`, `=`, `+`, `%`, `/`, `~`, `*` and non-ASCII; strings generated
//! from the pattern itself by proptest's regex generator; plain alphanumerics) and the first
//! one the core's own pattern matcher accepts is kept. An optional member no candidate fits is
//! left unset and counted in [`Notes`].
//!
//! Two targeted modes feed the CLI checks: `file_like_percent` puts values beginning with
//! `file://`, `fileb://`, `http://` or `https://` into string and blob members at any depth
//! (list items and map values too), where the CLI might load a file or URL instead of taking
//! the text; `prefer_blobs` sets every optional member that can hold a (non-streaming) blob, so
//! a form for an operation with blob members actually carries one.

use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use request_builder::core::cli::shell::Shell;
use request_builder::core::model::{AwsCli, Cloud};
use request_builder::core::model::{Check, Kind, Member, Operation, StringRules, Structure};
use request_builder::core::request::form::{item, join, FormState};
use request_builder::core::{model::catalog, model::pattern, outputs, request::timestamp, Outputs};
use std::collections::{BTreeSet, HashMap};
use std::process::Command;

/// splitmix64: tiny, seedable, good enough to pick test inputs.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The seed of one operation: the run's seed mixed with the route, so an operation's form does
/// not depend on which other operations are generated.
pub fn seed_for(route: &str, run_seed: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in route.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash ^ run_seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The run's seed: `BULK_SEED` when set, else a fixed one.
pub fn run_seed() -> u64 {
    std::env::var("BULK_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_123)
}

/// A run's seed for the tests that draw anew each run: `SEED` when set (to replay a run), else a
/// fresh one from the clock and the process id.
pub fn fresh_seed() -> u64 {
    std::env::var("SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
        now.as_nanos() as u64 ^ u64::from(std::process::id()).rotate_left(32)
    })
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    /// Chance (percent) that an optional member is set.
    pub optional_percent: u64,
    /// Below this depth optional members may be set; deeper, only required ones.
    pub max_depth: usize,
    /// Always set `idempotencyToken` members (the AWS CLI fills unset ones with a UUID).
    pub fill_idempotency_tokens: bool,
    /// Names of tagged-union structure shapes (exactly one member set), from botocore.
    pub unions: BTreeSet<String>,
    /// The AWS CLI version the forms' commands are written for.
    pub awscli: AwsCli,
    /// Chance (percent) that a string or blob value begins with a file or URL prefix
    /// ([`FILE_LIKE`]) when the member's rules allow one.
    pub file_like_percent: u64,
    /// Set every optional member under which a non-streaming blob can be set, list items too.
    pub prefer_blobs: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            optional_percent: 50,
            max_depth: 4,
            fill_idempotency_tokens: false,
            unions: BTreeSet::new(),
            awscli: AwsCli::default(),
            file_like_percent: 0,
            prefer_blobs: false,
        }
    }
}

/// The prefixes the AWS CLI's paramfile handling looks for (v1 loads all four at the top
/// level, v2 only the first two; `awscli/paramfile.py` of each).
pub const FILE_PREFIXES: [&str; 4] = ["file://", "fileb://", "http://", "https://"];

/// Values beginning with those prefixes; none names a file that exists, so a CLI that tried
/// to load one would fail loudly instead of sending something else.
const FILE_LIKE: [&str; 8] = [
    "file://no-such-file.json",
    "fileb://no-such-blob.bin",
    "http://example.com/a?b=c&d",
    "https://example.com/path/x.json",
    "file:///tmp/no such dir/é.txt",
    "fileb://~/none.bin",
    "https://user@example.com:8443/",
    "http://x",
];

/// Whether a value begins with one of [`FILE_PREFIXES`].
pub fn is_file_like(value: &str) -> bool {
    FILE_PREFIXES.iter().any(|p| value.starts_with(p))
}

/// Whether a non-streaming blob can be set at or under a member of this kind (shapes may be
/// recursive: `depth` stops the walk).
pub fn can_hold_blob(kind: &'static Kind, depth: usize) -> bool {
    if depth > 6 {
        return false;
    }
    match kind {
        Kind::Blob { .. } => true,
        Kind::Structure(shape) => {
            shape.members().iter().any(|m| !m.streaming && can_hold_blob(m.kind, depth + 1))
        }
        Kind::List { item, .. } => can_hold_blob(item.kind, depth + 1),
        Kind::Map { value, .. } => can_hold_blob(value.kind, depth + 1),
        _ => false,
    }
}

/// The form's values that are non-streaming blobs, as (path, value).
pub fn blob_values<'f>(op: &Operation, form: &'f FormState) -> Vec<(&'f str, &'f str)> {
    form.values()
        .filter(|(path, _)| {
            op.member_at(path).is_some_and(|m| !m.streaming && matches!(m.kind, Kind::Blob { .. }))
        })
        .collect()
}

/// What the generator could not do for one form.
#[derive(Clone, Debug, Default)]
pub struct Notes {
    /// Optional members left unset because no candidate matched their pattern / length.
    pub pattern_unset: Vec<String>,
    /// Required members no candidate fitted (set anyway: the form then has an error).
    pub pattern_forced: Vec<String>,
    /// Required members deeper than the hard depth cap (a required recursive shape).
    pub too_deep: Vec<String>,
    /// Required structures nothing can be set under (no members, or only empty structures):
    /// the form sends a structure only when something under it is set.
    pub empty_required: Vec<String>,
}

/// Compiled pattern generators, shared across forms of one thread.
#[derive(Default)]
pub struct PatternCache(HashMap<(&'static str, bool), Option<BoxedStrategy<String>>>);

impl PatternCache {
    /// The generator of a pattern, or of its short form (repetitions capped at a few).
    fn strategy(&mut self, pattern: &'static str, short: bool) -> Option<BoxedStrategy<String>> {
        self.0
            .entry((pattern, short))
            .or_insert_with(|| {
                let source = strip_anchors(pattern);
                let source = if short { shorten(&source) } else { source };
                proptest::string::string_regex(&source).ok().map(Strategy::boxed)
            })
            .clone()
    }
}

/// The pattern with `*`, `+`, `{n,}` and wide `{n,m}` capped at three more repetitions, and
/// `\w`, `\d`, `\S`, `.` limited to printable ASCII, so generated strings stay within typical
/// length bounds and look like real identifiers (the full pattern is tried too).
fn shorten(pattern: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = pattern.chars().collect();
    let (mut i, mut class_depth) = (0, 0usize);
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                // ASCII for the common classes, so the short form reads like real IDs.
                let next = chars.get(i + 1).copied();
                let ascii = match next {
                    Some('w') => Some("a-zA-Z0-9_"),
                    Some('d') => Some("0-9"),
                    Some('S') => Some("!-~"),
                    _ => None,
                };
                match (ascii, class_depth) {
                    (Some(set), 0) => out.push_str(&format!("[{set}]")),
                    (Some(set), _) => out.push_str(set),
                    (None, _) => {
                        out.push(c);
                        if let Some(n) = next {
                            out.push(n);
                        }
                    }
                }
                i += 2;
                continue;
            }
            '.' if class_depth == 0 => {
                out.push_str("[ -~]");
                i += 1;
                continue;
            }
            '[' => class_depth += 1,
            ']' if class_depth > 0 => class_depth -= 1,
            _ => {}
        }
        if class_depth == 0 {
            match c {
                '*' => {
                    out.push_str("{0,3}");
                    i += 1;
                    continue;
                }
                '+' => {
                    out.push_str("{1,3}");
                    i += 1;
                    continue;
                }
                '{' => {
                    if let Some(end) = chars[i..].iter().position(|&x| x == '}') {
                        let inner: String = chars[i + 1..i + end].iter().collect();
                        let bounds: Vec<&str> = inner.split(',').collect();
                        let lo = bounds[0].trim().parse::<u32>();
                        if let Ok(lo) = lo {
                            let hi = bounds.get(1).map(|h| h.trim().parse::<u32>().ok());
                            let capped = match hi {
                                None => format!("{{{lo}}}"),
                                Some(None) => format!("{{{lo},{}}}", lo + 3),
                                Some(Some(hi)) => format!("{{{lo},{}}}", hi.min(lo + 3)),
                            };
                            out.push_str(&capped);
                            i += end + 1;
                            continue;
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The pattern without `^`, `$`, `\A`, `\z`, `\Z`, `\b`, `\B` outside character classes:
/// proptest's generator does not take look-arounds, and a whole-string match of the rest
/// matches the anchored original.
fn strip_anchors(pattern: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next();
                match next {
                    Some('A' | 'z' | 'Z' | 'b' | 'B') if class_depth == 0 => {}
                    Some(n) => {
                        out.push('\\');
                        out.push(n);
                    }
                    None => out.push('\\'),
                }
            }
            '[' => {
                class_depth += 1;
                out.push(c);
                // A `]` or `^]` right after `[` is literal.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap());
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap());
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            '^' | '$' if class_depth == 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// Text with the characters that matter for query encoding, JSON escaping and shell quoting.
const FANCY: [&str; 16] = [
    "a b",
    "x&y=z",
    "p+q",
    "50%",
    "s/t",
    "t~u",
    "v*w",
    "é",
    "日本語",
    "😀",
    "Ωmega",
    "q'uote",
    "d\"q",
    "semi;colon",
    "back\\slash",
    "dollar$HOME",
];

/// Plain values that fit many ID-like patterns (the UUID: patterns with lookaround that the
/// generator cannot expand, such as iotsitewise's IDs).
const PLAIN: [&str; 10] = [
    "abc123",
    "123456789012",
    "example",
    "Test-Name_1",
    "a1",
    "x",
    "my.resource",
    "ABCDEF",
    "0123456789",
    "0123abcd-4567-89ab-cdef-0123456789ab",
];

const FLOATS: [&str; 10] =
    ["1.5", "0.1", "1e-05", "123456789.125", "2", "0.25", "-0.5", "100.0", "3.0e2", "0"];

const BLOBS: [&str; 6] =
    ["hello", "bytes with spaces & = +", "héllo wörld", "日本", "😀 emoji", "a"];

const DOCUMENTS: [&str; 5] = [
    r#"{"a": 1, "b": [true, null, "x"], "c": {"d": 1.5}}"#,
    r#"{}"#,
    r#"{"name": "é & ü", "n": 0.1}"#,
    r#"{"list": [1, 2, 3], "nested": {"deep": {"deeper": "yes"}}}"#,
    r#"{"big": 123456789012, "neg": -7, "exp": 1e-05}"#,
];

/// The generator of one form.
pub struct Generator<'c> {
    rng: SplitMix,
    runner: TestRunner,
    options: &'c Options,
    cache: &'c mut PatternCache,
    pub form: FormState,
    pub notes: Notes,
}

/// Hard cap: required members deeper than this are given up on.
const HARD_DEPTH: usize = 12;

/// A random valid form for `op` from `seed`, and what the generator could not do.
pub fn random_form(
    op: &Operation,
    seed: u64,
    options: &Options,
    cache: &mut PatternCache,
) -> (FormState, Notes) {
    let region = op.default_region().to_string();
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let mut generator = Generator {
        rng: SplitMix(seed),
        runner,
        options,
        cache,
        form: FormState::new(&region),
        notes: Notes::default(),
    };
    generator.form.awscli = options.awscli;
    generator.structure(op.input, "", 0);
    (generator.form, generator.notes)
}

impl Generator<'_> {
    /// Sets members of a structure; a union gets exactly one.
    fn structure(&mut self, shape: &'static Structure, prefix: &str, depth: usize) {
        if self.options.unions.contains(shape.name) {
            let members = shape.members();
            let start = self.rng.below(members.len() as u64) as usize;
            let mut order: Vec<&'static Member> =
                (0..members.len()).map(|i| &members[(start + i) % members.len()]).collect();
            if self.options.prefer_blobs {
                // Stable: blob-holding members first, the random order otherwise.
                order.sort_by_key(|m| !can_hold_blob(m.kind, depth));
            }
            for member in order {
                let path = join(prefix, member.name);
                let before = self.form.clone();
                if self.member(member, &path, depth, true) && self.form.has_any_under(&path) {
                    return;
                }
                self.form = before;
            }
            return;
        }
        for member in shape.members() {
            let path = join(prefix, member.name);
            let wanted = member.required
                || (member.idempotency_token && self.options.fill_idempotency_tokens)
                || (self.options.prefer_blobs
                    && !member.streaming
                    && depth < self.options.max_depth
                    && can_hold_blob(member.kind, depth))
                || (depth < self.options.max_depth
                    && self.rng.chance(self.options.optional_percent));
            if !wanted {
                continue;
            }
            if member.required {
                self.member(member, &path, depth, true);
            } else {
                let before = self.form.clone();
                if !self.member(member, &path, depth, false) {
                    self.form = before;
                }
            }
        }
    }

    /// Sets one member at `path`; false when nothing valid could be set.
    fn member(
        &mut self,
        member: &'static Member,
        path: &str,
        depth: usize,
        required: bool,
    ) -> bool {
        if member.idempotency_token {
            let token = format!(
                "{:08x}-0000-4000-8000-{:012x}",
                self.rng.next_u64() as u32,
                self.rng.next_u64() >> 16
            );
            if let Kind::String(rules) = member.kind {
                if fits(rules, &token) {
                    self.form.set(path, &token);
                    return true;
                }
            }
        }
        // S3's top-level bucket (the CLI's bucket check as its pattern): a plain bucket name,
        // which the CLI's endpoint rules address without access point or Outposts ARNs.
        if let (true, Kind::String(rules)) = (member.name == "Bucket", member.kind) {
            if rules.pattern.is_some_and(|p| p.starts_with("^[a-zA-Z0-9.\\-_]{1,255}$|^arn:")) {
                self.form.set(path, "amzn-s3-demo-bucket");
                return true;
            }
        }
        if let (true, Kind::String(rules)) = (member.host_label, member.kind) {
            // A host label becomes part of the host name: letters, digits, `-` and `.` only.
            let host_safe = |t: &str| {
                !t.is_empty()
                    && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            };
            let mut candidates: Vec<String> = PLAIN.iter().map(|p| fit_length(p, rules)).collect();
            if let Some(source) = rules.pattern {
                candidates.extend(self.values_from_pattern(source, rules));
            }
            if let Some(found) = candidates.into_iter().find(|c| host_safe(c) && fits(rules, c)) {
                self.form.set(path, &found);
                return true;
            }
        }
        if let Kind::String(rules) = member.kind {
            for check in member.checks {
                let candidate = match check {
                    Check::Arn { service, resource } => {
                        format!(
                            "arn:aws:{service}:{}:123456789012:{resource}example1",
                            self.form.region
                        )
                    }
                    Check::HostOrIp => "db-1.example.com".to_string(),
                    Check::Json => "{\"rules\": []}".to_string(),
                    _ => continue,
                };
                if fits(rules, &candidate) {
                    self.form.set(path, &candidate);
                    return true;
                }
            }
        }
        self.kind(member.kind, path, depth, required)
    }

    fn kind(&mut self, kind: &'static Kind, path: &str, depth: usize, required: bool) -> bool {
        if depth > HARD_DEPTH {
            self.notes.too_deep.push(path.to_string());
            return false;
        }
        match kind {
            Kind::Structure(shape) => {
                self.structure(shape, path, depth + 1);
                if required && !self.form.has_any_under(path) {
                    // A required structure is sent only when something under it is set.
                    let members = shape.members();
                    let start = self.rng.below(members.len() as u64) as usize;
                    for i in 0..members.len() {
                        let member = &members[(start + i) % members.len()];
                        let before = self.form.clone();
                        if self.member(member, &join(path, member.name), depth + 1, true)
                            && self.form.has_any_under(path)
                        {
                            return true;
                        }
                        self.form = before;
                    }
                    self.notes.empty_required.push(format!("{path} ({})", shape.name));
                    return false;
                }
                true
            }
            Kind::List { item: item_member, min, max, .. } => {
                let mut n = self.count(*min, *max, depth);
                if n == 0
                    && self.options.prefer_blobs
                    && depth < self.options.max_depth
                    && max.is_none_or(|m| m > 0)
                    && can_hold_blob(item_member.kind, depth)
                {
                    n = 1;
                }
                self.form.set_list_len(path, Some(n));
                (0..n).all(|i| self.kind(item_member.kind, &item(path, i), depth + 1, true))
            }
            Kind::Map { key, value, min, max, .. } => {
                let n = self.count(*min, *max, depth);
                let mut keys: Vec<String> = Vec::new();
                for _ in 0..n * 8 {
                    if keys.len() == n {
                        break;
                    }
                    if let Some(k) = self.key_text(key.kind) {
                        if !keys.contains(&k) {
                            keys.push(k);
                        }
                    }
                }
                if keys.len() < min.unwrap_or(0) as usize {
                    return false;
                }
                self.form.set_list_len(path, Some(keys.len()));
                let mut ok = true;
                for (i, k) in keys.iter().enumerate() {
                    let entry = item(path, i);
                    self.form.set(&format!("{entry}.key"), k);
                    ok &= self.kind(value.kind, &format!("{entry}.value"), depth + 1, true);
                }
                ok
            }
            scalar => match self.scalar(scalar, path) {
                Some(raw) => {
                    self.form.set(path, &raw);
                    true
                }
                None if required => {
                    // Keep the form honest: a required member that could not be fitted.
                    self.notes.pattern_forced.push(path.to_string());
                    false
                }
                None => {
                    self.notes.pattern_unset.push(path.to_string());
                    false
                }
            },
        }
    }

    fn count(&mut self, min: Option<u32>, max: Option<u32>, depth: usize) -> usize {
        let min = min.unwrap_or(0) as usize;
        let max = max.map(|m| m as usize).unwrap_or(usize::MAX);
        let wanted = if depth >= self.options.max_depth { 0 } else { self.rng.below(4) as usize };
        wanted.clamp(min, max.max(min))
    }

    fn key_text(&mut self, kind: &'static Kind) -> Option<String> {
        match kind {
            Kind::String(rules) => self.string(rules),
            Kind::Enum { values, .. } => Some(self.rng.pick(values).value.to_string()),
            _ => Some(format!("k{}", self.rng.below(1000))),
        }
    }

    fn scalar(&mut self, kind: &'static Kind, _path: &str) -> Option<String> {
        Some(match kind {
            Kind::String(rules) => return self.string(rules),
            Kind::Enum { values, .. } => self.rng.pick(values).value.to_string(),
            Kind::Integer(range) => {
                self.integer(range.min, range.max, i64::from(i32::MIN), i64::from(i32::MAX))
            }
            Kind::Long(range) => self.integer(range.min, range.max, i64::MIN, i64::MAX),
            Kind::Float(range) => {
                let fits = |raw: &&str| {
                    let v: f64 = raw.parse().unwrap();
                    range.min.is_none_or(|m| v >= m) && range.max.is_none_or(|m| v <= m)
                };
                let candidates: Vec<&str> = FLOATS.iter().copied().filter(fits).collect();
                if candidates.is_empty() {
                    let (lo, hi) = (
                        range.min.unwrap_or(0.0),
                        range.max.unwrap_or(range.min.unwrap_or(0.0) + 10.0),
                    );
                    format!("{}", (lo + hi) / 2.0)
                } else {
                    self.rng.pick(&candidates).to_string()
                }
            }
            Kind::Boolean => if self.rng.chance(50) { "true" } else { "false" }.to_string(),
            Kind::Timestamp { .. } => {
                let epoch = 946_684_800 + self.rng.below(946_771_200) as i64;
                if self.rng.chance(15) {
                    epoch.to_string()
                } else {
                    timestamp::format_iso(epoch)
                }
            }
            Kind::Blob { min, max } => {
                let mut text = if self.file_like() {
                    self.rng.pick(&FILE_LIKE[..]).to_string()
                } else {
                    self.rng.pick(&BLOBS[..]).to_string()
                };
                let (min, max) =
                    (min.unwrap_or(0) as usize, max.map(|m| m as usize).unwrap_or(usize::MAX));
                if text.len() > max {
                    text = "b".repeat(max.max(1));
                }
                while text.len() < min {
                    text.push('x');
                }
                text
            }
            Kind::Document => self.rng.pick(&DOCUMENTS[..]).to_string(),
            Kind::List { .. } | Kind::Map { .. } | Kind::Structure(_) => return None,
        })
    }

    fn integer(&mut self, min: Option<i64>, max: Option<i64>, lo: i64, hi: i64) -> String {
        let lo = min.unwrap_or(if min.is_none() && max.is_none() { 0 } else { lo }).max(lo);
        let hi = max.unwrap_or(hi).min(hi).max(lo);
        let value = match self.rng.below(10) {
            0..=2 => lo,
            3 => hi,
            4 if lo <= -1 && hi >= -1 => -1,
            _ => {
                let span = (hi as i128 - lo as i128).min(100_000) as u64 + 1;
                lo + self.rng.below(span) as i64
            }
        };
        value.to_string()
    }

    /// A string that fits the rules, or None when no candidate does.
    fn string(&mut self, rules: &StringRules) -> Option<String> {
        let mut candidates: Vec<String> = Vec::new();
        if self.file_like() {
            candidates.push(self.rng.pick(&FILE_LIKE[..]).to_string());
        }
        let fancy = self.fancy(rules);
        let plain = PLAIN.iter().map(|p| fit_length(p, rules));
        match rules.pattern {
            Some(source) => {
                let generated = self.values_from_pattern(source, rules);
                if self.rng.chance(40) {
                    candidates.push(fancy);
                    candidates.extend(generated);
                } else {
                    candidates.extend(generated);
                    candidates.push(fancy);
                }
                candidates.extend(plain);
            }
            None => {
                candidates.push(fancy);
                candidates.extend(plain);
            }
        }
        candidates.into_iter().find(|c| !c.is_empty() && fits(rules, c))
    }

    /// Whether this value is to begin with a file or URL prefix; draws nothing when the mode is
    /// off, so the other bulk tests keep their forms.
    fn file_like(&mut self) -> bool {
        self.options.file_like_percent > 0 && self.rng.chance(self.options.file_like_percent)
    }

    /// A few non-ASCII / reserved-character fragments, fitted to the length bounds.
    fn fancy(&mut self, rules: &StringRules) -> String {
        let mut text = String::from("v");
        for _ in 0..1 + self.rng.below(3) {
            let piece: &&str = self.rng.pick(&FANCY[..]);
            text.push_str(piece);
            text.push('-');
        }
        text.push('z');
        fit_length(&text, rules)
    }

    fn values_from_pattern(&mut self, source: &'static str, rules: &StringRules) -> Vec<String> {
        let mut out = Vec::new();
        // The whole pattern first (long repetitions too), then its short form.
        for short in [self.rng.chance(50), true, true] {
            let Some(strategy) = self.cache.strategy(source, short) else { continue };
            for _ in 0..10 {
                let Ok(tree) = strategy.new_tree(&mut self.runner) else { break };
                let text = tree.current();
                if !text.is_empty() && fits(rules, &text) {
                    out.push(text);
                    return out;
                }
            }
        }
        out
    }
}

/// Whether `text` satisfies the length bounds and the pattern as the core checks them.
fn fits(rules: &StringRules, text: &str) -> bool {
    let len = text.chars().count();
    len >= rules.min.unwrap_or(0) as usize
        && rules.max.is_none_or(|max| len <= max as usize)
        && rules.pattern.is_none_or(|p| pattern::is_match(p, text) != Some(false))
        && text.trim() == text
}

/// `text` cut to the maximum length or padded with `a` to the minimum.
fn fit_length(text: &str, rules: &StringRules) -> String {
    let mut out: String = match rules.max {
        Some(max) => text.chars().take(max.max(1) as usize).collect(),
        None => text.to_string(),
    };
    let min = rules.min.unwrap_or(1).max(1) as usize;
    while out.chars().count() < min {
        out.push('a');
    }
    let trimmed = out.trim().to_string();
    if trimmed.is_empty() {
        "a".into()
    } else {
        trimmed
    }
}

pub fn script() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/botocore_batch.py")
}

/// Every AWS operation of the index, service by service.
pub fn aws_operations() -> Vec<&'static Operation> {
    let text = std::fs::read_to_string(catalog::models_dir().join("index.json"))
        .expect("models/index.json (run scripts/build-models)");
    let index = catalog::parse_index(&text).expect("index");
    let mut ops = Vec::new();
    for service in index.iter().filter(|s| s.cloud == Cloud::Aws) {
        let loaded = catalog::service(Cloud::Aws, &service.service)
            .unwrap_or_else(|| panic!("model of {}", service.service));
        ops.extend(loaded.operations.iter().copied());
    }
    ops
}

/// botocore's name, resolved protocol and tagged unions of each CLI service name.
pub fn botocore_services(python: &std::path::Path, names: &BTreeSet<&str>) -> serde_json::Value {
    let output = Command::new(python)
        .arg(script())
        .arg("services")
        .args(names)
        .output()
        .expect("run python");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("services map is JSON")
}

/// [`botocore_services`] from AWS CLI v2's own botocore (`awscli.botocore`), which knows
/// services v1's does not; `python` is v2's virtualenv interpreter.
pub fn botocore_services_v2(python: &std::path::Path, names: &BTreeSet<&str>) -> serde_json::Value {
    const SCRIPT: &str = r#"
import json, sys
import awscli.botocore.session
from awscli.clidriver import create_clidriver
table = create_clidriver()._get_command_table()
names = {k: getattr(c, "_service_name", None) for k, c in table.items()}
session = awscli.botocore.session.Session()
available = set(session.get_available_services())
out = {}
for cli_name in sys.argv[1:]:
    name = names.get(cli_name) or cli_name
    if name not in available:
        continue
    model = session.get_service_model(name)
    shapes = model._shape_resolver._shape_map
    unions = sorted(n for n, s in shapes.items() if s.get("type") == "structure" and s.get("union"))
    out[cli_name] = {"botocore": name, "protocol": model.resolved_protocol, "unions": unions}
print(json.dumps(out))
"#;
    let output =
        Command::new(python).arg("-c").arg(SCRIPT).args(names).output().expect("run python");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("services map is JSON")
}

/// Tries a few seeds derived from the route; cross-field rules (one of A or B) are met by
/// chance. The error of the last try when none gives a form the core accepts.
pub fn valid_form(
    op: &'static Operation,
    options: &Options,
    cache: &mut PatternCache,
) -> Result<(FormState, Notes, Outputs), (String, Notes)> {
    valid_form_where(op, options, cache, &|_, _| None)
}

/// [`valid_form`] with an extra condition on the form and its outputs (`Some(reason)` rejects
/// them).
pub fn valid_form_where(
    op: &'static Operation,
    options: &Options,
    cache: &mut PatternCache,
    reject: &dyn Fn(&FormState, &Outputs) -> Option<String>,
) -> Result<(FormState, Notes, Outputs), (String, Notes)> {
    valid_form_seeded(op, run_seed(), options, cache, reject)
}

/// [`valid_form_where`] for another run seed than [`run_seed`] (a [`fresh_seed`]).
pub fn valid_form_seeded(
    op: &'static Operation,
    run_seed: u64,
    options: &Options,
    cache: &mut PatternCache,
    reject: &dyn Fn(&FormState, &Outputs) -> Option<String>,
) -> Result<(FormState, Notes, Outputs), (String, Notes)> {
    let seed = seed_for(&op.route(), run_seed);
    let mut last = (String::new(), Notes::default());
    for attempt in 0..ATTEMPTS {
        let (form, notes) = random_form(op, seed.wrapping_add(attempt), options, cache);
        let out = outputs(op, &form, Shell::Posix);
        let mut errors = super::error_messages(&out.report);
        errors.extend(reject(&form, &out));
        if errors.is_empty() {
            return Ok((form, notes, out));
        }
        last = (errors.join("; "), notes);
    }
    Err(last)
}

/// Seeds tried per operation.
const ATTEMPTS: u64 = 8;
