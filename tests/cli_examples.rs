//! Issue 26, "Paste": every example command AWS CLI v2 ships (`awscli/examples/**/*.rst` in the
//! pinned wheel) pastes into a form that regenerates the request the CLI itself sends.
//!
//! For each `aws …` command of the examples' literal blocks: the real AWS CLI v2, run in one
//! Python process as an in-process oracle (`tests/tools/awscli2_oracle.py`: the CLI's own driver,
//! the request taken at botocore's `before-send` and never sent), runs the command as written
//! (R1). The page pastes the same text (`paste::parse`), renders the form for AWS CLI v2, and its
//! request (method, path, query, body, protocol headers) must be R1. The page's regenerated
//! `out-cli`, run by the same oracle (R2), must send R1 too.
//!
//! Not compared, and counted with the reason: commands that need local files or shell features
//! the examples leave to the reader (`$(…)`, variables, pipes, placeholders like `<name>`), the
//! CLI's high-level commands (`s3 cp`, `deploy`, `wait`, custom commands: no single API call the
//! page models), and examples the CLI itself refuses (it sends nothing to compare with).
//!
//! Needs `.venv-awscli2`; `scripts/test` runs it, plain `cargo test` lists it ignored.

mod common;

use common::venv_awscli2;
use common::{form_pairs, path_style};
use request_builder::core::cli::shell::Shell;
use request_builder::core::model::{AwsCli, Operation, Protocol};
use request_builder::core::{outputs, paste, Outputs};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One command of one example file.
struct Example {
    /// `service/command.rst` (the example's name in the wheel).
    file: String,
    /// The command as bash reads it: continuations joined, quoted newlines kept.
    text: String,
}

/// The examples folder of the v2 wheel's `awscli` package.
fn examples_dir() -> PathBuf {
    let lib = venv_awscli2().join("lib");
    let python = std::fs::read_dir(&lib)
        .expect("venv lib")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("python")))
        .expect("lib/python3.*");
    python.join("site-packages/awscli/examples")
}

fn rst_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("examples folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rst_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rst") {
            out.push(path);
        }
    }
}

/// Whether bash would still be inside a quote (or a trailing backslash) at the end of `text`.
fn open_quote(text: &str) -> Option<char> {
    let mut quote = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\\') | (Some('"'), '\\') => {
                chars.next();
            }
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
    }
    quote
}

/// The `aws …` commands of an example file's literal blocks, as bash reads them: an indented line
/// starting with `aws `, plus the lines a trailing backslash or an open quote carries on into.
fn commands(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let trimmed = line.trim_start();
        if !(line.starts_with(' ') && trimmed.starts_with("aws ")) {
            continue;
        }
        let mut command = trimmed.trim_end().to_string();
        loop {
            let continued = command.ends_with('\\') && open_quote(&command).is_none();
            let quoted = open_quote(&command).is_some();
            if !(continued || quoted) || i >= lines.len() {
                break;
            }
            if continued {
                // bash drops backslash-newline; the next line's indent still separates words.
                command.pop();
            } else {
                command.push('\n');
            }
            command.push_str(lines[i].trim_end());
            i += 1;
        }
        found.push(command);
    }
    found
}

/// Why bash and the CLI could not run the command as printed, when they could not: it reads
/// local files, or uses shell syntax the example leaves to the reader.
fn needs_more_than_the_command(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("file://") || lower.contains("fileb://") {
        return Some("reads a local file (file://, fileb://)");
    }
    // Shell syntax outside single quotes.
    let mut quote = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\\') | (Some('"'), '\\') => {
                chars.next();
            }
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None | Some('"'), '$') if chars.peek() == Some(&'(') => {
                return Some("command substitution $(...)")
            }
            (None | Some('"'), '`') => return Some("command substitution `...`"),
            (None | Some('"'), '$') => return Some("shell variables ($NAME)"),
            (None, '|' | ';' | '&') => return Some("pipes or command lists (|, ;, &)"),
            (None, '<' | '>') => return Some("placeholders or redirections (<name>, > file)"),
            _ => {}
        }
    }
    None
}

