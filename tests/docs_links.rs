//! The documentation holds together: README.md stays short (under 200 lines), every relative
//! link in README.md, proxy/README.md and docs/*.md names a file that exists (and, with a
//! `#fragment`, a heading of that Markdown file, by GitHub's slug), and no heading names an
//! issue or a session number instead of saying what the section is about.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, proxy/README.md and every docs/*.md, sorted.
fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("README.md"), root.join("proxy/README.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.expect("docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The text with fenced code blocks blanked (line breaks kept) and inline code spans removed, so
/// that code such as `a[i](x)` is not read as a link.
fn prose(text: &str) -> String {
    let mut without_fences = String::new();
    let mut fence: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let marker: String = trimmed.chars().take_while(|&c| c == '`' || c == '~').collect();
        match &fence {
            Some(open) => {
                if marker.len() >= open.len() && marker.starts_with(&open[..1]) {
                    fence = None;
                }
            }
            None if marker.len() >= 3 => fence = Some(marker),
            None => without_fences.push_str(line),
        }
        without_fences.push('\n');
    }
    // Inline code: a run of n backticks up to the next run of exactly n backticks; an unclosed
    // run is literal text.
    let chars: Vec<char> = without_fences.chars().collect();
    let run_at = |i: usize| chars[i..].iter().take_while(|&&c| c == '`').count();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let n = run_at(i);
        let mut j = i + n;
        let mut close = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let m = run_at(j);
                if m == n {
                    close = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                // Keep line breaks so line numbers stay true.
                out.extend(chars[i..end].iter().filter(|&&c| c == '\n'));
                i = end;
            }
            None => {
                out.extend(&chars[i..i + n]);
                i += n;
            }
        }
    }
    out
}

/// Every `[text](target)` (and `![alt](target)`) in the prose: (line number, target without an
/// optional title).
fn links(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = prose(text).chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\n' {
            line += 1;
        }
        if chars[i] != '[' {
            i += 1;
            continue;
        }
        // The matching `]`, nested brackets allowed.
        let mut depth = 0;
        let mut j = i;
        let mut close = None;
        while j < chars.len() {
            match chars[j] {
                '\\' => j += 1,
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        let Some(close) = close else {
            i += 1;
            continue;
        };
        if chars.get(close + 1) != Some(&'(') {
            i += 1;
            continue;
        }
        let mut depth = 0;
        let mut k = close + 1;
        let mut end = None;
        while k < chars.len() {
            match chars[k] {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(k);
                        break;
                    }
                }
                '\n' => break,
                _ => {}
            }
            k += 1;
        }
        let Some(end) = end else {
            i += 1;
            continue;
        };
        let inside: String = chars[close + 2..end].iter().collect();
        let target = inside.trim();
        let target = if let Some(rest) = target.strip_prefix('<') {
            rest.split('>').next().unwrap_or("").to_string()
        } else {
            target.split_whitespace().next().unwrap_or("").to_string()
        };
        found.push((line, target));
        // Links may sit inside the link text (an image in a link): look inside too.
        i += 1;
    }
    found
}

/// Headings of a Markdown file (ATX style, outside code fences): (line number, text).
fn headings(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut fence: Option<char> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let c = trimmed.chars().next().unwrap();
            fence = match fence {
                Some(open) if open == c => None,
                None => Some(c),
                other => other,
            };
            continue;
        }
        if fence.is_some() || line.starts_with("    ") {
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) {
            let rest = &trimmed[hashes..];
            if rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t') {
                let text = rest.trim().trim_end_matches('#').trim_end().to_string();
                found.push((index + 1, text));
            }
        }
    }
    found
}

