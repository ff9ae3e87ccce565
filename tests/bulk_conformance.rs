//! Every AWS operation in the index, with a random valid input (seeded, reproducible: set
//! `BULK_SEED` to try another), is rendered by the core and sent by a real botocore client with
//! all its request handlers, captured before it leaves (one Python process over a JSON batch,
//! `tests/tools/botocore_batch.py`): method, path, query, every header but `Host` and the
//! signer's, and the body must be equal byte for byte. Hosts are compared and reported apart.
//! Prints the operations covered, the mismatches, the known differences (a handler the page
//! does not carry, named with its reason), the generator's gaps and skips, and the coverage
//! per protocol.

mod common;

use common::random_form::{
    aws_operations, botocore_services, run_seed, script, valid_form, Notes, Options, PatternCache,
};
use request_builder::core::model::{AwsCli, Operation};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// One generated case, ready for the batch.
struct Case {
    route: String,
    /// The protocol family, for the coverage lines.
    protocol: &'static str,
    /// One JSON object of the batch (params in model order, so written as text).
    item: String,
}

/// What generating one operation's case gave.
enum Generated {
    Case(Case),
    /// The core reports errors for the generated form: a generator gap.
    Invalid(String),
    /// A required structure nothing can be set under: the form cannot express the request.
    Inexpressible(String),
}

fn generate(
    op: &'static Operation,
    botocore_name: &str,
    options: &Options,
    cache: &mut PatternCache,
) -> (Generated, Notes) {
    let route = op.route();
    let (mut form, notes, mut out) = match valid_form(op, options, cache) {
        Ok(found) => found,
        Err((errors, notes)) if !notes.empty_required.is_empty() => {
            let message = format!("{route}: {} (core: {errors})", notes.empty_required.join(", "));
            return (Generated::Inexpressible(message), notes);
        }
        Err((errors, notes)) => return (Generated::Invalid(format!("{route}: {errors}")), notes),
    };
    // The page computes only the default CRC32 body checksum; other algorithms are the CLI's
    // (README), so a chosen algorithm is CRC32 here.
    if let Some(member) = op.http.and_then(|h| h.checksum_algorithm_member) {
        if !form.get(member).is_empty() && form.get(member) != "CRC32" {
            form.set(member, "CRC32");
            out = request_builder::core::outputs(
                op,
                &form,
                request_builder::core::cli::shell::Shell::Posix,
            );
        }
    }
    let built = request_builder::core::request::build::build(op, &form);
    let params = serde_json::to_string(&built.request.cli_json()).expect("params JSON");
    // The whole request line, the host and every header but `Host`, which the client's
    // connection adds.
    let headers: serde_json::Map<String, serde_json::Value> = out
        .wire
        .headers
        .iter()
        .filter(|(name, _)| name != "Host")
        .map(|(name, value)| (name.clone(), serde_json::Value::String(value.clone())))
        .collect();
    let expected = serde_json::json!({
        "body": out.wire.body,
        "query": out.wire.query,
        "headers": headers,
        "method": out.wire.method,
        "host": out.wire.host,
        "path": out.wire.path,
    });
    let item = format!(
        "{{\"route\": {}, \"service\": {}, \"region\": {}, \"operation\": {}, \"params\": {params}, \"expected\": {expected}}}",
        serde_json::to_string(&route).unwrap(),
        serde_json::to_string(botocore_name).unwrap(),
        serde_json::to_string(&out.region).unwrap(),
        serde_json::to_string(op.name).unwrap(),
    );
    (Generated::Case(Case { route, protocol: protocol_name(op), item }), notes)
}

fn protocol_name(op: &Operation) -> &'static str {
    use request_builder::core::model::Protocol;
    match op.protocol {
        Protocol::AwsJson { .. } => "json",
        Protocol::AwsQuery { .. } => "query",
        Protocol::Ec2 { .. } => "ec2",
        Protocol::RestJson { .. } => "rest-json",
        Protocol::RestXml { .. } => "rest-xml",
        Protocol::AliyunRpc { .. } => "aliyun-rpc",
        Protocol::AliyunRoa { .. } => "aliyun-roa",
    }
}