/// What the page made of one command.
enum Page {
    /// The example is not compared (the reason).
    Excluded(&'static str),
    /// Paste failed: the page's message.
    Refused(String),
    /// The pasted form and its outputs.
    Filled { op: &'static Operation, out: Box<Outputs> },
}

fn page(example: &Example) -> Page {
    if let Some(reason) = needs_more_than_the_command(&example.text) {
        return Page::Excluded(reason);
    }
    match paste::parse(&example.text, None) {
        Ok(pasted) => {
            let mut form = pasted.form;
            form.awscli = AwsCli::V2;
            let out = outputs(pasted.op, &form, Shell::Posix);
            Page::Filled { op: pasted.op, out: Box::new(out) }
        }
        Err(error) => Page::Refused(error.message),
    }
}

/// Headers botocore adds for transport, signing, checksums and SDK bookkeeping: not the request
/// the form describes, so not compared unless the page shows them.
const TRANSPORT: &[&str] = &[
    "host",
    "user-agent",
    "x-amz-date",
    "authorization",
    "x-amz-security-token",
    "accept-encoding",
    "amz-sdk-invocation-id",
    "amz-sdk-request",
    "x-amz-content-sha256",
    "content-length",
    "content-md5",
    "expect",
    "transfer-encoding",
    "x-amz-sdk-checksum-algorithm",
    "x-amz-checksum-crc32",
    "x-amz-checksum-crc32c",
    "x-amz-checksum-crc64nvme",
    "x-amz-checksum-sha1",
    "x-amz-checksum-sha256",
    "x-amz-trailer",
    "x-amz-decoded-content-length",
];

/// Percent-decoded `key=value` pairs of a query string, sorted: members given in
/// `--cli-input-json` reach the query after the options.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let mut pairs = form_pairs(query);
    pairs.sort();
    pairs
}

/// The CLI's request with the idempotency tokens it filled itself (random UUIDs for members the
/// command leaves unset; the page warns that the CLI does so) taken out where the page has none.
fn without_filled_tokens(op: &Operation, out: &Outputs, cli: &Value) -> Value {
    let mut cli = cli.clone();
    let tokens: Vec<&str> =
        op.members().iter().filter(|m| m.idempotency_token).map(|m| m.name).collect();
    if tokens.is_empty() {
        return cli;
    }
    let body = cli["body"].as_str().unwrap_or("").to_string();
    if let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(&body) {
        let page: Value = serde_json::from_str(&out.body).unwrap_or(Value::Null);
        for token in &tokens {
            let key = map.keys().find(|k| k.eq_ignore_ascii_case(token)).cloned();
            if let Some(key) = key.filter(|k| page.get(k).is_none()) {
                map.remove(&key);
            }
        }
        cli["body"] = Value::String(Value::Object(map).to_string());
    } else if body.contains('=') {
        let page = form_pairs(&out.body);
        let kept: Vec<String> = body
            .split('&')
            .filter(|pair| {
                let key = pair.split_once('=').map_or(*pair, |(k, _)| k);
                !tokens.iter().any(|t| t.eq_ignore_ascii_case(key))
                    || page.iter().any(|(k, _)| k == key)
            })
            .map(str::to_string)
            .collect();
        cli["body"] = Value::String(kept.join("&"));
    }
    // REST operations may carry the token in the query (`?clientToken=…`).
    let query = cli["query"].as_str().unwrap_or("").to_string();
    let page = form_pairs(&out.wire.query);
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split_once('=').map_or(*pair, |(k, _)| k);
            !pair.is_empty()
                && (!tokens.iter().any(|t| t.eq_ignore_ascii_case(key))
                    || page.iter().any(|(k, _)| k == key))
        })
        .collect();
    cli["query"] = Value::String(kept.join("&"));
    cli
}

/// A JSON document with every number as a float: `2000` and `2000.0` are one value to the
/// service, and which the CLI writes depends on how the user typed it, which a form keeps not.
fn numbers_as_floats(value: Value) -> Value {
    match value {
        Value::Number(n) => n.as_f64().map_or(Value::Number(n), |f| json!(f)),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_floats).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, numbers_as_floats(v))).collect())
        }
        other => other,
    }
}