/// GitHub's anchor for a heading: lowercase, characters other than letters, digits, spaces,
/// hyphens and underscores dropped, spaces turned into hyphens.
fn slug(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|&c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn is_external(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// Problems with the links of one Markdown file, each naming the file, the line and the link.
fn link_problems(root: &Path, file: &Path) -> Vec<String> {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let name = file.strip_prefix(root).unwrap_or(file).display().to_string();
    let dir = file.parent().expect("a file has a folder");
    let mut problems = Vec::new();
    for (line, target) in links(&text) {
        if target.is_empty() {
            problems.push(format!("{name}:{line}: empty link target"));
            continue;
        }
        if is_external(&target) {
            continue;
        }
        let (path_part, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target.as_str(), None),
        };
        let linked = if path_part.is_empty() { file.to_path_buf() } else { dir.join(path_part) };
        if !linked.exists() {
            problems.push(format!(
                "{name}:{line}: link ({target}) names {}, which does not exist",
                linked.display()
            ));
            continue;
        }
        let Some(fragment) = fragment else { continue };
        if linked.extension().is_none_or(|ext| ext != "md") {
            problems.push(format!(
                "{name}:{line}: link ({target}) has an anchor into a file that is not Markdown"
            ));
            continue;
        }
        let linked_text =
            fs::read_to_string(&linked).unwrap_or_else(|e| panic!("{}: {e}", linked.display()));
        let anchors: Vec<String> = headings(&linked_text).iter().map(|(_, h)| slug(h)).collect();
        if !anchors.iter().any(|anchor| anchor == fragment) {
            problems.push(format!(
                "{name}:{line}: link ({target}): no heading of {} has the anchor #{fragment} (its anchors: {})",
                linked.display(),
                anchors.join(", ")
            ));
        }
    }
    problems
}

/// Whether a heading names an issue or a session number ("issue 13", "issues 11 and 12",
/// "Session 11", "#13") instead of its subject.
fn names_a_number(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let numbered = |word: &str| word.chars().next().is_some_and(|c| c.is_ascii_digit());
    let by_word = words.windows(2).any(|pair| {
        let word = pair[0].trim_start_matches(|c: char| !c.is_alphanumeric());
        matches!(word, "issue" | "issues" | "session" | "sessions") && numbered(pair[1])
    });
    let hash_number = lower.char_indices().any(|(i, c)| {
        c == '#' && lower[i + 1..].chars().next().is_some_and(|d| d.is_ascii_digit())
    });
    by_word || hash_number
}

fn heading_problems(root: &Path, file: &Path) -> Vec<String> {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let name = file.strip_prefix(root).unwrap_or(file).display().to_string();
    headings(&text)
        .into_iter()
        .filter(|(_, heading)| names_a_number(heading))
        .map(|(line, heading)| {
            format!("{name}:{line}: heading \"{heading}\" names an issue or session number; say what the section is about")
        })
        .collect()
}

#[test]
fn readme_is_under_200_lines() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md");
    let lines = readme.lines().count();
    assert!(lines < 200, "README.md has {lines} lines; keep it under 200 and move detail to docs/");
}

#[test]
fn every_relative_link_resolves() {
    let root = root();
    let files = markdown_files(&root);
    assert!(files.len() >= 3, "expected README.md, proxy/README.md and docs/*.md: {files:?}");
    let problems: Vec<String> = files.iter().flat_map(|f| link_problems(&root, f)).collect();
    assert!(problems.is_empty(), "broken links:\n{}", problems.join("\n"));
}

#[test]
fn no_heading_names_an_issue_or_session() {
    let root = root();
    let problems: Vec<String> =
        markdown_files(&root).iter().flat_map(|f| heading_problems(&root, f)).collect();
    assert!(problems.is_empty(), "headings:\n{}", problems.join("\n"));
}

/// The checks themselves find what they are meant to find, on a scratch folder.
#[test]
fn the_checks_catch_broken_links_and_numbered_headings() {
    let scratch = std::env::temp_dir().join(format!("docs-links-test-{}", std::process::id()));
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(scratch.join("docs")).unwrap();
    fs::write(
        scratch.join("docs/other.md"),
        "# Other page\n\n## What the models cover\n\n```\n# not a heading\n```\n",
    )
    .unwrap();
    let page = scratch.join("page.md");
    fs::write(
        &page,
        "# Page (issue 13)\n\n## Session 11 notes\n\n## Fine heading\n\n\
         [ok](docs/other.md) [ok anchor](docs/other.md#what-the-models-cover) [self](#fine-heading)\n\
         [external](https://example.com/missing) `[in code](missing.md)`\n\
         [missing](docs/missing.md) [bad anchor](docs/other.md#not-a-heading)\n\
         [bad self](#nowhere)\n",
    )
    .unwrap();
    let links = link_problems(&scratch, &page);
    let headings = heading_problems(&scratch, &page);
    fs::remove_dir_all(&scratch).unwrap();

    assert_eq!(links.len(), 3, "{links:#?}");
    assert!(links[0].contains("page.md:9") && links[0].contains("(docs/missing.md)"), "{links:#?}");
    assert!(links[1].contains("(docs/other.md#not-a-heading)"), "{links:#?}");
    assert!(links[2].contains("page.md:10") && links[2].contains("(#nowhere)"), "{links:#?}");
    assert_eq!(headings.len(), 2, "{headings:#?}");
    assert!(headings[0].contains("page.md:1"), "{headings:#?}");
    assert!(headings[1].contains("Session 11"), "{headings:#?}");

    assert_eq!(slug("Where it forwards: the allow-list"), "where-it-forwards-the-allow-list");
    assert_eq!(slug("The picker's index in the worker"), "the-pickers-index-in-the-worker");
    assert_eq!(
        slug("Test layers (all run by `scripts/test`)"),
        "test-layers-all-run-by-scriptstest"
    );
    assert!(names_a_number("Coverage and exactness (issues 11 and 12)"));
    assert!(names_a_number("Budgets (#13)"));
    assert!(!names_a_number("The first 20 loads"));
}
