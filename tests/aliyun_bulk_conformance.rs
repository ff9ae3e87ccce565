//! Every Alibaba Cloud operation in the index (every RPC and ROA operation of the SDK packages
//! pinned in `modeldata/PINS`), with a random valid input (seeded, reproducible: set
//! `BULK_SEED` to try another), is rendered by the core and sent through the product's own
//! Python SDK with a recording transport, all in one Python process over a JSON batch. RPC:
//! action, version, method, path and every business parameter (query, decoded) must be equal,
//! the form body byte for byte. ROA: method, path, query (decoded), every header the page sets
//! and the body byte for byte, with no other header from the SDK but its signer's and client's
//! own. Signature, nonce, time and key parameters are left out. Prints the operations covered,
//! the mismatches and the generator's gaps.

mod common;

use common::aliyun::{all_operations as aliyun_operations, business, is_roa};
use common::random_form::{run_seed, valid_form, Notes, Options, PatternCache};
use request_builder::core::model::names;
use request_builder::core::model::{Location, Operation, Protocol};
use request_builder::core::request::value::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

enum Generated {
    Case(String),
    Invalid(String),
}

fn generate(op: &'static Operation, cache: &mut PatternCache) -> (Generated, Notes) {
    let route = op.route();
    let options = Options::default();
    let (form, notes, out) = match valid_form(op, &options, cache) {
        Ok(found) => found,
        Err((errors, notes)) => return (Generated::Invalid(format!("{route}: {errors}")), notes),
    };
    let built = request_builder::core::request::build::build(op, &form);
    let params = serde_json::to_string(&built.request.cli_json()).expect("params JSON");
    if is_roa(op) {
        return (Generated::Case(roa_item(op, &route, &params, &built.request, &out)), notes);
    }
    let version = match op.protocol {
        Protocol::AliyunRpc { version } => version,
        _ => "",
    };
    let header =
        |name: &str| out.wire.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let expected = serde_json::json!({
        "action": header("x-acs-action"),
        "version": header("x-acs-version").filter(|v| v == version),
        "method": out.wire.method,
        "path": out.wire.path,
        "query": business(op, &out.wire.query),
        "body": out.wire.body,
    });
    let item = format!(
        "{{\"route\": {}, \"service\": {}, \"action\": {}, \"params\": {params}, \"expected\": {expected}}}",
        serde_json::to_string(&route).unwrap(),
        serde_json::to_string(op.service).unwrap(),
        serde_json::to_string(op.name).unwrap(),
    );
    (Generated::Case(item), notes)
}

/// A ROA case: the SDK method is called with the path labels as its arguments (by the SDK's
/// argument names), the members on its request and headers models; the page's whole request
/// but the signature is expected: method, path, query (decoded), the headers it sets, the body.
fn roa_item(
    op: &Operation,
    route: &str,
    params: &str,
    request: &Value,
    out: &request_builder::core::Outputs,
) -> String {
    let path_args: Vec<(String, String)> = op
        .members()
        .iter()
        .filter(|m| m.location == Some(Location::Uri))
        .filter_map(|m| {
            let text = match request.field(m.name)? {
                Value::Str(text) => text.clone(),
                Value::Int(i) => i.to_string(),
                other => serde_json::to_string(&other.cli_json()).unwrap(),
            };
            Some((
                m.sdk_name.map(str::to_string).unwrap_or_else(|| names::aliyun_python(m.name)),
                text,
            ))
        })
        .collect();
    let headers = common::aliyun::roa_compared_headers(out);
    let rest = serde_json::json!({
        "route": route, "service": op.service, "action": op.name,
        "roa": { "package": op.sdk_service, "method": op.sdk_method(), "path": path_args },
        "expected": {
            "method": out.wire.method, "path": out.wire.path,
            "query": common::form_pairs(&out.wire.query), "headers": headers, "body": out.wire.body,
        },
    })
    .to_string();
    // The parameters go in as written: a serde_json::Value would sort their map keys.
    format!("{{\"params\": {params}, {}", &rest[1..])
}