/// Why the page's request is not the CLI's, if it is not: `(cause, detail)`.
fn compare(
    op: &Operation,
    out: &Outputs,
    cli: &Value,
    exact_order: bool,
) -> Result<(), (String, String)> {
    let cli = without_filled_tokens(op, out, cli);
    let wire = &out.wire;
    let differ = |cause: &str, page: &dyn std::fmt::Debug, theirs: &dyn std::fmt::Debug| {
        Err((cause.to_string(), format!("page {page:?}, CLI {theirs:?}")))
    };
    if cli["method"] != wire.method {
        return differ("method", &wire.method, &cli["method"]);
    }
    let path = cli["path"].as_str().unwrap_or("");
    if path != wire.path && path != path_style(op, wire) {
        return differ("path", &wire.path, &path);
    }
    if query_pairs(cli["query"].as_str().unwrap_or("")) != query_pairs(&wire.query) {
        return differ("query", &wire.query, &cli["query"]);
    }
    let body = cli["body"].as_str().unwrap_or("");
    let same_body = match op.protocol {
        Protocol::AwsJson { .. } | Protocol::RestJson { .. } => {
            let parsed =
                |text: &str| serde_json::from_str::<Value>(text).ok().map(numbers_as_floats);
            body == out.body || (parsed(body).is_some() && parsed(body) == parsed(&out.body))
        }
        Protocol::AwsQuery { .. } | Protocol::Ec2 { .. } if !exact_order => {
            query_pairs(body) == query_pairs(&out.body)
        }
        Protocol::AwsQuery { .. } | Protocol::Ec2 { .. } => {
            form_pairs(body) == form_pairs(&out.body)
        }
        _ => body == out.body,
    };
    if !same_body {
        return differ("body", &out.body, &body);
    }
    let theirs = cli["headers"].as_object().cloned().unwrap_or_default();
    for (name, value) in wire.headers.iter().filter(|(n, _)| !n.eq_ignore_ascii_case("host")) {
        let lower = name.to_ascii_lowercase();
        if TRANSPORT.contains(&lower.as_str()) && lower != "content-md5" {
            continue;
        }
        if theirs.get(&lower).and_then(Value::as_str) != Some(value.as_str()) {
            return differ(&format!("header {lower}"), value, &theirs.get(&lower));
        }
    }
    for (name, value) in &theirs {
        let shown = wire.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
        if !shown && !TRANSPORT.contains(&name.as_str()) {
            return differ(&format!("header {name} (CLI only)"), &"", value);
        }
    }
    Ok(())
}

/// A short class of a CLI error line: its first words, without the values.
fn error_class(line: &str) -> String {
    let line = line.trim_start_matches("aws: [ERROR]: ").trim_start_matches("aws: ");
    let line = line.split(['"', '\'', '`']).next().unwrap_or(line);
    line.split_whitespace().take(7).collect::<Vec<_>>().join(" ")
}

/// A short class of a page paste error: the message with quoted values and option names cut.
fn paste_class(message: &str) -> String {
    let mut class = String::new();
    let mut skip = false;
    for word in message.split_whitespace() {
        if word.starts_with("--") || word.starts_with('"') || skip {
            if !class.ends_with("…") {
                class.push_str(" …");
            }
            skip = word.starts_with('"') && !word[1..].contains('"');
            continue;
        }
        class.push(' ');
        class.push_str(word);
    }
    class.trim().chars().take(80).collect()
}

/// A paste the page refuses because the command uses one of the CLI's own arguments (a
/// customization such as `ec2 run-instances --count`, `cloudwatch put-metric-data
/// --metric-name`, `iot create-keys-and-certificate --certificate-pem-outfile`), which the CLI
/// turns into members (or output files) by code of its own; the page models the API's members
/// and says which option it does not know.
const CUSTOM_OPTION: &str = "the command uses an argument the CLI adds itself (customization)";

