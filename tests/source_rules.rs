//! Rules about the source tree itself, read as text: the pure core's modules import one way
//! only (no cycle among sibling modules, at any depth), and nothing the page ships formats a
//! message with `Debug`, which the release build compiles away.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
}

/// The file's text without the items under `#[cfg(test)]` (or `#[cfg(all(test, ...))]`): tests
/// may import anything.
fn shipped_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut kept = String::new();
    // While skipping: the depth the item started at, and whether its braces have opened.
    let (mut depth, mut skipping, mut opened) = (0i64, None::<i64>, false);
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let trimmed = line.trim_start();
        if skipping.is_none()
            && trimmed.starts_with("#[cfg(")
            && trimmed.contains("test")
            && !trimmed.contains("not(test")
        {
            (skipping, opened) = (Some(depth), false);
            continue;
        }
        depth += code.matches('{').count() as i64 - code.matches('}').count() as i64;
        if let Some(start) = skipping {
            opened |= code.contains('{');
            // The item ends where its braces close, or at its `;` when it has none.
            if (opened && depth <= start) || (!opened && code.trim_end().ends_with(';')) {
                skipping = None;
            }
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    kept
}

/// `a::{b, c::{d, e}}` -> `a::b`, `a::c::d`, `a::c::e` (a `use` tree, braces at any depth).
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else { return vec![tree.to_string()] };
    let close = tree.rfind('}').unwrap_or(tree.len());
    let prefix = tree[..open].trim_end_matches("::");
    let (mut items, mut level, mut start) = (Vec::new(), 0, open + 1);
    for (i, c) in tree.char_indices().take(close).skip(open + 1) {
        match c {
            '{' => level += 1,
            '}' => level -= 1,
            ',' if level == 0 => {
                items.push(&tree[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&tree[start..close]);
    items
        .into_iter()
        .filter(|item| !item.trim().is_empty())
        .flat_map(expand)
        .map(|item| if prefix.is_empty() { item } else { format!("{prefix}::{item}") })
        .collect()
}

/// The text's lines, each `use` statement joined onto one (rustfmt wraps long ones).
fn statements(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open_use = false;
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("").to_string();
        if open_use {
            out.last_mut().unwrap().push_str(code.trim());
        } else {
            out.push(code.clone());
            let trimmed = code.trim_start();
            open_use = trimmed.starts_with("use ")
                || trimmed.starts_with("pub use ")
                || trimmed.starts_with("pub(crate) use ");
        }
        if open_use && code.contains(';') {
            open_use = false;
        }
    }
    out
}

/// `src/core/wire/rest.rs` -> `["wire", "rest"]`; `src/core/wire/mod.rs` -> `["wire"]`.
fn module_of(core: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(core).unwrap().with_extension("");
    let mut parts: Vec<String> =
        relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every core module that `text` (the module `at`) refers to, with the line that does.
fn references(
    at: &[String],
    text: &str,
    modules: &BTreeSet<Vec<String>>,
) -> Vec<(Vec<String>, String)> {
    let path = regex::Regex::new(
        r"\b(crate::core|(?:super::)+super|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)",
    )
    .unwrap();
    let use_tree = regex::Regex::new(r"^\s*(?:pub(?:\([a-z]+\))?\s+)?use\s+([^;]*);").unwrap();
    let inline_mod =
        regex::Regex::new(r"^\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+[a-z_]+\s*\{").unwrap();
    let mut found = Vec::new();
    // Depths at which inline `mod x {` blocks opened: inside one, `super` is this file's module.
    let (mut depth, mut inline_opened): (i64, Vec<i64>) = (0, Vec::new());
    for code in statements(text) {
        if inline_mod.is_match(&code) {
            inline_opened.push(depth);
        }
        // A `use` tree names each of its paths; elsewhere a path is written out in full.
        let paths: Vec<String> = match use_tree.captures(&code) {
            Some(tree) => expand(&tree[1]),
            None => path.find_iter(&code).map(|m| m.as_str().to_string()).collect(),
        };
        for written in paths {
            let Some(caps) = path.captures(&written).filter(|c| c.get(0).unwrap().start() == 0)
            else {
                continue; // a path from outside the core: std::, serde::
            };
            let head = &caps[1];
            let mut target: Vec<String> = if head == "crate::core" {
                Vec::new()
            } else if head == "self" {
                at.to_vec()
            } else {
                let ups = head.matches("super").count().saturating_sub(inline_opened.len().min(1));
                at[..at.len().saturating_sub(ups)].to_vec()
            };
            target.extend(caps[2].split("::").filter(|s| !s.is_empty()).map(str::to_string));
            // The longest prefix that is a module: `wire::rest::bind` -> `wire::rest`.
            let module = (0..=target.len())
                .rev()
                .map(|n| target[..n].to_vec())
                .find(|prefix| modules.contains(prefix))
                .unwrap_or_default();
            found.push((module, code.trim().to_string()));
        }
        depth += code.matches('{').count() as i64 - code.matches('}').count() as i64;
        while inline_opened.last().is_some_and(|&opened| depth <= opened) {
            inline_opened.pop();
        }
    }
    found
}

/// Module to the modules it imports.
type Graph = BTreeMap<String, BTreeSet<String>>;
/// For each edge, one line of source that makes it.
type Witnesses = BTreeMap<(String, String), String>;

/// Finds a cycle in `edges` (a directed graph), as the list of its nodes.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(cycle) = visit(next, edges, state, stack) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(cycle) = visit(node, edges, &mut state, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

/// Sibling-module edges of `src/core`: `a::x` referring to `b::y` is an edge between the rooms
/// `a` and `b` at their common parent. A module and its own descendants may use each other
/// (a child is part of its parent); siblings may not go both ways, directly or around a circle.
fn sibling_edges(core: &Path) -> (Graph, Witnesses) {
    let mut files = Vec::new();
    rust_files(core, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(core, f)).collect();
    let (mut edges, mut witness) = (BTreeMap::<String, BTreeSet<String>>::new(), BTreeMap::new());
    for file in &files {
        let from = module_of(core, file);
        for (to, line) in references(&from, &shipped_text(file), &modules) {
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue; // ancestor and descendant
            }
            let parent = from[..common].join("::");
            let room = |m: &Vec<String>| {
                format!(
                    "core::{}{}",
                    if parent.is_empty() { String::new() } else { format!("{parent}::") },
                    m[common]
                )
            };
            let (a, b) = (room(&from), room(&to));
            witness
                .entry((a.clone(), b.clone()))
                .or_insert_with(|| format!("{}: {line}", file.display()));
            edges.entry(a).or_default().insert(b);
        }
    }
    (edges, witness)
}

#[test]
fn no_import_cycle_among_core_modules() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let (edges, witness) = sibling_edges(&core);
    assert!(edges.len() > 5, "the scan found almost no imports: {edges:?}");
    // Every module caught in a cycle, with the imports among them, so one run shows all the work.
    let reach = |from: &String| {
        let (mut seen, mut todo) = (BTreeSet::new(), vec![from.clone()]);
        while let Some(node) = todo.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|n| (n, reach(n))).collect();
    let in_cycle = |a: &String, b: &String| {
        reachable.get(a).is_some_and(|r| r.contains(b))
            && reachable.get(b).is_some_and(|r| r.contains(a))
    };
    let steps: Vec<String> = witness
        .iter()
        .filter(|((a, b), _)| in_cycle(a, b))
        .map(|((a, b), line)| format!("  {a} -> {b}\n      {line}"))
        .collect();
    assert!(
        find_cycle(&edges).is_none() && steps.is_empty(),
        "import cycles among src/core modules:\n{}",
        steps.join("\n")
    );
}

/// The scan itself: a cycle written into a scratch tree is found, and parent/child use is not
/// one.
#[test]
fn the_cycle_scan_finds_a_planted_cycle() {
    let dir = std::env::temp_dir().join(format!("source-rules-{}", std::process::id()));
    let core = dir.join("core");
    std::fs::create_dir_all(core.join("wire")).unwrap();
    std::fs::write(core.join("mod.rs"), "pub mod model; pub mod wire;").unwrap();
    std::fs::write(core.join("model.rs"), "use super::wire::render;").unwrap();
    std::fs::write(core.join("wire/mod.rs"), "pub mod rest; use self::rest::bind; pub struct W;")
        .unwrap();
    std::fs::write(core.join("wire/rest.rs"), "use super::W;\nmod native {\n use super::bind; }")
        .unwrap();
    let (edges, _) = sibling_edges(&core);
    assert_eq!(find_cycle(&edges), None, "{edges:?}");
    // A use tree wrapped over lines, with a nested group, as rustfmt writes long ones.
    std::fs::write(
        core.join("wire/rest.rs"),
        "use crate::core::{\n    json::Node,\n    model::{Kind, Operation},\n};",
    )
    .unwrap();
    let (edges, _) = sibling_edges(&core);
    let cycle = find_cycle(&edges).expect("model -> wire -> model");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        cycle.contains(&"core::model".to_string()) && cycle.contains(&"core::wire".to_string()),
        "{cycle:?}"
    );
}

/// Regression (review): the release build compiles with `-Zfmt-debug=none`, so `{x:?}` in a
/// message prints nothing in the page ("unknown protocol " and no name). Nothing that ships in
/// the wasm may format with `Debug`; tests may.
#[test]
fn regression_no_debug_formatting_in_what_the_page_ships() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let debug = regex::Regex::new(r"\{[A-Za-z0-9_.]*:#?\?\}|\bdbg!").unwrap();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let found: Vec<String> = files
        .iter()
        .flat_map(|file| {
            shipped_text(file)
                .lines()
                .enumerate()
                .filter(|(_, line)| debug.is_match(line.split("//").next().unwrap_or("")))
                .map(|(n, line)| format!("{}:{}: {}", file.display(), n + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(found.is_empty(), "Debug formatting prints nothing in the page:\n{}", found.join("\n"));
}
