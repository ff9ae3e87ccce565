//! The AWS CLI's paging options in a pasted command, read as the CLI (and its botocore
//! paginator) reads them for the one request the page shows, the first.
//!
//! `--page-size N` sets the paginator's limit member to N; `--starting-token T` sets the input
//! token members from T, which botocore encodes as base64 JSON (`{"NextToken": "…",
//! "boto_truncate_amount": 2}`), or, when T is no such thing, takes as the service's own token
//! (parts joined by `___`); `--max-items N` only cuts the answer, so the request is unchanged.
//! A member the paginator sets, given as its own option, turns the CLI's paging off, and then
//! paging options are an error; so is `--no-paginate` with them.

use crate::core::json::{parse_json, Node};
use crate::core::model::Operation;
use crate::core::paste::coerce::coerce;
use crate::core::request::form::FormState;

/// The CLI's message when paging is off and paging options are given (the options in the
/// order the CLI lists them).
pub(crate) fn refused_with_paging_off(given: &[&str]) -> Option<String> {
    let used: Vec<&str> = ["--starting-token", "--page-size", "--max-items"]
        .into_iter()
        .filter(|p| given.contains(p))
        .collect();
    (!used.is_empty()).then(|| {
        format!("Cannot specify --no-paginate along with pagination arguments: {}", used.join(", "))
    })
}

/// Applies one paging option with its value; the note says what it did.
pub(crate) fn apply(
    op: &Operation,
    name: &str,
    value: &str,
    form: &mut FormState,
) -> Result<String, String> {
    match name {
        "--page-size" => {
            let Some(member) = op.page_size.and_then(|m| op.input.member(m)) else {
                return Err(format!("aws {} {} takes no --page-size", op.service, op.cli_name));
            };
            coerce(member.kind, &Node::Str(value.to_string()), member.name, form)
                .map_err(|m| format!("--page-size: {m}"))?;
            Ok(format!(
                "--page-size {value} set {}, as the CLI's first request carries it",
                member.name
            ))
        }
        "--starting-token" => {
            let tokens = decode(value).unwrap_or_else(|| deprecated(op, value));
            let mut set = Vec::new();
            for (token, node) in tokens {
                if matches!(&node, Node::Null) || matches!(&node, Node::Str(s) if s == "None") {
                    continue;
                }
                let Some(member) = op.input.member(&token) else {
                    return Err(format!(
                        "--starting-token names {token}, which aws {} {} does not take",
                        op.service, op.cli_name
                    ));
                };
                coerce(member.kind, &node, member.name, form)
                    .map_err(|m| format!("--starting-token: {m}"))?;
                set.push(member.name);
            }
            Ok(format!("--starting-token set {}", set.join(", ")))
        }
        _ => {
            if value.trim().parse::<i64>().is_err() {
                return Err(format!("--max-items takes a whole number, not \"{value}\""));
            }
            Ok(format!(
                "{name} {value} is applied by the CLI to the answer (it stops after that many items), not to the request"
            ))
        }
    }
}

/// botocore's `TokenDecoder`: base64 of a JSON object, without its `boto_*` keys; `None` when
/// the token is not one (botocore then falls back to the old format).
fn decode(token: &str) -> Option<Vec<(String, Node)>> {
    let bytes = base64_lenient(token)?;
    let text = String::from_utf8(bytes).ok()?;
    let Ok(Node::Map(pairs)) = parse_json(&text) else { return None };
    // Values encoded a second time (`boto_encoded_keys`, bytes tokens) are not read here.
    if pairs.iter().any(|(k, _)| k == "boto_encoded_keys") {
        return None;
    }
    Some(pairs.into_iter().filter(|(k, _)| k != "boto_truncate_amount").collect())
}

/// botocore's old token format: the input tokens' values joined by `___`, maybe followed by a
/// truncation count; a token of another shape is the first input token's value.
fn deprecated(op: &Operation, token: &str) -> Vec<(String, Node)> {
    let mut parts: Vec<&str> = token.split("___").collect();
    if parts.len() == op.page_tokens.len() + 1 {
        match parts.last().map(|p| p.parse::<i64>()) {
            Some(Ok(_)) => {
                parts.pop();
            }
            _ => parts = vec![token],
        }
    }
    op.page_tokens
        .iter()
        .zip(parts)
        .map(|(name, part)| (name.clone(), Node::Str(part.to_string())))
        .collect()
}

/// Python's `base64.b64decode` without `validate`: characters outside the alphabet are
/// skipped; the rest must make whole groups of four.
pub(crate) fn base64_lenient(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let kept: Vec<u8> = text.bytes().filter(|&c| value(c).is_some() || c == b'=').collect();
    let data: Vec<u8> = kept.iter().copied().take_while(|&c| c != b'=').collect();
    if !kept.len().is_multiple_of(4) || data.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::new();
    for chunk in data.chunks(4) {
        let digits: Vec<u32> = chunk.iter().filter_map(|&c| value(c)).map(u32::from).collect();
        let n = digits.iter().fold(0u32, |n, d| n << 6 | d) << (6 * (4 - digits.len()));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..digits.len() - 1]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::base64_lenient;

    #[test]
    fn base64_reads_as_python_does() {
        assert_eq!(base64_lenient("eyJhIjogMX0=").as_deref(), Some(&b"{\"a\": 1}"[..]));
        assert_eq!(base64_lenient("YQ==").as_deref(), Some(&b"a"[..]));
        assert_eq!(base64_lenient("YWI=").as_deref(), Some(&b"ab"[..]));
        assert_eq!(base64_lenient("YWJj").as_deref(), Some(&b"abc"[..]));
        assert_eq!(base64_lenient("YQ"), None, "incorrect padding");
    }
}