/// Why a request difference is not the page's bug, when it is not (kept short and honest).
fn explain(example: &Example, cause: &str, cli: &Value, out: &Outputs) -> Option<&'static str> {
    let path = cli["path"].as_str().unwrap_or("");
    // `--endpoint-url https://…/prod` adds its path before the operation's; the page lists
    // --endpoint-url as ignored and shows the request for the service's own endpoint.
    if cause == "path" && example.text.contains("--endpoint-url") && path.ends_with(&out.wire.path)
    {
        return Some("--endpoint-url with a base path (the page ignores --endpoint-url)");
    }
    None
}

#[derive(Default)]
struct Groups(BTreeMap<String, Vec<String>>);

impl Groups {
    fn add(&mut self, cause: impl Into<String>, example: String) {
        self.0.entry(cause.into()).or_default().push(example);
    }

    fn total(&self) -> usize {
        self.0.values().map(Vec::len).sum()
    }

    fn print(&self, title: &str) {
        println!("{title}: {}", self.total());
        let mut by_count: Vec<_> = self.0.iter().collect();
        by_count.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        for (cause, examples) in by_count {
            println!("  {:5}  {cause}", examples.len());
            for example in examples.iter().take(3) {
                let shown: String = example.chars().take(400).collect();
                println!("           {}", shown.replace('\n', "\n           "));
            }
        }
    }
}

