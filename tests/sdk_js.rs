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
//! - Sampled, Alibaba Cloud: 80 random operations of the products whose `@alicloud` package is
//!   pinned in modeldata/aliyun-npm, random valid forms from a fresh seed each run (`SEED=<n>`
//!   replays one), their programs run in one Node process with the pinned packages
//!   (`tests/tools/aliyun_js_programs.mjs`), which points each program's endpoint at a capture
//!   server on 127.0.0.1 and compares the request it receives with the page's. Every operation
//!   of those products has its method and request classes checked against the packages, and
//!   every operation of the other products is checked (without Node) to say that npm has none.

mod common;

use common::random_form::{
    aws_operations, botocore_services, fresh_seed, random_form, seed_for, valid_form_seeded,
    Options, PatternCache, SplitMix,
};
use request_builder::core::cli::shell::Shell;
use request_builder::core::model::{catalog, AwsCli, Cloud, Kind, Operation, Structure};
use request_builder::core::request::form::FormState;
use request_builder::core::sdk::aliyun_js;
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
    installed("JS_SDK_DIR", ".cache/js-sdk", "@smithy/smithy-client", "@aws-sdk")
}

/// The folder `env` names, else `default` in the checkout, once `marker` (a package every pinned
/// client needs) is installed there: the packages `what` names are missing otherwise.
fn installed(env: &str, default: &str, marker: &str, what: &str) -> PathBuf {
    let dir = std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(default));
    assert!(
        dir.join("node_modules").join(marker).exists(),
        "the pinned {what} packages are missing at {}: run scripts/ensure-test-tools",
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
    // CopySource: botocore percent-encodes it, the SDK sends it as given.
    ("aws/s3api/CopyObject", 1796514901290494605),
    ("aws/s3api/UploadPartCopy", 1796540560977843768),
    // XML attributes in the SDK's order.
    ("aws/s3api/PutBucketLogging", 1796515512801122252),
    // Union members the pinned package does not know.
    ("aws/groundstation/UpdateConfig", 1796522565537902173),
    ("aws/groundstation/CreateEphemeris", 1796540596760932696),
    // An SSE-C key with its MD5 set: the SDK computes the MD5 itself.
    ("aws/s3api/GetObject", 1796541697540707432),
    // Content-Type text/plain on a string payload; an empty body's Content-Length.
    ("aws/s3api/PutBucketPolicy", 1796590879269822693),
    ("aws/efs/DescribeAccountPreferences", 1796590879269822693),
    // An empty list header, which botocore leaves out and the SDK sends empty.
    ("aws/entityresolution/BatchDeleteUniqueId", 1796611939960722062),
    // An SSE-C key of an operation botocore's sse_md5 does not run for.
    ("aws/s3api/GetObjectAttributes", 1796611939960722062),
    // Route 53 IDs: botocore sends the last path segment, the SDK strips known prefixes only.
    ("aws/route53/GetHostedZoneChangeBatch", 1796620440354079578),
    // GetBucketLocation: botocore addresses it path-style always, the SDK virtual-hosted unless
    // told (the program sets forcePathStyle).
    ("aws/s3api/GetBucketLocation", 1796756741123645503),
    ("aws/route53/ListTrafficPolicyInstancesByHostedZone", 1796627104155773736),
    ("aws/route53/CreateResourceRecordSetProtections", 1796530018411233866),
    // A list header: botocore joins with ",", the SDK with ", ".
    ("aws/entityresolution/BatchDeleteUniqueId", 1796531408786179459),
    // A float in the query: botocore writes 1e-05, the SDK 0.00001.
    ("aws/geo-maps/GetStaticMap", 1796594467479050821),
    // The pinned package binds the operation to GET .../versions (botocore: POST .../list).
    ("aws/bedrock-agentcore-control/ListDatasetVersions", 1796535696092810915),
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
    const NOT_COMPARED: &[(&str, &str)] = &[
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
        ("binding", "the pinned package binds the operation to another method and path (another API version)"),
        ("union", "the pinned package does not know the union member set (older than the model)"),
        ("ssec", "the SDK computes the SSE-C key's MD5 itself (the program says so)"),
    ];
    for &(status, why) in NOT_COMPARED {
        not_compared.entry(why.into()).or_default().extend(by_status(status));
    }
    // A status the driver gives and this test does not know would drop out of every count.
    let known = |s: &str| {
        ["match", "spelled", "mismatch", "error"].contains(&s)
            || NOT_COMPARED.iter().any(|(k, _)| *k == s)
    };
    let unknown: Vec<&serde_json::Value> =
        program_verdicts.iter().filter(|v| !known(v["status"].as_str().unwrap_or(""))).collect();
    assert!(unknown.is_empty(), "verdicts with a status this test does not know: {unknown:?}");
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
        common::list_first(&mut summary, title, lines, shown);
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
    run_node_script("js_sdk_programs.mjs", "sdk_js", dir, items)
}