#[test]
#[ignore = "needs botocore in .venv; scripts/test runs it"]
fn every_aws_operation_serializes_as_botocore_does() {
    let started = std::time::Instant::now();
    let python = common::venv().join("bin/python");
    let ops = aws_operations();
    let names: BTreeSet<&str> = ops.iter().map(|op| op.service).collect();
    let services = botocore_services(&python, &names);

    // Skips: services botocore does not know under the CLI's name.
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut work: Vec<(&'static Operation, String, Options)> = Vec::new();
    for op in &ops {
        let Some(entry) = services.get(op.service) else {
            *skipped
                .entry(format!("{}: no botocore service for this CLI name", op.service))
                .or_default() += 1;
            continue;
        };
        let unions = entry["unions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap().to_string())
            .collect();
        // The oracle is AWS CLI v1's botocore: the forms are for v1 (v2's default checksum
        // differs).
        let options = Options { unions, awscli: AwsCli::V1, ..Options::default() };
        work.push((op, entry["botocore"].as_str().unwrap().to_string(), options));
    }

    // Generate on two threads, each with its own pattern cache.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let results: Vec<(Generated, Notes)> = std::thread::scope(|scope| {
        let handles: Vec<_> = work
            .chunks(work.len().div_ceil(threads).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    let mut cache = PatternCache::default();
                    chunk
                        .iter()
                        .map(|(op, name, options)| generate(op, name, options, &mut cache))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let generated_in = started.elapsed();

    let mut cases = Vec::new();
    let mut invalid_forms = Vec::new();
    let mut inexpressible = Vec::new();
    let (mut pattern_unset, mut pattern_forced, mut too_deep) = (0, Vec::new(), Vec::new());
    for (generated, notes) in results {
        pattern_unset += notes.pattern_unset.len();
        pattern_forced.extend(notes.pattern_forced);
        too_deep.extend(notes.too_deep);
        match generated {
            Generated::Case(case) => cases.push(case),
            Generated::Invalid(message) => invalid_forms.push(message),
            Generated::Inexpressible(message) => inexpressible.push(message),
        }
    }

    // One Python process over the whole batch.
    let items: Vec<&str> = cases.iter().map(|c| c.item.as_str()).collect();
    let verdicts = common::run_batch(
        &python,
        &[script().as_ref(), "batch".as_ref()],
        "bulk_conformance",
        &items,
    );
    let by_status = |status: &str| common::with_status(&verdicts, status);
    let (matches, all_mismatches, rejected, errors) =
        (by_status("match"), by_status("mismatch"), by_status("invalid"), by_status("error"));
    let (known, mismatches): (Vec<String>, Vec<String>) =
        all_mismatches.into_iter().partition(|line| common::known_difference(line).is_some());
    let known: Vec<String> = known
        .iter()
        .map(|line| format!("{} ({})", line, common::known_difference(line).unwrap_or_default()))
        .collect();
    let refused = by_status("endpoint");
    // Hosts are compared apart: the page takes them from its endpoint table (endpoints.json),
    // botocore from each service's endpoint rules, which often name another host that serves
    // the same API (`acm.us-east-1.api.aws`); one line per service.
    let mut hosts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for verdict in &verdicts {
        if let Some(note) = verdict["host"].as_str() {
            let service = verdict["route"].as_str().unwrap().split('/').nth(1).unwrap();
            let entry = hosts.entry(service).or_insert((0, note));
            entry.0 += 1;
        }
    }
    let host_lines: Vec<String> = hosts
        .iter()
        .map(|(service, (count, example))| format!("{service}: {count} operations, e.g. {example}"))
        .collect();
    let host_count: usize = hosts.values().map(|(count, _)| count).sum();
    let covered = matches.len() + mismatches.len() + known.len();
    let covered_services: BTreeSet<&str> = cases
        .iter()
        .zip(&verdicts)
        .filter(|(_, v)| v["status"] == "match" || v["status"] == "mismatch")
        .map(|(c, _)| c.route.split('/').nth(1).unwrap())
        .collect();

    let mut summary = String::new();
    let _ = writeln!(summary, "\n== bulk conformance with botocore (seed {}) ==", run_seed());
    let _ = writeln!(summary, "operations in the index (AWS): {}", ops.len());
    let _ = writeln!(
        summary,
        "operations covered (compared with botocore): {covered} across {} services",
        covered_services.len()
    );
    let _ = writeln!(summary, "  byte-equal: {}", matches.len());
    let mut per_protocol: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for op in &ops {
        per_protocol.entry(protocol_name(op)).or_default().0 += 1;
    }
    for (case, verdict) in cases.iter().zip(&verdicts) {
        if verdict["status"] == "match" {
            per_protocol.entry(case.protocol).or_default().1 += 1;
        }
    }
    for (protocol, (total, equal)) in &per_protocol {
        let _ = writeln!(summary, "  {protocol}: {equal} of {total} operations byte-equal");
    }
    let _ = writeln!(summary, "  serialization mismatches: {}", mismatches.len());
    let _ = writeln!(
        summary,
        "  known differences, a handler the page does not carry (docs/handlers.md): {}",
        known.len()
    );
    let _ = writeln!(
        summary,
        "generator failures, core reports errors for the form: {}",
        invalid_forms.len()
    );
    let _ = writeln!(
        summary,
        "generator failures, botocore's validator rejects the params: {}",
        rejected.len()
    );
    let _ = writeln!(
        summary,
        "botocore's endpoint rules refuse the generated input (the CLI would not send it): {}",
        refused.len()
    );
    let _ = writeln!(summary, "botocore raised otherwise: {}", errors.len());
    let _ = writeln!(
        summary,
        "host differs (not counted as a mismatch, see docs/exactness.md): {host_count} operations in {} services",
        hosts.len()
    );
    let _ = writeln!(summary, "optional members left unset because no candidate fitted the pattern/length: {pattern_unset}");
    let _ = writeln!(summary, "required members no candidate fitted: {}", pattern_forced.len());
    let _ = writeln!(summary, "required members beyond the depth cap: {}", too_deep.len());
    let _ = writeln!(summary, "skipped {}: a required structure that only empty structures can fill (the form cannot send `{{}}`)", inexpressible.len());
    for (reason, count) in &skipped {
        let _ = writeln!(summary, "skipped {count}: {reason}");
    }
    let _ =
        writeln!(summary, "time: generation {:.1?}, total {:.1?}", generated_in, started.elapsed());
    // BULK_LIST=N lists up to N items of each kind (default 30).
    let shown: usize = std::env::var("BULK_LIST").ok().and_then(|n| n.parse().ok()).unwrap_or(30);
    let list = |title: &str, items: &[String], summary: &mut String| {
        common::list_first(summary, title, items, shown);
    };
    list("skipped, inexpressible in the form", &inexpressible, &mut summary);
    list("generator failures (core errors)", &invalid_forms, &mut summary);
    list("generator failures (botocore validation)", &rejected, &mut summary);
    list("endpoint rules refuse the input", &refused, &mut summary);
    list("botocore errors", &errors, &mut summary);
    list("hosts that differ, per service", &host_lines, &mut summary);
    list("known differences", &known, &mut summary);
    list("serialization mismatches", &mismatches, &mut summary);
    println!("{summary}");

    assert!(
        mismatches.is_empty(),
        "{} serialization mismatches with botocore{summary}",
        mismatches.len()
    );
    assert!(errors.is_empty(), "botocore raised on {} generated inputs{summary}", errors.len());
    assert!(
        covered * 100 >= ops.len() * 95,
        "only {covered} of {} operations covered{summary}",
        ops.len()
    );
}