#[test]
#[ignore = "needs AWS CLI v2 in .venv-awscli2; scripts/test runs it"]
fn every_example_command_of_the_v2_wheel_pastes_into_the_request_the_cli_sends() {
    let started = Instant::now();
    let mut files = Vec::new();
    rst_files(&examples_dir(), &mut files);
    files.sort();
    let root = examples_dir();
    let mut examples = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("example");
        let name = file.strip_prefix(&root).unwrap().display().to_string();
        for command in commands(&text) {
            examples.push(Example { file: name.clone(), text: command });
        }
    }
    let pages: Vec<Page> = examples.iter().map(page).collect();
    let page_time = started.elapsed();
    // One oracle run for everything: each runnable original, and each page's out-cli.
    let mut batch = Vec::new();
    for (example, page) in examples.iter().zip(&pages) {
        let original = match page {
            Page::Excluded(_) => Value::Null,
            _ => Value::String(example.text.clone()),
        };
        let regenerated = match page {
            Page::Filled { out, .. } => Value::String(out.cli.clone()),
            _ => Value::Null,
        };
        batch.push(json!({"original": original, "page": regenerated}));
    }
    let oracle_started = Instant::now();
    let results = run_oracle(&batch);
    let oracle_time = oracle_started.elapsed();

    let mut excluded = Groups::default();
    let mut refused_by_cli = Groups::default();
    let mut paste_failed = Groups::default();
    let mut mismatched = Groups::default();
    let mut regenerated_differs = Groups::default();
    let mut explained = Groups::default();
    let (mut compared, mut matching, mut r2_matching) = (0, 0, 0);
    for ((example, page), result) in examples.iter().zip(&pages).zip(&results) {
        let label = format!("{}: {}", example.file, example.text);
        if let Page::Excluded(reason) = page {
            excluded.add(*reason, label);
            continue;
        }
        let original = &result["original"];
        if original["kind"] != "operation" {
            excluded.add(
                format!("high-level command ({})", original["kind"].as_str().unwrap_or("?")),
                label,
            );
            continue;
        }
        let Some(r1) = original.get("request").filter(|r| !r.is_null()) else {
            refused_by_cli.add(error_class(original["error"].as_str().unwrap_or("")), label);
            continue;
        };
        compared += 1;
        let (op, out) = match page {
            Page::Filled { op, out } => (*op, out),
            Page::Refused(message) => {
                let option = message
                    .split_once(" is not an option of ")
                    .or_else(|| message.split_once(" comes from an AWS CLI customization"))
                    .map(|(o, _)| o);
                let own = original["custom_options"]
                    .as_array()
                    .is_some_and(|c| option.is_some_and(|o| c.iter().any(|c| c == o)));
                let line = format!("{label}\n  → {message}");
                if own {
                    explained.add(CUSTOM_OPTION, line);
                } else {
                    paste_failed.add(paste_class(message), line);
                }
                continue;
            }
            Page::Excluded(_) => unreachable!(),
        };
        let exact = !example.text.contains("--cli-input-json");
        match compare(op, out, r1, exact) {
            Ok(()) => matching += 1,
            Err((cause, detail)) => {
                let line = format!("{label}\n  → {detail}");
                match explain(example, &cause, r1, out) {
                    Some(reason) => explained.add(reason, line),
                    None => mismatched.add(cause, line),
                }
                continue;
            }
        }
        // The page's own command must send the same request.
        let regenerated = &result["page"];
        match regenerated.get("request").filter(|r| !r.is_null()) {
            Some(r2) => match compare(op, out, r2, false) {
                Ok(()) => r2_matching += 1,
                Err((cause, detail)) => regenerated_differs
                    .add(cause, format!("{label}\n  out-cli {}\n  → {detail}", out.cli)),
            },
            None => regenerated_differs.add(
                format!(
                    "the CLI refuses out-cli: {}",
                    error_class(regenerated["error"].as_str().unwrap_or(""))
                ),
                format!("{label}\n  out-cli {}", out.cli),
            ),
        }
    }
    let runnable = examples.len() - excluded.total();
    println!(
        "{} example files, {} commands; {} runnable by the CLI as printed ({} refused by it), \
         {compared} compared, {matching} matching; {r2_matching} of those regenerate (out-cli) the same request",
        files.len(),
        examples.len(),
        runnable,
        refused_by_cli.total()
    );
    excluded.print("not compared");
    refused_by_cli.print("the CLI itself refuses the example");
    paste_failed.print("FINDINGS: paste fails");
    mismatched.print("FINDINGS: the page's request differs from the CLI's");
    explained.print("explained differences");
    regenerated_differs.print("FINDINGS: out-cli sends another request than the example");
    println!(
        "runtime: {:.1} s (page {:.1} s, oracle {:.1} s)",
        started.elapsed().as_secs_f64(),
        page_time.as_secs_f64(),
        oracle_time.as_secs_f64()
    );
    let unexplained = paste_failed.total() + mismatched.total() + regenerated_differs.total();
    // A ratchet, not zero yet: the findings above are open page bugs (query pairs of JSON
    // given in another key order, booleans written as other words, …), listed in issue 26. Lower it as they are
    // fixed; it must never grow. (64 -> 52: the CLI's two shorthand shortcuts, a one-`Value`
    // structure given as a word and the bare items of its old-list options, are read and, for
    // the latter, written as the CLI reads them; 52 -> 46: a repeated option's last value wins,
    // as in argparse; 46 -> 43: shorthand booleans in any letter case.)
    const OPEN_FINDINGS: usize = 43;
    assert!(
        unexplained <= OPEN_FINDINGS,
        "{unexplained} unexplained findings (see above), more than the {OPEN_FINDINGS} known"
    );
    if unexplained < OPEN_FINDINGS {
        println!("fewer findings than the ratchet ({unexplained} < {OPEN_FINDINGS}): lower it");
    }
}

fn oracle_script() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/awscli2_oracle.py")
}

/// Runs the oracle over the whole batch in one Python process; one result per item.
fn run_oracle(items: &[Value]) -> Vec<Value> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let (batch, results) =
        (dir.join("cli_examples_batch.json"), dir.join("cli_examples_results.json"));
    std::fs::write(&batch, Value::Array(items.to_vec()).to_string()).expect("write batch");
    let output = std::process::Command::new(venv_awscli2().join("bin/python"))
        .arg(oracle_script())
        .arg(&batch)
        .arg(&results)
        .output()
        .expect("run python");
    assert!(
        output.status.success(),
        "the oracle failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&results).expect("results")).expect("JSON");
    assert_eq!(results.len(), items.len(), "one result per item");
    results
}
