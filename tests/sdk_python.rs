//! The `out-python` program (`core::sdk::python`), as the page makes it: from the `out-json`
//! document, region and AWS CLI version (`core::sdk::from_cli_json`, what the worker runs).
//!
//! - Golden programs of the showcase forms (`tests/fixtures/sdk/python/<name>.py`; the forms
//!   come from `tests/fixtures/showcase/<name>.json` or `tests/fixtures/sdk/forms/<name>.json`).
//!   `UPDATE_GOLDEN=1` rewrites them; the bulk test below runs them through boto3 too.
//! - Bulk: every AWS operation with a random valid form (seeded as tests/bulk_conformance.rs,
//!   `BULK_SEED`), its program executed by the pinned boto3 in one Python process
//!   (`tests/tools/boto3_programs.py`), which captures the request the call prepares: method,
//!   path, query, body and headers must be the page's. Every operation's method name is checked
//!   against boto3's client, generated or not. Prints the counts and why an operation was not
//!   compared.
//! - Bulk, Alibaba Cloud: every operation of every pinned product, RPC and RESTful (ROA), with a
//!   random valid form from a fresh seed each run (printed; `SEED=<n>` replays one), its program
//!   executed by the product's pinned SDK package in one Python process
//!   (`tests/tools/aliyun_programs.py`), which points each program's endpoint at a capture
//!   server on 127.0.0.1 and compares the request it receives with the page's: RPC: method,
//!   path, action and version, the query's and the body's parameters; ROA: method, path as sent,
//!   query, every header the page sets (and no other but the signer's and HTTP client's), the
//!   body byte for byte. Counts are printed per protocol; an operation not compared is counted
//!   with its reason.

mod common;

use common::random_form::{
    aws_operations, botocore_services, fresh_seed, run_seed, valid_form, valid_form_seeded, Notes,
    Options, PatternCache,
};
use request_builder::core::cli::shell::Shell;
use request_builder::core::model::{catalog, AwsCli, Cloud, Location, Operation};
use request_builder::core::request::form::FormState;
use request_builder::core::sdk::{aliyun_python, from_cli_json, python, Sdk};
use request_builder::core::{outputs, Outputs};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The Python program the page shows for these outputs.
fn program(op: &Operation, out: &Outputs, awscli: AwsCli) -> String {
    from_cli_json(Sdk::Python, op, &out.json, &out.region, awscli)
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The golden cases: (name, operation, form).
fn golden_forms() -> Vec<(String, &'static Operation, FormState)> {
    let dir = fixtures().join("sdk/python");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/sdk/python")
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "py").then(|| path.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let showcase = fixtures().join(format!("showcase/{name}.json"));
            let own = fixtures().join(format!("sdk/forms/{name}.json"));
            let path = if showcase.exists() { showcase } else { own };
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("the form")).unwrap();
            let op =
                catalog::find(case["route"].as_str().unwrap()).expect("run scripts/build-models");
            let mut form = FormState::new(case["region"].as_str().unwrap());
            if let Some(v) = case["awscli"].as_str() {
                form.awscli = AwsCli::from_id(v).unwrap();
            }
            for (path, len) in case["lists"].as_object().into_iter().flatten() {
                form.set_list_len(path, Some(len.as_u64().unwrap() as usize));
            }
            for (path, value) in case["values"].as_object().into_iter().flatten() {
                form.set(path, value.as_str().unwrap());
            }
            (name, op, form)
        })
        .collect()
}