#[test]
#[ignore = "needs Alibaba's Python SDKs in .venv; scripts/test runs it"]
fn every_aliyun_operation_is_sent_as_its_sdk_sends_it() {
    let started = std::time::Instant::now();
    let python = common::venv().join("bin/python");
    let ops = aliyun_operations();
    let mut per_product: BTreeMap<&str, usize> = BTreeMap::new();
    for op in &ops {
        *per_product.entry(op.service).or_default() += 1;
    }

    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let results: Vec<(Generated, Notes)> = std::thread::scope(|scope| {
        let handles: Vec<_> = ops
            .chunks(ops.len().div_ceil(threads).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    let mut cache = PatternCache::default();
                    chunk.iter().map(|op| generate(op, &mut cache)).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let (mut cases, mut invalid) = (Vec::new(), Vec::new());
    for (generated, _) in results {
        match generated {
            Generated::Case(item) => cases.push(item),
            Generated::Invalid(message) => invalid.push(message),
        }
    }

    let items: Vec<&str> = cases.iter().map(String::as_str).collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/aliyun_batch.py");
    let verdicts = common::run_batch(&python, &[script.as_ref()], "aliyun_bulk", &items);
    let by_status = |status: &str| common::with_status(&verdicts, status);
    let (matches, mut all_mismatches, all_errors) =
        (by_status("match"), by_status("mismatch"), by_status("error"));
    // The known differences (common::aliyun::KNOWN_DIFFERENCES) are listed, not compared
    // (the SDK may refuse one: a WebSocket operation).
    let route_of = |line: &String| line.split(": ").next().unwrap_or("").to_string();
    let is_known = |line: &String| common::aliyun::known_difference(&route_of(line)).is_some();
    let (known_errors, errors): (Vec<String>, Vec<String>) =
        all_errors.into_iter().partition(is_known);
    all_mismatches.extend(known_errors);
    let (known, mismatches): (Vec<String>, Vec<String>) =
        all_mismatches.into_iter().partition(is_known);
    let booleans: u64 = verdicts.iter().map(|v| v["booleans"].as_u64().unwrap_or(0)).sum();

    let mut summary = String::new();
    let _ = writeln!(
        summary,
        "\n== Alibaba Cloud bulk conformance with the SDKs (seed {}) ==",
        run_seed()
    );
    let _ = writeln!(
        summary,
        "operations in the index (Alibaba Cloud): {} ({per_product:?})",
        ops.len()
    );
    let _ = writeln!(
        summary,
        "operations compared with the SDK: {}",
        matches.len() + mismatches.len() + known.len()
    );
    let _ = writeln!(summary, "  equal: {}", matches.len());
    let _ = writeln!(summary, "  mismatches: {}", mismatches.len());
    let _ = writeln!(
        summary,
        "  known differences (common::aliyun::KNOWN_DIFFERENCES, not compared): {}",
        known.len()
    );
    let _ = writeln!(summary, "SDK raised: {}", errors.len());
    let _ = writeln!(
        summary,
        "generator failures, core reports errors for the form: {}",
        invalid.len()
    );
    let _ = writeln!(summary, "boolean values the Python SDK spells True/False (counted equal): {booleans} in {} requests", cases.len());
    let _ = writeln!(summary, "time: {:.1?}", started.elapsed());
    for (title, items) in
        [("generator failures", &invalid), ("SDK errors", &errors), ("mismatches", &mismatches)]
    {
        common::list_first(&mut summary, title, items, 30);
    }
    let reasons: Vec<String> = common::aliyun::KNOWN_DIFFERENCES
        .iter()
        .map(|(route, why)| format!("{route}: {why}"))
        .collect();
    common::list_first(&mut summary, "known differences", &reasons, 30);
    println!("{summary}");
    assert!(mismatches.is_empty(), "{} mismatches with the SDKs{summary}", mismatches.len());
    assert!(errors.is_empty(), "the SDKs raised on {} generated inputs{summary}", errors.len());
    assert!(
        invalid.is_empty(),
        "{} operations without a valid generated input{summary}",
        invalid.len()
    );
    assert!(
        matches.len() + known.len() == ops.len(),
        "only {} of {} operations compared{summary}",
        matches.len(),
        ops.len()
    );
}
