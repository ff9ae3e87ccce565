//! Floats are spelled as Python's `repr` spells them, because the AWS CLI writes JSON bodies and
//! query values with Python. The oracle is Python itself: half a million floats (random bit
//! patterns, random magnitudes, cents) go to one Python process and come back as `repr`.

mod common;

use request_builder::core::request::value::python_float;
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
#[ignore = "runs Python (scripts/test runs it)"]
fn floats_are_spelled_exactly_as_python_repr_for_random_values() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut values = Vec::new();
    for _ in 0..200_000 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let magnitude = (state >> 11) as f64 / 1e6 * if state & 1 == 0 { 1.0 } else { -1.0 };
        for value in [f64::from_bits(state), magnitude, (state % 100_000) as f64 / 100.0, 0.0, -0.0]
        {
            if value.is_finite() {
                values.push(value);
            }
        }
    }
    let input: String = values.iter().map(|v| format!("{:016x}\n", v.to_bits())).collect();
    let mut python = Command::new(common::venv().join("bin/python"))
        .args(["-c", "import struct,sys\nfor line in sys.stdin: print(repr(struct.unpack('>d', bytes.fromhex(line.strip()))[0]))"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run python");
    let mut stdin = python.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = python.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let expected: Vec<&str> = std::str::from_utf8(&output.stdout).unwrap().lines().collect();
    assert_eq!(expected.len(), values.len());
    let wrong: Vec<String> = values
        .iter()
        .zip(&expected)
        .filter(|(v, e)| python_float(**v) != **e)
        .take(5)
        .map(|(v, e)| format!("{:016x}: page {} python {e}", v.to_bits(), python_float(*v)))
        .collect();
    assert!(wrong.is_empty(), "{} values checked, differences: {wrong:#?}", values.len());
}

/// Regression: a float exactly halfway between two shortest spellings (…853.25) is spelled
/// as Python rounds the tie (to even: …853.2); the earlier printer wrote …853.3.
// The literal is the exact halfway double the regression is about, digits and all.
#[allow(clippy::excessive_precision)]
#[test]
fn regression_halfway_float_is_spelled_with_pythons_tie_rounding() {
    assert_eq!(python_float(667082108456853.25), "667082108456853.2");
}