#[test]
fn showcase_programs_are_as_recorded() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let cases = golden_forms();
    assert!(cases.len() >= 6, "golden programs missing");
    let mut failures = Vec::new();
    for (name, op, form) in cases {
        let out = outputs(op, &form, Shell::Posix);
        let text = program(op, &out, form.awscli);
        let path = fixtures().join(format!("sdk/python/{name}.py"));
        if update {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).unwrap() != text {
            failures.push(format!("{}:\n{text}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "programs differ from the recorded ones:\n{}",
        failures.join("\n")
    );
}

/// What an `aws-chunked` upload changes: the body and these headers.
const TRAILER_PARTS: [&str; 7] = [
    "body ",
    "header content-encoding:",
    "header content-length:",
    "header transfer-encoding:",
    "header x-amz-decoded-content-length:",
    "header x-amz-sdk-checksum-algorithm:",
    "header x-amz-trailer:",
];

/// One case of the batch.
struct Case {
    item: String,
}

/// What generating one operation's case gave.
enum Generated {
    Case(Case),
    /// No valid form: the generator's gap or a form that cannot express the request.
    NotCompared(String, String),
}

fn expected(out: &Outputs) -> serde_json::Value {
    let headers: serde_json::Map<String, serde_json::Value> = out
        .wire
        .headers
        .iter()
        .filter(|(name, _)| name != "Host")
        .map(|(name, value)| (name.clone(), serde_json::Value::String(value.clone())))
        .collect();
    serde_json::json!({
        "body": out.wire.body, "query": out.wire.query, "headers": headers,
        "method": out.wire.method, "host": out.wire.host, "path": out.wire.path,
    })
}

fn item(op: &Operation, botocore: &str, program: &str, out: &Outputs) -> String {
    serde_json::json!({
        "route": op.route(), "service": botocore, "operation": op.name,
        "method": op.sdk_method(), "program": program, "expected": expected(out),
    })
    .to_string()
}

fn generate(
    op: &'static Operation,
    botocore: &str,
    options: &Options,
    cache: &mut PatternCache,
) -> (Generated, Notes) {
    let route = op.route();
    if op.sdk_method().is_empty() {
        let why = "boto3's client has no method for it (a botocore handler takes it off)";
        return (Generated::NotCompared(why.into(), route), Notes::default());
    }
    let (mut form, notes, mut out) = match valid_form(op, options, cache) {
        Ok(found) => found,
        Err((errors, notes)) if !notes.empty_required.is_empty() => {
            let why = "a required structure that only empty structures can fill";
            return (Generated::NotCompared(why.into(), format!("{route}: {errors}")), notes);
        }
        Err((errors, notes)) => {
            let why = "the generator found no valid form";
            return (Generated::NotCompared(why.into(), format!("{route}: {errors}")), notes);
        }
    };
    // As in tests/bulk_conformance.rs: the page computes only the default CRC32 checksum.
    if let Some(member) = op.http.and_then(|h| h.checksum_algorithm_member) {
        if !form.get(member).is_empty() && form.get(member) != "CRC32" {
            form.set(member, "CRC32");
            out = outputs(op, &form, Shell::Posix);
        }
    }
    let text = program(op, &out, form.awscli);
    (Generated::Case(Case { item: item(op, botocore, &text, &out) }), notes)
}

#[test]
#[ignore = "needs boto3 in .venv; scripts/test runs it"]
fn every_aws_operation_sends_the_request_shown_through_boto3() {
    let started = std::time::Instant::now();
    let python = common::venv().join("bin/python");
    let ops = aws_operations();
    let names: BTreeSet<&str> = ops.iter().map(|op| op.service).collect();
    let services = botocore_services(&python, &names);

    let mut not_compared: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut work: Vec<(&'static Operation, String, Options)> = Vec::new();
    for op in &ops {
        let Some(entry) = services.get(op.service) else {
            not_compared
                .entry("botocore has no service for this CLI name".into())
                .or_default()
                .push(op.route());
            continue;
        };
        // The page's own name must be botocore's (the names item below checks the methods).
        assert_eq!(entry["botocore"].as_str(), Some(op.sdk_service), "{}", op.route());
        let unions = entry["unions"].as_array().unwrap();
        let options = Options {
            unions: unions.iter().map(|u| u.as_str().unwrap().to_string()).collect(),
            // boto3 computes AWS CLI v1's default checksum (CRC32), and fills an unset
            // idempotency token with a random UUID (the program says so): both are set here.
            awscli: AwsCli::V1,
            fill_idempotency_tokens: true,
            ..Options::default()
        };
        work.push((op, op.sdk_service.to_string(), options));
    }

    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let results: Vec<(Generated, Notes)> = std::thread::scope(|scope| {
        let handles: Vec<_> = work
            .chunks(work.len().div_ceil(threads).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    let mut cache = PatternCache::default();
                    chunk
                        .iter()
                        .map(|(op, name, o)| generate(op, name, o, &mut cache))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let generated_in = started.elapsed();

    let mut cases = Vec::new();
    for (generated, _) in results {
        match generated {
            Generated::Case(case) => cases.push(case),
            Generated::NotCompared(why, line) => not_compared.entry(why).or_default().push(line),
        }
    }
    // The golden programs too, as recorded.
    for (name, op, form) in golden_forms().into_iter().filter(|(_, op, _)| op.cloud == Cloud::Aws) {
        let out = outputs(op, &form, Shell::Posix);
        let text =
            std::fs::read_to_string(fixtures().join(format!("sdk/python/{name}.py"))).unwrap();
        cases.push(Case { item: item(op, op.sdk_service, &text, &out) });
    }
    let mut items: Vec<String> = cases.iter().map(|c| c.item.clone()).collect();
    // Every operation's method, generated or not: one names item per service.
    let mut methods: BTreeMap<&str, Vec<(&str, String)>> = BTreeMap::new();
    for op in &ops {
        methods.entry(op.sdk_service).or_default().push((op.name, op.sdk_method()));
    }
    for (service, names) in &methods {
        items.push(
            serde_json::json!({"route": format!("aws/{service} (methods)"), "service": service, "names": names})
                .to_string(),
        );
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/boto3_programs.py");
    let item_refs: Vec<&str> = items.iter().map(String::as_str).collect();
    let verdicts = common::run_batch(&python, &[script.as_ref()], "sdk_python", &item_refs);
    let (program_verdicts, name_verdicts) = verdicts.split_at(cases.len());

    let by_status = |status: &str| common::with_status(program_verdicts, status);
    let (matches, all_mismatches) = (by_status("match"), by_status("mismatch"));
    let (known, mismatches): (Vec<String>, Vec<String>) =
        all_mismatches.into_iter().partition(|line| common::known_difference(line).is_some());
    // A streaming upload's aws-chunked trailer, which the program's comment names.
    let trailer = |(case, line): &(&Case, String)| {
        case.item.contains(python::TRAILER_NOTE)
            && line.split_once(": ").is_some_and(|(_, detail)| {
                detail.split("; ").all(|d| TRAILER_PARTS.iter().any(|p| d.starts_with(p)))
            })
    };
    let mismatched: Vec<(&Case, String)> = cases
        .iter()
        .zip(program_verdicts)
        .filter(|(_, v)| v["status"] == "mismatch")
        .map(|(c, v)| {
            (c, format!("{}: {}", v["route"].as_str().unwrap(), v["detail"].as_str().unwrap()))
        })
        .filter(|(_, line)| mismatches.contains(line))
        .collect();
    let (trailers, mismatched): (Vec<_>, Vec<_>) = mismatched.into_iter().partition(trailer);
    let mismatches: Vec<String> = mismatched.into_iter().map(|(_, line)| line).collect();
    if !trailers.is_empty() {
        not_compared
            .entry(
                "boto3's aws-chunked checksum trailer of a streaming upload, named in the program"
                    .into(),
            )
            .or_default()
            .extend(trailers.into_iter().map(|(_, line)| line));
    }
    for (status, why) in [
        ("invalid", "botocore's validator refuses the generated params (a generator gap)"),
        ("endpoint", "botocore's endpoint rules refuse the generated input"),
    ] {
        not_compared.entry(why.into()).or_default().extend(by_status(status));
    }
    if !known.is_empty() {
        not_compared
            .entry("a handler of botocore's the page does not carry (docs/handlers.md)".into())
            .or_default()
            .extend(known.iter().cloned());
    }
    let errors = by_status("error");
    let wrong_names = common::with_status(name_verdicts, "error");
    let hosts = program_verdicts.iter().filter(|v| v["host"].is_string()).count();

    let mut summary = String::new();
    let _ = writeln!(summary, "\n== boto3 programs (seed {}) ==", run_seed());
    let _ = writeln!(summary, "AWS operations: {}", ops.len());
    let _ = writeln!(
        summary,
        "method names checked against boto3's clients: {} in {} services, wrong: {}",
        ops.len(),
        methods.len(),
        wrong_names.len()
    );
    let _ = writeln!(summary, "programs run: {} (with the goldens)", cases.len());
    let _ =
        writeln!(summary, "  compared, the request shown: {}", matches.len() + mismatches.len());
    let _ = writeln!(summary, "  mismatches: {}", mismatches.len());
    let _ = writeln!(summary, "  boto3 raised otherwise: {}", errors.len());
    let _ = writeln!(summary, "  hosts differ (reported apart, docs/exactness.md): {hosts}");
    let not_compared_count: usize = not_compared.values().map(Vec::len).sum();
    let _ = writeln!(summary, "operations not compared: {not_compared_count}");
    for (why, lines) in &not_compared {
        let _ = writeln!(summary, "  {}: {why}", lines.len());
    }
    let _ =
        writeln!(summary, "time: generation {generated_in:.1?}, total {:.1?}", started.elapsed());
    let shown: usize = std::env::var("BULK_LIST").ok().and_then(|n| n.parse().ok()).unwrap_or(10);
    for (title, lines) in not_compared.iter().map(|(why, lines)| (why.as_str(), lines)).chain([
        ("boto3 errors", &errors),
        ("wrong method names", &wrong_names),
        ("mismatches", &mismatches),
    ]) {
        common::list_first(&mut summary, title, lines, shown);
    }
    println!("{summary}");
    assert!(
        wrong_names.is_empty(),
        "{} services with wrong method names{summary}",
        wrong_names.len()
    );
    assert!(mismatches.is_empty(), "{} programs send another request{summary}", mismatches.len());
    assert!(errors.is_empty(), "boto3 raised on {} programs{summary}", errors.len());
    assert!(
        (matches.len() + mismatches.len()) * 100 >= ops.len() * 95,
        "only {} of {} operations compared{summary}",
        matches.len(),
        ops.len()
    );
}

/// The member of a ROA operation whose label is the whole path template (Cloud Control's
/// `{RequestPath}`).
fn whole_path_label(op: &Operation) -> Option<&'static str> {
    let template = op.http?.request_uri;
    op.members().iter().find_map(|m| {
        let label = format!("{{{}}}", m.location_name.unwrap_or(m.name));
        (m.location == Some(Location::Uri) && template == label).then_some(m.name)
    })
}

#[test]
#[ignore = "needs Alibaba's Python SDKs in .venv; scripts/test runs it"]
fn every_aliyun_operation_sends_the_request_shown_through_its_sdk() {
    let started = std::time::Instant::now();
    let seed = fresh_seed();
    eprintln!("sdk_python (Alibaba Cloud): SEED={seed} replays this run");
    let python = common::venv().join("bin/python");
    let ops = common::aliyun::all_operations();
    let roa_routes: BTreeSet<String> =
        ops.iter().filter(|op| common::aliyun::is_roa(op)).map(|op| op.route()).collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let results: Vec<Result<String, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = ops
            .chunks(ops.len().div_ceil(threads).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    let mut cache = PatternCache::default();
                    let options = Options::default();
                    chunk
                        .iter()
                        .map(|op| {
                            // A header value beyond Latin-1 makes the SDK raise (the program
                            // says so): another draw is taken so that the request is compared,
                            // and the first draw kept where all have one.
                            let latin1 = |_: &FormState, out: &Outputs| {
                                let beyond = out
                                    .wire
                                    .headers
                                    .iter()
                                    .any(|(_, v)| v.chars().any(|c| c > '\u{ff}'));
                                beyond.then(|| "a header value beyond Latin-1".to_string())
                            };
                            let (mut form, _, mut out) =
                                valid_form_seeded(op, seed, &options, &mut cache, &latin1)
                                    .or_else(|_| {
                                        valid_form_seeded(
                                            op,
                                            seed,
                                            &options,
                                            &mut cache,
                                            &|_, _| None,
                                        )
                                    })
                                    .map_err(|(errors, _)| format!("{}: {errors}", op.route()))?;
                            if let Some(label) = whole_path_label(op) {
                                // A path starts with `/` (the program's SLASH_NOTE names the
                                // other case, which no HTTP request can be compared with).
                                if !form.get(label).starts_with('/') {
                                    let path = format!("/{}", form.get(label));
                                    form.set(label, &path);
                                    out = outputs(op, &form, Shell::Posix);
                                }
                            }
                            Ok(common::aliyun::program_item(
                                op,
                                &program(op, &out, form.awscli),
                                &out,
                            ))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let generated_in = started.elapsed();
    let mut not_compared: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut items = Vec::new();
    for result in results {
        match result {
            Ok(item) => items.push(item),
            Err(line) => not_compared
                .entry("the generator found no valid form".into())
                .or_default()
                .push(line),
        }
    }
    // The golden programs too, as recorded.
    let goldens = golden_forms().into_iter().filter(|(_, op, _)| op.cloud == Cloud::Aliyun);
    let mut golden_count = 0;
    for (name, op, form) in goldens {
        let out = outputs(op, &form, Shell::Posix);
        let text =
            std::fs::read_to_string(fixtures().join(format!("sdk/python/{name}.py"))).unwrap();
        items.push(common::aliyun::program_item(op, &text, &out));
        golden_count += 1;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/aliyun_programs.py");
    let item_refs: Vec<&str> = items.iter().map(String::as_str).collect();
    let verdicts = common::run_batch(&python, &[script.as_ref()], "sdk_python_aliyun", &item_refs);
    let by_status = |status: &str| common::with_status(&verdicts, status);
    let (matches, all_mismatches, all_errors) =
        (by_status("match"), by_status("mismatch"), by_status("error"));
    // The known differences (common::aliyun::KNOWN_DIFFERENCES) are listed, not compared (the
    // SDK may refuse one: a WebSocket operation).
    let mut known = |lines: Vec<String>| -> Vec<String> {
        let mut unknown = Vec::new();
        for line in lines {
            match common::aliyun::known_difference(line.split(": ").next().unwrap_or("")) {
                Some(why) => not_compared.entry(why.to_string()).or_default().push(line),
                None => unknown.push(line),
            }
        }
        unknown
    };
    let (mismatches, mut errors) = (known(all_mismatches), known(all_errors));
    // A header value beyond Latin-1, which Python's HTTP client refuses: the program says so.
    let refused: BTreeSet<String> = items
        .iter()
        .zip(&verdicts)
        .filter(|(item, v)| {
            v["status"] == "error"
                && item.contains(aliyun_python::LATIN1_NOTE)
                && v["detail"].as_str().unwrap_or("").contains("'latin-1' codec can't encode")
        })
        .map(|(_, v)| v["route"].as_str().unwrap().to_string())
        .collect();
    // A whole path that requests re-quotes arrives so, and only a program that says so.
    let requoted = verdicts.iter().filter(|v| v["requoted"] == true).count();
    let path_notes: Vec<String> = items
        .iter()
        .zip(&verdicts)
        .filter(|(item, v)| (v["requoted"] == true) != item.contains(aliyun_python::PATH_NOTE))
        .map(|(_, v)| format!("{} (requoted: {})", v["route"].as_str().unwrap(), v["requoted"]))
        .collect();
    // And a program that says the SDK raises sends nothing.
    let sent_anyway: Vec<String> = items
        .iter()
        .zip(&verdicts)
        .filter(|(item, v)| v["status"] != "error" && item.contains(aliyun_python::LATIN1_NOTE))
        .map(|(_, v)| v["route"].as_str().unwrap().to_string())
        .collect();
    let (latin1, rest): (Vec<String>, Vec<String>) = errors
        .into_iter()
        .partition(|line| refused.contains(line.split(": ").next().unwrap_or("")));
    errors = rest;
    if !latin1.is_empty() {
        not_compared
            .entry("a header value beyond Latin-1, which the SDK's HTTP client refuses to send (the program says so)".into())
            .or_default()
            .extend(latin1);
    }
    let is_roa = |line: &String| roa_routes.contains(line.split(": ").next().unwrap_or(""));
    let roa_count = |lines: &[String]| lines.iter().filter(|l| is_roa(l)).count();
    let roa_matches = roa_count(&matches);
    let roa_not_compared: usize = not_compared.values().map(|lines| roa_count(lines)).sum();
    let booleans: u64 = verdicts.iter().map(|v| v["booleans"].as_u64().unwrap_or(0)).sum();
    let noted = items.iter().filter(|i| i.contains(aliyun_python::BOOLEAN_NOTE)).count();
    // A program whose request the SDK writes a boolean into says so.
    let unnoted: Vec<String> = items
        .iter()
        .zip(&verdicts)
        .filter(|(item, v)| {
            v["booleans"].as_u64().unwrap_or(0) > 0 && !item.contains(aliyun_python::BOOLEAN_NOTE)
        })
        .map(|(_, v)| v["route"].as_str().unwrap().to_string())
        .collect();

    let mut summary = String::new();
    let _ =
        writeln!(summary, "\n== Alibaba Cloud Python programs (SEED={seed} replays this run) ==");
    let _ = writeln!(
        summary,
        "Alibaba Cloud operations: {} (RPC {}, ROA {})",
        ops.len(),
        ops.len() - roa_routes.len(),
        roa_routes.len()
    );
    let _ = writeln!(summary, "programs run: {} (with {golden_count} goldens)", items.len());
    let _ =
        writeln!(summary, "  compared, the request shown: {}", matches.len() + mismatches.len());
    let _ = writeln!(summary, "  mismatches: {}", mismatches.len());
    let _ = writeln!(summary, "  raised before sending, or sent no request: {}", errors.len());
    for (protocol, roa) in [("RPC", false), ("ROA", true)] {
        let count = |lines: &[String]| lines.iter().filter(|l| is_roa(l) == roa).count();
        let _ = writeln!(
            summary,
            "  {protocol}: compared {}, mismatches {}, errors {}, not compared {}",
            count(&matches) + count(&mismatches),
            count(&mismatches),
            count(&errors),
            not_compared.values().map(|lines| count(lines)).sum::<usize>()
        );
    }
    let _ = writeln!(
        summary,
        "booleans the SDK writes True/False (counted equal; {noted} programs say so): {booleans}"
    );
    let _ = writeln!(
        summary,
        "whole paths requests rewrites (compared as requests prepares the page's; the programs say so): {requoted}"
    );
    let not_compared_count: usize = not_compared.values().map(Vec::len).sum();
    let _ = writeln!(summary, "operations not compared: {not_compared_count}");
    for (why, lines) in &not_compared {
        let _ = writeln!(summary, "  {}: {why}", lines.len());
    }
    let _ =
        writeln!(summary, "time: generation {generated_in:.1?}, total {:.1?}", started.elapsed());
    for (title, lines) in not_compared
        .iter()
        .map(|(why, lines)| (why.as_str(), lines))
        .chain([("SDK errors", &errors), ("mismatches", &mismatches)])
    {
        common::list_first(&mut summary, title, lines, 10);
    }
    println!("{summary}");
    assert!(mismatches.is_empty(), "{} programs send another request{summary}", mismatches.len());
    assert!(errors.is_empty(), "{} programs sent nothing comparable{summary}", errors.len());
    assert!(unnoted.is_empty(), "programs without the boolean note: {unnoted:?}{summary}");
    assert!(path_notes.is_empty(), "the path note and requests disagree: {path_notes:?}{summary}");
    assert!(
        sent_anyway.is_empty(),
        "programs that say the SDK raises, and sent: {sent_anyway:?}{summary}"
    );
    assert!(golden_count >= 3, "the Alibaba Cloud golden programs are missing{summary}");
    assert!(
        matches.len() * 100 >= ops.len() * 99,
        "only {} of {} operations compared{summary}",
        matches.len(),
        ops.len()
    );
    // Every ROA operation is compared, or counted with its reason (the goldens add matches).
    assert!(
        roa_matches + roa_not_compared >= roa_routes.len()
            && roa_matches * 100 >= roa_routes.len() * 99,
        "only {roa_matches} of {} ROA operations compared{summary}",
        roa_routes.len()
    );
}
