//! The release build's size tricks stop the build when they did not act, instead of shipping a
//! larger or different bundle unnoticed: the linker wrapper when no wasm-streams export reached
//! it, and the bundle shrinker when dist/ is not shaped as it expects.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs scripts/wasm-ld-page with `true` standing in for rust-lld.
fn link(args: &[&str]) -> std::process::Output {
    Command::new(root().join("scripts/wasm-ld-page"))
        .args(args)
        .env("WASM_LD_REAL", "true")
        .output()
        .expect("run scripts/wasm-ld-page")
}

#[test]
fn the_linker_wrapper_fails_when_it_has_no_stream_export_to_remove() {
    let linked =
        link(&["--export", "main", "--export", "__wbg_intounderlyingsink_free", "-o", "x"]);
    assert!(linked.status.success(), "{}", String::from_utf8_lossy(&linked.stderr));
    let nothing_removed = link(&["--export", "main", "-o", "x"]);
    assert!(!nothing_removed.status.success());
    assert!(
        String::from_utf8_lossy(&nothing_removed.stderr).contains("no export matching"),
        "{}",
        String::from_utf8_lossy(&nothing_removed.stderr)
    );
}

#[test]
fn the_bundle_shrinker_fails_on_a_dist_it_does_not_know() {
    // scripts/test installs node_modules (scripts/ensure-tools) before this layer runs.
    if !root().join("node_modules/html-minifier-terser").is_dir() {
        eprintln!("skipped: node_modules is not installed (run scripts/ensure-tools)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("shrink-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><html><head></head><body></body></html>",
    )
    .unwrap();
    let shrunk = Command::new("node")
        .arg(root().join("scripts/shrink-bundle.mjs"))
        .arg(&dir)
        .output()
        .expect("run node scripts/shrink-bundle.mjs");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!shrunk.status.success());
    let said = String::from_utf8_lossy(&shrunk.stderr);
    assert!(said.contains("expected one _bg.wasm file"), "{said}");
}

/// index.html names wasm-opt's options once per wasm module (Trunk reads them per `<link>`):
/// the three must stay the same, or one module would silently be built otherwise.
#[test]
fn the_three_wasm_modules_are_optimized_alike() {
    let html = std::fs::read_to_string(root().join("index.html")).unwrap();
    let options: Vec<(&str, &str)> = html
        .lines()
        .filter(|line| line.contains(r#"rel="rust""#))
        .map(|line| {
            let attribute = |name: &str| {
                let start = line.find(&format!(r#"{name}=""#)).map(|i| i + name.len() + 2);
                start.and_then(|s| line[s..].find('"').map(|end| &line[s..s + end])).unwrap_or("")
            };
            (attribute("data-wasm-opt"), attribute("data-wasm-opt-params"))
        })
        .collect();
    assert_eq!(options.len(), 3, "the page, the worker and the later module: {options:?}");
    assert!(options.iter().all(|o| *o == options[0] && !o.1.is_empty()), "{options:#?}");
}
