//! Floats as the clouds' tools read and write them: reading decimal text (`1.5`, `-2e-3`),
//! correctly rounded, with the platform's own reader, and writing as Python's `repr` does.
//!
//! The page installs the browser's `Number()` (see `web::install_platform`), so the wasm
//! carries no decimal-to-float tables of its own; native builds use Rust's `str::parse`. Both
//! round to nearest, ties to even, as IEEE 754 and Python's `float()` do. Callers check the
//! syntax first (`request::build::parse_float`): this only turns checked text into a number.

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

/// A float as Python's `repr` writes it (which `json.dumps` and `str` use): the shortest
/// digits that round-trip, positional from 1e-4 up to 1e16, else `1e+16` / `1.5e-07`.
pub fn python_float(value: f64) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    // zmij (serde_json's float printer) gives the shortest round-trip digits; only the layout
    // is Python's. It replaces `format!("{:e}")`, whose float machinery weighed on the wasm.
    let mut buffer = zmij::Buffer::new();
    let shortest = buffer.format_finite(value);
    let (sign, unsigned) = match shortest.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", shortest),
    };
    let (mantissa, exp_text) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = format!("{whole}{fraction}");
    let leading_zeros = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0').to_string();
    if digits.is_empty() {
        return format!("{sign}0.0");
    }
    // Decimal exponent of the first significant digit.
    let exponent: i32 =
        exp_text.parse::<i32>().unwrap_or(0) + whole.len() as i32 - 1 - leading_zeros as i32;
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        let text = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point as usize >= digits.len() {
            format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{text}")
    } else {
        let mantissa =
            if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{exp_sign}{:02}", exponent.abs())
    }
}
