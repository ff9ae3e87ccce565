//! Reading decimal floats (`1.5`, `-2e-3`), correctly rounded, with the platform's own reader.
//!
//! The page installs the browser's `Number()` (see `web::install_platform`), so the wasm
//! carries no decimal-to-float tables of its own; native builds use Rust's `str::parse`. Both
//! round to nearest, ties to even, as IEEE 754 and Python's `float()` do. Callers check the
//! syntax first (`build::parse_float`): this only turns checked text into a number.

use std::sync::OnceLock;

static READER: OnceLock<fn(&str) -> Option<f64>> = OnceLock::new();

/// Installs the reader the page uses; later calls are ignored.
pub fn install(reader: fn(&str) -> Option<f64>) {
    let _ = READER.set(reader);
}

/// The number a decimal text spells, `None` when it spells none.
pub fn parse(text: &str) -> Option<f64> {
    match READER.get() {
        Some(reader) => reader(text),
        None => native(text),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn native(text: &str) -> Option<f64> {
    text.parse().ok()
}

/// In the page a reader is always installed before the first form; without one, no float
/// reads (and the form says so at the field) rather than carrying a second reader.
#[cfg(target_arch = "wasm32")]
fn native(_: &str) -> Option<f64> {
    None
}
