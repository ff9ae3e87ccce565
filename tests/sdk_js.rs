//! The `out-js` program (`core::sdk::javascript`), as the page makes it: from the `out-json`
//! document, region and AWS CLI version (`core::sdk::from_cli_json`, what the worker runs).
//!
//! - Golden programs of the operations the Python goldens cover
//!   (`tests/fixtures/sdk/js/<name>.mjs`, forms as tests/sdk_python.rs reads them).
//!   `UPDATE_GOLDEN=1` rewrites them; the sampled test below runs them through the SDK too.
//! - Sampled: random AWS operations, one of each of 200 random services whose package is pinned
//!   in tests/js-sdk/package.json and 60 more, with random valid forms, from a fresh seed each
//!   run (`SEED=<n>` replays one; a failure prints it). Their programs run in one Node process
//!   with the pinned `@aws-sdk/client-*` packages (`tests/tools/js_sdk_programs.mjs`), which
//!   captures the request each `client.send` would send: method, path, query, body and headers
//!   must be the page's. Every pinned package is checked to export the client class the page
//!   names, with the model's service id, and a command for every operation of the service.

mod common;

use common::random_form::{
    aws_operations, botocore_services, fresh_seed, random_form, seed_for, Options, PatternCache,
    SplitMix,
};
use request_builder::core::cli::shell::Shell;
use request_builder::core::model::{catalog, AwsCli, Cloud, Operation};
use request_builder::core::request::form::FormState;
use request_builder::core::sdk::javascript::{self, client, command, package};
use request_builder::core::sdk::{from_cli_json, Sdk};
use request_builder::core::{outputs, Outputs};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The JavaScript program the page shows for these outputs.
fn program(op: &Operation, out: &Outputs, awscli: AwsCli) -> String {
    from_cli_json(Sdk::JavaScript, op, &out.json, &out.region, awscli)
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The golden cases: the operations of the Python goldens (name, operation, form).
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
        let path = fixtures().join(format!("sdk/js/{name}.mjs"));
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            failures.push(format!("{}:\n{text}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "programs differ from the recorded ones:\n{}",
        failures.join("\n")
    );
}

/// Where scripts/ensure-test-tools installs the pinned packages (`JS_SDK_DIR` overrides).
fn install_dir() -> PathBuf {
    let dir = std::env::var_os("JS_SDK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".cache/js-sdk"));
    assert!(
        dir.join("node_modules/@smithy/smithy-client").exists(),
        "the pinned @aws-sdk packages are missing at {}: run scripts/ensure-test-tools",
        dir.display()
    );
    dir
}

/// The packages pinned in tests/js-sdk/package.json.
fn pinned() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js-sdk/package.json");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("tests/js-sdk/package.json"))
            .unwrap();
    manifest["dependencies"].as_object().expect("dependencies").keys().cloned().collect()
}

/// Services sampled (one operation each), and further operations sampled from them.
const SERVICES: usize = 200;
const EXTRA: usize = 60;

/// Draws that once failed (route, and the seed whose form showed it), run on every seed as
/// regression cases of their fixes.
const REPLAYED: &[(&str, u64)] = &[
    // The SDK's content-type on an empty body (client-neptunedata 3.403.0).
    ("aws/neptunedata/DeletePropertygraphStatistics", 1796517759313142644),
    // The pinned package insists on a member the model made optional.
    ("aws/resiliencehub/ListRecommendationTemplates", 1796517759313142644),
    // An event-stream input the SDK wants as a stream.
    ("aws/polly/StartSpeechSynthesisStream", 1796644410921984101),
    // A body `jsonvalue` string: the program wrapped it in JSON.stringify, which the SDK then
    // sent as a JSON string of its text.
    ("aws/schemas/PutResourcePolicy", 1796642072422268363),
    // botocore's and the SDK's Glacier tree hash, which the page does not compute.
    ("aws/glacier/UploadArchive", 1796642072422268363),
];

/// A random valid form from the run's seed (as `random_form::valid_form` tries a few).
fn valid_form(
    op: &'static Operation,
    seed: u64,
    options: &Options,
    cache: &mut PatternCache,
) -> Result<(FormState, Outputs), String> {
    let base = seed_for(&op.route(), seed);
    let mut last = String::new();
    for attempt in 0..8 {
        let (form, _) = random_form(op, base.wrapping_add(attempt), options, cache);
        let out = outputs(op, &form, Shell::Posix);
        let errors = common::error_messages(&out.report);
        if errors.is_empty() {
            return Ok((form, out));
        }
        last = errors.join("; ");
    }
    Err(last)
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

fn item(op: &Operation, program: &str, out: &Outputs) -> String {
    serde_json::json!({
        "route": op.route(), "operation": op.name, "program": program, "expected": expected(out),
    })
    .to_string()
}

#[test]
#[ignore = "needs node and the pinned @aws-sdk packages (scripts/ensure-test-tools); scripts/test runs it"]
fn sampled_aws_operations_send_the_request_shown_through_the_js_sdk() {
    let started = std::time::Instant::now();
    let seed = fresh_seed();
    eprintln!("sdk_js: SEED={seed} replays this run");
    let dir = install_dir();
    let python = common::venv().join("bin/python");
    let pinned = pinned();
    let ops = aws_operations();
    let mut not_compared: BTreeMap<String, Vec<String>> = BTreeMap::new();

    // The operations of each service whose package is pinned, by service.
    let mut by_service: BTreeMap<&str, Vec<&'static Operation>> = BTreeMap::new();
    for op in &ops {
        if pinned.contains(&package(op.sdk_id)) {
            by_service.entry(op.sdk_id).or_default().push(op);
        }
    }
    let unpinned: BTreeSet<&str> =
        ops.iter().map(|op| op.sdk_id).filter(|id| !by_service.contains_key(id)).collect();
    let mut rng = SplitMix(seed);
    let mut services: Vec<&str> = by_service.keys().copied().collect();
    for i in (1..services.len()).rev() {
        services.swap(i, rng.below(i as u64 + 1) as usize);
    }
    services.truncate(SERVICES);
    let mut sampled: Vec<&'static Operation> =
        services.iter().map(|s| *rng.pick(&by_service[s])).collect();
    let pool: Vec<&'static Operation> =
        services.iter().flat_map(|s| by_service[s].iter().copied()).collect();
    for _ in 0..EXTRA * 4 {
        if sampled.len() >= services.len() + EXTRA {
            break;
        }
        let op = *rng.pick(&pool);
        if !sampled.iter().any(|o| std::ptr::eq(*o, op)) {
            sampled.push(op);
        }
    }

    let mut draws: Vec<(&'static Operation, u64)> = sampled.iter().map(|op| (*op, seed)).collect();
    for (route, replayed) in REPLAYED {
        draws.push((catalog::find(route).expect("a replayed route"), *replayed));
    }
    let names: BTreeSet<&str> = draws.iter().map(|(op, _)| op.service).collect();
    let botocore = botocore_services(&python, &names);
    let mut cache = PatternCache::default();
    let mut cases: Vec<(String, String)> = Vec::new();
    for &(op, seed) in &draws {
        let route = op.route();
        let options = Options {
            unions: botocore[op.service]["unions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect(),
            // The SDK computes AWS CLI v1's default checksum (CRC32), and fills an unset
            // idempotency token with a random UUID (the program says so): both are set here.
            awscli: AwsCli::V1,
            fill_idempotency_tokens: true,
            ..Options::default()
        };
        let (mut form, mut out) = match valid_form(op, seed, &options, &mut cache) {
            Ok(found) => found,
            Err(errors) => {
                not_compared
                    .entry("the generator found no valid form".into())
                    .or_default()
                    .push(format!("{route}: {errors}"));
                continue;
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
        if text.contains(javascript::BIG_INTEGER_NOTE) {
            not_compared
                .entry("an integer beyond 2^53, which the program says the SDK rounds".into())
                .or_default()
                .push(route);
            continue;
        }
        cases.push((route, item(op, &text, &out)));
    }
    // The golden programs too, as recorded.
    for (name, op, form) in golden_forms().into_iter().filter(|(_, op, _)| op.cloud == Cloud::Aws) {
        let out = outputs(op, &form, Shell::Posix);
        let text = std::fs::read_to_string(fixtures().join(format!("sdk/js/{name}.mjs"))).unwrap();
        cases.push((op.route(), item(op, &text, &out)));
    }
    let generated_in = started.elapsed();

    // Every pinned package's names.
    let mut items: Vec<String> = cases.iter().map(|(_, item)| item.clone()).collect();
    for (id, service_ops) in &by_service {
        let commands: Vec<String> = service_ops.iter().map(|op| command(op.name)).collect();
        items.push(
            serde_json::json!({
                "route": format!("aws/{} (names)", service_ops[0].service),
                "package": package(id), "client": client(id), "serviceId": id, "commands": commands,
            })
            .to_string(),
        );
    }
    let verdicts = run_node(&dir, &items);
    let (program_verdicts, name_verdicts) = verdicts.split_at(cases.len());

    let by_status = |status: &str| common::with_status(program_verdicts, status);
    let (matches, spelled, mismatches, errors) =
        (by_status("match"), by_status("spelled"), by_status("mismatch"), by_status("error"));
    for (status, why) in [
        ("missing", "the pinned package has no command for it (older than the model)"),
        ("dropped", "the pinned package drops members it does not know (older than the model)"),
        (
            "required",
            "the pinned package requires a member the model made optional (older than the model)",
        ),
        ("upload", "the SDK's CRC32 checksum header of an upload, named in the program"),
        ("token", "a bearer token's operation: the SDK's default chain has no token here"),
        ("presigned", "the SDK adds CopySnapshot's presigned URL (the page warns of it)"),
        ("endpoint", "the SDK's endpoint rules refuse the generated input"),
        ("eventstream", "an event-stream input, which the SDK sends framed as events"),
    ] {
        not_compared.entry(why.into()).or_default().extend(by_status(status));
    }
    not_compared.retain(|_, lines| !lines.is_empty());
    // How the SDK spells the same request otherwise, by kind.
    let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
    for verdict in program_verdicts.iter().filter(|v| v["status"] == "spelled") {
        for kind in verdict["detail"].as_str().unwrap().split("; ") {
            *spellings.entry(kind).or_default() += 1;
        }
    }
    let wrong_names = common::with_status(name_verdicts, "error");
    let missing_commands: usize = name_verdicts
        .iter()
        .filter(|v| v["status"] == "missing")
        .filter_map(|v| v["detail"].as_str()?.split(' ').next()?.parse::<usize>().ok())
        .sum();
    let hosts = program_verdicts.iter().filter(|v| v["host"].is_string()).count();
    let compared = |v: &&serde_json::Value| {
        ["match", "spelled", "mismatch"].contains(&v["status"].as_str().unwrap_or(""))
    };
    let compared_services: BTreeSet<&str> = program_verdicts
        .iter()
        .filter(compared)
        .filter_map(|v| v["route"].as_str()?.split('/').nth(1))
        .collect();
    let compared_count = program_verdicts.iter().filter(compared).count();

    let mut summary = String::new();
    let _ = writeln!(summary, "\n== JavaScript programs (SEED={seed} replays this run) ==");
    let _ = writeln!(
        summary,
        "AWS services: {} with a pinned package ({} operations), {} without",
        by_service.len(),
        by_service.values().map(Vec::len).sum::<usize>(),
        unpinned.len()
    );
    let _ = writeln!(
        summary,
        "names checked against the pinned packages: {} packages (client class, service id), wrong: {}; commands the pinned packages lack (older than the model): {missing_commands}",
        name_verdicts.len(),
        wrong_names.len()
    );
    let _ = writeln!(
        summary,
        "programs run: {} ({} sampled operations, {} replayed draws (REPLAYED) and the goldens)",
        cases.len(),
        sampled.len(),
        REPLAYED.len()
    );
    let _ = writeln!(
        summary,
        "  compared with the request shown: {compared_count} in {} services",
        compared_services.len()
    );
    let _ = writeln!(summary, "    byte for byte: {}", matches.len());
    let _ = writeln!(summary, "    the same request in the SDK's own spelling: {}", spelled.len());
    for (kind, n) in &spellings {
        let _ = writeln!(summary, "      {n}: {kind}");
    }
    let _ = writeln!(summary, "    mismatches: {}", mismatches.len());
    let _ = writeln!(summary, "  the SDK threw otherwise: {}", errors.len());
    let _ = writeln!(summary, "  hosts differ (reported apart, docs/exactness.md): {hosts}");
    let not_compared_count: usize = not_compared.values().map(Vec::len).sum();
    let _ = writeln!(summary, "sampled operations not compared: {not_compared_count}");
    for (why, lines) in &not_compared {
        let _ = writeln!(summary, "  {}: {why}", lines.len());
    }
    let _ =
        writeln!(summary, "time: generation {generated_in:.1?}, total {:.1?}", started.elapsed());
    let shown: usize = std::env::var("BULK_LIST").ok().and_then(|n| n.parse().ok()).unwrap_or(10);
    for (title, lines) in not_compared.iter().map(|(why, lines)| (why.as_str(), lines)).chain([
        ("SDK errors", &errors),
        ("wrong names", &wrong_names),
        ("mismatches", &mismatches),
    ]) {
        if !lines.is_empty() {
            let _ = writeln!(
                summary,
                "\n-- {title} (first {} of {}) --",
                lines.len().min(shown),
                lines.len()
            );
            for line in lines.iter().take(shown) {
                let _ = writeln!(summary, "{line}");
            }
        }
    }
    println!("{summary}");
    assert!(wrong_names.is_empty(), "{} packages with wrong names{summary}", wrong_names.len());
    assert!(mismatches.is_empty(), "{} programs send another request{summary}", mismatches.len());
    assert!(errors.is_empty(), "the SDK threw on {} programs{summary}", errors.len());
    assert!(
        compared_count >= 200 && compared_services.len() >= 150,
        "only {compared_count} operations in {} services compared{summary}",
        compared_services.len()
    );
}

/// Runs the items through tests/tools/js_sdk_programs.mjs in one Node process.
fn run_node(dir: &Path, items: &[String]) -> Vec<serde_json::Value> {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let (batch, results) = (tmp.join("sdk_js_batch.json"), tmp.join("sdk_js_results.json"));
    std::fs::write(&batch, format!("[\n{}\n]\n", items.join(",\n"))).expect("write batch");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/js_sdk_programs.mjs");
    let output = std::process::Command::new("node")
        .arg(script)
        .arg(dir)
        .arg(&batch)
        .arg(&results)
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "the Node batch failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verdicts: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&results).expect("results")).unwrap();
    assert_eq!(verdicts.len(), items.len(), "one verdict per case");
    verdicts
}

#[test]
fn alibaba_operations_say_the_program_is_not_written_yet() {
    let op = catalog::find("aliyun/ecs/DescribeRegions").expect("run scripts/build-models");
    let out = outputs(op, &FormState::new("cn-hangzhou"), Shell::Posix);
    assert_eq!(
        program(op, &out, AwsCli::default()),
        "// JavaScript for Alibaba Cloud operations is not written by this page yet.\n"
    );
}
