//! Every Alibaba Cloud operation's `aliyun` command, for a fully filled random form (every
//! optional member set where the checks allow it; seeded: `BULK_SEED`), is checked against the
//! aliyun CLI's own metadata (`../shared/reference/aliyun-openapi-meta/`) in one Python process
//! (`tests/tools/aliyun_cli_flags.py`), which splits the command as a POSIX shell does and looks
//! each flag up as the CLI does. Every flag must be one the metadata lists, in the position the
//! page's request uses; where it is not, the command must carry `--force` and a warning naming
//! the flag (or the API). Also counts the APIs on one side only: the page's operations the
//! metadata does not list, and the metadata's APIs of the same products the page does not offer.
//! A ROA command (`aliyun cs GET /api/v1/clusters --name x`) must have the metadata's method and
//! `pathPattern`, and a warning where the CLI cannot send its method (PATCH). Every command
//! names the page's host with `--endpoint` (the CLI's own lookup finds another host, or none,
//! for most products and regions). Each product offers every public region that the CLI's
//! `products.json` lists for it (`regional_endpoints`).

mod common;

use common::aliyun::all_operations as aliyun_operations;
use common::random_form::{valid_form, Options, PatternCache};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

fn metadata_tarball() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/reference/aliyun-openapi-meta/metadatas-2563691c.tar.gz");
    if shared.exists() {
        shared
    } else {
        PathBuf::from("/work/shared/reference/aliyun-openapi-meta/metadatas-2563691c.tar.gz")
    }
}

#[test]
#[ignore = "needs .venv's Python; scripts/test runs it"]
fn every_aliyun_command_uses_flags_the_cli_metadata_lists() {
    let started = std::time::Instant::now();
    let ops = aliyun_operations();
    let full = Options { optional_percent: 100, ..Options::default() };
    let mut cache = PatternCache::default();
    let (mut items, mut invalid, mut partly) = (Vec::new(), Vec::new(), 0usize);
    let mut regions_sent = BTreeSet::new();
    for op in &ops {
        let route = op.route();
        // Fully filled where the operation's rules allow it, else the usual half-filled form.
        let found = valid_form(op, &full, &mut cache).or_else(|_| {
            partly += 1;
            valid_form(op, &Options::default(), &mut cache)
        });
        let out = match found {
            Ok((_, _, out)) => out,
            Err((errors, _)) => {
                invalid.push(format!("{route}: {errors}"));
                continue;
            }
        };
        let mut item = serde_json::json!({
            "route": route, "service": op.service, "action": op.name, "cli": out.cli,
            "warnings": out.shell_warnings, "query": out.wire.query, "body": out.wire.body,
            "host": out.wire.host,
        });
        if let Some(http) = op.http {
            item["roa"] =
                serde_json::json!({ "method": http.method, "template": http.request_uri });
        }
        // The product's regions, once: the CLI's products.json lists its own.
        if regions_sent.insert(op.service) {
            item["regions"] = serde_json::json!(op.endpoints.regions);
        }
        items.push(item.to_string());
    }
    let refs: Vec<&str> = items.iter().map(String::as_str).collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/aliyun_cli_flags.py");
    let tarball = metadata_tarball();
    let verdicts = common::run_batch(
        &common::venv().join("bin/python"),
        &[script.as_ref(), tarball.as_os_str()],
        "aliyun_cli_flags",
        &refs,
    );
    let sum = |key: &str| verdicts.iter().map(|v| v[key].as_u64().unwrap_or(0)).sum::<u64>();
    let mismatches = common::with_status(&verdicts, "mismatch");
    let errors = common::with_status(&verdicts, "error");

    // The metadata's APIs of the same products that the page does not offer.
    let offered: BTreeSet<(String, String)> =
        ops.iter().map(|op| (op.service.to_string(), op.name.to_string())).collect();
    let products: BTreeSet<&str> = ops.iter().map(|op| op.service).collect();
    let listing = std::process::Command::new("tar")
        .arg("-tzf")
        .arg(&tarball)
        .output()
        .expect("tar lists the metadata");
    let mut metadata_only: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&listing.stdout).lines() {
        let parts: Vec<&str> = line.split('/').collect();
        if let [_, product, file] = parts[..] {
            if let Some(api) = file.strip_suffix(".json") {
                if products.contains(product)
                    && !offered.contains(&(product.to_string(), api.to_string()))
                {
                    metadata_only.entry(product.to_string()).or_default().push(api.to_string());
                }
            }
        }
    }
    let unlisted: Vec<String> = verdicts
        .iter()
        .filter(|v| v["unlisted"] == 1)
        .map(|v| v["route"].as_str().unwrap().to_string())
        .collect();

    let mut summary = String::new();
    let _ = writeln!(summary, "\n== aliyun commands against the aliyun CLI's metadata ==");
    let _ = writeln!(
        summary,
        "operations: {} ({} only half filled: their rules forbid filling every member)",
        ops.len(),
        partly
    );
    let _ = writeln!(summary, "flags checked: {}", sum("flags"));
    let _ = writeln!(
        summary,
        "  owner parameters, not in any API's metadata (--force, named): {}",
        sum("owner")
    );
    let _ =
        writeln!(summary, "  other flags not in the metadata (--force, named): {}", sum("unknown"));
    let _ = writeln!(
        summary,
        "  in another position than the page's request (named): {}",
        sum("moved")
    );
    let _ = writeln!(
        summary,
        "page operations the metadata does not list (--force): {}",
        unlisted.len()
    );
    let _ = writeln!(
        summary,
        "metadata APIs of these products the page does not offer: {} {:?}",
        metadata_only.values().map(Vec::len).sum::<usize>(),
        metadata_only.iter().map(|(p, apis)| (p, apis.len())).collect::<Vec<_>>()
    );
    let _ = writeln!(
        summary,
        "  of them ROA (method and path against the metadata's pathPattern): {}, {} not in the metadata; PATCH ones the CLI cannot send (warned): {}",
        sum("roa"),
        sum("roa_unlisted"),
        sum("no_cli")
    );
    let _ = writeln!(
        summary,
        "  ROA query flags the metadata does not list / places elsewhere (the CLI sends every flag of a ROA call in the query, unchecked): {} / {}",
        sum("roa_unknown"),
        sum("roa_moved")
    );
    let _ = writeln!(
        summary,
        "public regions the CLI's products.json lists for these products, each offered: {}",
        sum("cli_regions")
    );
    let _ = writeln!(summary, "mismatches: {}; oracle errors: {}", mismatches.len(), errors.len());
    let _ = writeln!(summary, "time: {:.1?}", started.elapsed());
    common::list_first(
        &mut summary,
        "metadata-only APIs",
        &metadata_only
            .iter()
            .flat_map(|(p, a)| a.iter().map(move |a| format!("{p}/{a}")))
            .collect::<Vec<_>>(),
        10,
    );
    common::list_first(&mut summary, "page-only operations", &unlisted, 10);
    for (title, list) in
        [("generator failures", &invalid), ("oracle errors", &errors), ("mismatches", &mismatches)]
    {
        common::list_first(&mut summary, title, list, 30);
    }
    println!("{summary}");
    assert!(
        mismatches.is_empty(),
        "{} commands the CLI's metadata refutes{summary}",
        mismatches.len()
    );
    assert!(errors.is_empty(), "the oracle failed on {} commands{summary}", errors.len());
    assert!(invalid.is_empty(), "{} operations without a valid form{summary}", invalid.len());
    assert_eq!(verdicts.len(), ops.len(), "every operation checked{summary}");
}
