//! Pattern checks: the models' regular expressions, matched by the platform's own engine.
//!
//! The page uses the browser's `RegExp` (registered by `web` at start-up, so the wasm carries
//! no regex engine); native builds use `fancy-regex` (the `regex` crate plus lookaround). Both sit behind [`Matcher`]. A
//! pattern the engine cannot compile is not checked (the service still checks it), never
//! reported as a mismatch.

use std::sync::OnceLock;

/// A regular-expression engine.
pub trait Matcher: Send + Sync {
    /// Whether `value` contains a match of `pattern` (search semantics, as the models mean
    /// them: most patterns anchor themselves with `^...$`); `None` when the engine cannot
    /// compile the pattern.
    fn is_match(&self, pattern: &str, value: &str) -> Option<bool>;
}

static MATCHER: OnceLock<&'static dyn Matcher> = OnceLock::new();

static HINTS: std::sync::Mutex<Vec<(&'static str, &'static str)>> =
    std::sync::Mutex::new(Vec::new());

/// Records what values matching `pattern` look like, in words (from the overlay).
pub fn add_hint(pattern: &'static str, hint: &'static str) {
    let mut hints = HINTS.lock().unwrap_or_else(|e| e.into_inner());
    if !hints.iter().any(|(p, _)| *p == pattern) {
        hints.push((pattern, hint));
    }
}

/// What values matching `pattern` look like, when the overlay says.
pub fn hint(pattern: &str) -> Option<&'static str> {
    HINTS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(p, _)| *p == pattern)
        .map(|(_, h)| *h)
}

/// Installs the engine the page uses; later calls are ignored.
pub fn install(matcher: &'static dyn Matcher) {
    let _ = MATCHER.set(matcher);
}

/// Whether `value` matches `pattern`; `None` when no engine can tell.
pub fn is_match(pattern: &str, value: &str) -> Option<bool> {
    match MATCHER.get() {
        Some(matcher) => matcher.is_match(pattern, value),
        None => native::MATCHER.is_match(pattern, value),
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::Matcher;
    use std::collections::HashMap;
    use std::sync::Mutex;

    /// `fancy-regex` (the `regex` crate plus lookaround, which about 5% of the models' patterns
    /// use), with compiled patterns kept (a form checks the same ones per keystroke).
    pub struct RegexCrate(Mutex<HashMap<String, Option<fancy_regex::Regex>>>);

    pub static MATCHER: std::sync::LazyLock<RegexCrate> =
        std::sync::LazyLock::new(|| RegexCrate(Mutex::new(HashMap::new())));

    impl Matcher for RegexCrate {
        fn is_match(&self, pattern: &str, value: &str) -> Option<bool> {
            let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
            let compiled = cache
                .entry(pattern.to_string())
                .or_insert_with(|| fancy_regex::Regex::new(pattern).ok());
            // A pattern that backtracks past its limit on this value is not judged.
            compiled.as_ref().and_then(|re| re.is_match(value).ok())
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod native {
    use super::Matcher;

    /// Without an installed engine nothing is checked.
    pub struct Nothing;

    pub static MATCHER: Nothing = Nothing;

    impl Matcher for Nothing {
        fn is_match(&self, _: &str, _: &str) -> Option<bool> {
            None
        }
    }
}