/// Runs the items through a script of tests/tools in one Node process, with the packages
/// installed in `dir`.
fn run_node_script(
    script: &str,
    name: &str,
    dir: &Path,
    items: &[String],
) -> Vec<serde_json::Value> {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let (batch, results) =
        (tmp.join(format!("{name}_batch.json")), tmp.join(format!("{name}_results.json")));
    std::fs::write(&batch, format!("[\n{}\n]\n", items.join(",\n"))).expect("write batch");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools").join(script);
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

/// Where scripts/ensure-test-tools installs the pinned `@alicloud` packages
/// (`ALIYUN_JS_SDK_DIR` overrides).
fn aliyun_install_dir() -> PathBuf {
    installed("ALIYUN_JS_SDK_DIR", ".cache/js-sdk-aliyun", "@alicloud/openapi-core", "@alicloud")
}

/// Alibaba Cloud operations drawn per run.
const ALIYUN_DRAWN: usize = 80;

/// Forms that once showed a difference, run on every seed as regression cases (route, values).
const ALIYUN_FIXED: &[(&str, &[(&str, &str)])] = &[
    // A whole-number float: the SDK sent `0` (JavaScript's String) where the page shows `0.0`
    // (the Python SDK's str); the program now says so, and the runner counts it "spelled".
    (
        "aliyun/ecs/ModifyDedicatedHostAttribute",
        &[("RegionId", "cn-hangzhou"), ("DedicatedHostId", "dh-1"), ("CpuOverCommitRatio", "0")],
    ),
];

/// Draws that once failed (route, and the seed whose form showed it), run on every seed as
/// regression cases of their fixes.
const ALIYUN_REPLAYED: &[(&str, u64)] = &[
    // An unset list of structures inside a JSON-text parameter: the page (the Python SDK) writes
    // `"Tags":[]`, the package left it out until the program passed the empty list.
    ("aliyun/ecs/ModifyPlanMaintenanceWindow", 1796524410201569585),
    ("aliyun/ecs/CreatePlanMaintenanceWindow", 1796531243899691622),
    // The pinned package sends the action with GET, the page (the Python pin) with POST.
    ("aliyun/rds/DescribeDBInstanceReplication", 1796530151006726357),
    // A float in a JSON document parameter (`1e-05`, which JSON.stringify writes `0.00001`):
    // the program lacked the number note.
    ("aliyun/ecs/ModifyInvocationAttribute", 1796530018411233866),
];

/// The reason a program is not compared when the only difference is the method: the program
/// cannot choose it.
const OTHER_METHOD: &str =
    "the pinned package sends the action with another method (older than the model)";

/// The classes and attributes the page names for an operation's request, by class.
fn aliyun_classes(op: &Operation, classes: &mut BTreeMap<String, BTreeSet<String>>) {
    fn walk(shape: &'static Structure, classes: &mut BTreeMap<String, BTreeSet<String>>) {
        if classes.contains_key(shape.name) {
            return;
        }
        classes.insert(shape.name.to_string(), BTreeSet::new());
        for member in shape.members() {
            // A member the package does not know is left out, its class too.
            let Some(name) = aliyun_js::attribute(member) else { continue };
            classes.get_mut(shape.name).unwrap().insert(name);
            let mut kind = member.kind;
            loop {
                match kind {
                    Kind::List { item, .. } => kind = item.kind,
                    Kind::Map { value, .. } => kind = value.kind,
                    _ => break,
                }
            }
            if let Kind::Structure(inner) = kind {
                walk(inner, classes);
            }
        }
    }
    if !op.input.name.is_empty() {
        walk(op.input, classes);
    }
}

/// Every operation of a product without a pinned npm package (SMC, DTS, PolarDB and the
/// products added with issue 28) gets one line saying so instead of a program; the others get a
/// program (run by the test below).
#[test]
fn alibaba_products_without_an_npm_package_say_so() {
    let ops = common::aliyun::operations();
    let mut silent = Vec::new();
    let mut without = BTreeSet::new();
    for op in &ops {
        let out = outputs(op, &FormState::new(op.default_region()), Shell::Posix);
        let text = program(op, &out, AwsCli::default());
        let says_none = text.starts_with("// npm has no ") && text.lines().count() == 1;
        if op.npm_version.is_empty() {
            without.insert(op.service);
        }
        if says_none != op.npm_version.is_empty() {
            silent.push(op.route());
        }
    }
    assert!(silent.is_empty(), "programs that do not match the package data: {silent:?}");
    // The products with a pinned npm package (modeldata/aliyun-npm) are the only ones with a
    // program; the migration products without one stay among those that say so.
    let with: BTreeSet<&str> =
        ops.iter().filter(|op| !op.npm_version.is_empty()).map(|op| op.service).collect();
    assert_eq!(with.into_iter().collect::<Vec<_>>(), ["ecs", "r-kvstore", "rds", "vpc"]);
    for product in ["dts", "polardb", "smc"] {
        assert!(without.contains(product), "{product}");
    }
    let op = catalog::find("aliyun/smc/StartReplicationJob").unwrap();
    let out = outputs(op, &FormState::new("cn-hangzhou"), Shell::Posix);
    assert_eq!(
        program(op, &out, AwsCli::default()),
        "// npm has no @alicloud/smc20190601 package with the client this page writes for (<action>WithOptions): no JavaScript program for Alibaba Cloud Server Migration Center.\n"
    );
}

#[test]
fn restful_operations_say_no_npm_package_is_pinned_for_them() {
    // aliyun_js writes no RESTful calls: that holds while no ROA product has a pinned package.
    let roa: Vec<&Operation> = common::aliyun::all_operations()
        .into_iter()
        .filter(|op| common::aliyun::is_roa(op))
        .collect();
    assert!(roa.len() > 4000, "{} ROA operations", roa.len());
    let mut wrong = Vec::new();
    for op in &roa {
        let out = outputs(op, &FormState::new(op.default_region()), Shell::Posix);
        let text = program(op, &out, AwsCli::default());
        let says = format!("// The page pins no npm package for {} (", op.service_title);
        if !op.npm_version.is_empty() || !text.starts_with(&says) || text.lines().count() != 1 {
            wrong.push(format!("{}: {text}", op.route()));
        }
    }
    assert!(wrong.is_empty(), "{} ROA programs: {:?}", wrong.len(), &wrong[..wrong.len().min(5)]);
    let op = catalog::find("aliyun/cs/ModifyCluster").unwrap();
    let out = outputs(op, &FormState::new("cn-hangzhou"), Shell::Posix);
    assert_eq!(
        program(op, &out, AwsCli::default()),
        "// The page pins no npm package for Alibaba Cloud Container Service (modeldata/aliyun-npm), so it writes no JavaScript program for its RESTful operations: the Python program sends this request.\n"
    );
}

#[test]
#[ignore = "needs node and the pinned @alicloud packages (scripts/ensure-test-tools); scripts/test runs it"]
fn sampled_aliyun_operations_send_the_request_shown_through_their_npm_packages() {
    let started = std::time::Instant::now();
    let seed = fresh_seed();
    eprintln!("sdk_js (Alibaba Cloud): SEED={seed} replays this run");
    let dir = aliyun_install_dir();
    let ops = common::aliyun::operations();
    let mut not_compared: BTreeMap<String, Vec<String>> = BTreeMap::new();

    let without: BTreeSet<&str> =
        ops.iter().filter(|op| op.npm_version.is_empty()).map(|op| op.npm).collect();

    let mut usable: Vec<&'static Operation> =
        ops.iter().copied().filter(|op| !op.npm_version.is_empty()).collect();
    let mut rng = SplitMix(seed);
    for i in (1..usable.len()).rev() {
        usable.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let drawn: Vec<&'static Operation> = usable.iter().copied().take(ALIYUN_DRAWN).collect();
    let mut cache = PatternCache::default();
    let options = Options::default();
    let mut items = Vec::new();
    let mut products = BTreeSet::new();
    let mut draws: Vec<(&'static Operation, u64)> = drawn.iter().map(|op| (*op, seed)).collect();
    for (route, replayed) in ALIYUN_REPLAYED {
        draws.push((catalog::find(route).expect("a replayed route"), *replayed));
    }
    for &(op, seed) in &draws {
        let route = op.route();
        let (form, _, out) = match valid_form_seeded(op, seed, &options, &mut cache, &|_, _| None) {
            Ok(found) => found,
            Err((errors, _)) => {
                not_compared
                    .entry("the generator found no valid form".into())
                    .or_default()
                    .push(format!("{route}: {errors}"));
                continue;
            }
        };
        let text = program(op, &out, form.awscli);
        let why = if text.contains("has no method for") {
            Some(
                "the pinned package has no method for it (older than the model; the panel says so)",
            )
        } else if text.contains("(the pinned package) does not know") {
            Some("the pinned package does not know a member the form set (older than the model; the program says so)")
        } else if text.contains(javascript::BIG_INTEGER_NOTE) {
            Some("an integer beyond 2^53, which the program says the SDK rounds")
        } else {
            None
        };
        if let Some(why) = why {
            not_compared.entry(why.into()).or_default().push(route);
            continue;
        }
        products.insert(op.service);
        items.push(common::aliyun::program_item(op, &text, &out));
    }
    for (route, values) in ALIYUN_FIXED {
        let op = catalog::find(route).expect("a fixed route");
        let mut form = FormState::new(op.default_region());
        for (path, value) in values.iter() {
            form.set(path, value);
        }
        let out = common::valid_outputs(route, &form);
        items.push(common::aliyun::program_item(op, &program(op, &out, form.awscli), &out));
    }
    let compared_programs = items.len() - ALIYUN_FIXED.len();
    // The golden programs of products with a package too, as recorded.
    for (name, op, form) in
        golden_forms().into_iter().filter(|(_, op, _)| op.cloud == Cloud::Aliyun)
    {
        if op.npm_version.is_empty() {
            continue;
        }
        let out = outputs(op, &form, Shell::Posix);
        let text = std::fs::read_to_string(fixtures().join(format!("sdk/js/{name}.mjs"))).unwrap();
        items.push(common::aliyun::program_item(op, &text, &out));
    }
    let program_count = items.len();
    // Every operation's names, drawn or not: one names item per product.
    let mut by_product: BTreeMap<&str, Vec<&'static Operation>> = BTreeMap::new();
    for op in ops.iter().filter(|op| !op.npm_version.is_empty()) {
        by_product.entry(op.npm).or_default().push(op);
    }
    let mut named_methods = 0;
    for (package, product_ops) in &by_product {
        let methods: Vec<String> =
            product_ops.iter().filter_map(|op| aliyun_js::method(op)).collect();
        named_methods += methods.len();
        let mut classes = BTreeMap::new();
        for op in product_ops.iter().filter(|op| aliyun_js::method(op).is_some()) {
            aliyun_classes(op, &mut classes);
        }
        items.push(
            serde_json::json!({
                "route": format!("{package} (names)"), "package": package,
                "methods": methods, "classes": classes,
            })
            .to_string(),
        );
    }
    let generated_in = started.elapsed();
    let verdicts = run_node_script("aliyun_js_programs.mjs", "sdk_js_aliyun", &dir, &items);
    let (program_verdicts, name_verdicts) = verdicts.split_at(program_count);
    let by_status = |status: &str| common::with_status(program_verdicts, status);
    let (matches, spelled, mismatches, errors) =
        (by_status("match"), by_status("spelled"), by_status("mismatch"), by_status("error"));
    let wrong_names = common::with_status(name_verdicts, "error");
    // The method alone differs: the pinned package binds the action to another one.
    let method_only = |line: &String| {
        line.split_once(": method: page ").is_some_and(|(_, rest)| !rest.contains(';'))
    };
    let (other_method, mismatches): (Vec<String>, Vec<String>) =
        mismatches.into_iter().partition(method_only);
    if !other_method.is_empty() {
        not_compared.insert(OTHER_METHOD.into(), other_method);
    }
    // A program whose request the SDK spells otherwise says so.
    let unnoted: Vec<&str> = items
        .iter()
        .zip(program_verdicts)
        .filter(|(item, v)| v["status"] == "spelled" && !item.contains(aliyun_js::FLOAT_NOTE))
        .map(|(_, v)| v["route"].as_str().unwrap())
        .collect();

    let mut summary = String::new();
    let _ = writeln!(
        summary,
        "\n== Alibaba Cloud JavaScript programs (SEED={seed} replays this run) =="
    );
    let _ = writeln!(
        summary,
        "Alibaba Cloud operations: {}; with a pinned npm package: {} in {} products; without: {} ({})",
        ops.len(),
        usable.len(),
        by_product.len(),
        ops.len() - usable.len(),
        without.iter().copied().collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(
        summary,
        "names checked against the pinned packages: {named_methods} methods in {} packages, wrong: {}",
        by_product.len(),
        wrong_names.len()
    );
    let _ = writeln!(summary, "operations drawn: {}", drawn.len());
    let _ = writeln!(
        summary,
        "programs run: {program_count} ({compared_programs} drawn or replayed ({} replayed) in {} products and {} fixed, with the goldens)",
        ALIYUN_REPLAYED.len(),
        products.len(),
        ALIYUN_FIXED.len()
    );
    let _ = writeln!(
        summary,
        "  compared, the request shown: {}",
        matches.len() + spelled.len() + mismatches.len()
    );
    let _ = writeln!(
        summary,
        "    of which the same numbers spelled otherwise (String, not str; the program says so): {}",
        spelled.len()
    );
    let _ = writeln!(summary, "  mismatches: {}", mismatches.len());
    let _ = writeln!(summary, "  threw before sending, or sent no request: {}", errors.len());
    let not_compared_count: usize = not_compared.values().map(Vec::len).sum();
    let _ = writeln!(summary, "drawn or replayed operations not compared: {not_compared_count}");
    for (why, lines) in &not_compared {
        let _ = writeln!(summary, "  {}: {why}", lines.len());
    }
    let _ =
        writeln!(summary, "time: generation {generated_in:.1?}, total {:.1?}", started.elapsed());
    for (title, lines) in not_compared.iter().map(|(why, lines)| (why.as_str(), lines)).chain([
        ("SDK errors", &errors),
        ("wrong names", &wrong_names),
        ("mismatches", &mismatches),
    ]) {
        common::list_first(&mut summary, title, lines, 10);
    }
    println!("{summary}");
    assert!(wrong_names.is_empty(), "{} packages with wrong names{summary}", wrong_names.len());
    assert!(mismatches.is_empty(), "{} programs send another request{summary}", mismatches.len());
    assert!(errors.is_empty(), "{} programs sent nothing comparable{summary}", errors.len());
    assert!(unnoted.is_empty(), "programs without the number note: {unnoted:?}{summary}");
    assert!(
        matches.len() + spelled.len() >= 50,
        "only {} Alibaba Cloud programs compared{summary}",
        matches.len() + spelled.len()
    );
}
