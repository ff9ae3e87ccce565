//! The body checksum botocore adds to operations with `httpChecksum` or
//! `httpChecksumRequired` (`botocore/httpchecksum.py`, `request_checksum_calculation` at its
//! default `when_supported`): `x-amz-checksum-crc32` of the body, and the operation's
//! algorithm header set to `CRC32` when the form names no algorithm. Other algorithms
//! (SHA-1, SHA-256, CRC32C, CRC64NVME, xxHash) are the CLI's to compute; streaming uploads
//! carry their checksum in an `aws-chunked` trailer, which the page does not show.

use super::RestRequest;
use crate::core::model::{Kind, Operation};
use crate::core::request::value::{base64, Value};

/// Adds the default checksum where botocore adds one.
pub(in crate::core::wire) fn apply(op: &Operation, request: &Value, out: &mut RestRequest) {
    let Some(http) = op.http else { return };
    let streaming = op.members().iter().any(|m| m.streaming && matches!(m.kind, Kind::Blob { .. }));
    if streaming
        || out.headers.iter().any(|(n, _)| n.to_ascii_lowercase().starts_with("x-amz-checksum-"))
    {
        return;
    }
    let algorithm_member = http
        .checksum_algorithm_member
        .and_then(|name| op.members().iter().find(|m| m.name == name));
    let chosen = algorithm_member.and_then(|m| request.field(m.name));
    let crc32 = match chosen {
        Some(Value::Str(name)) => name.eq_ignore_ascii_case("crc32"),
        Some(_) => false,
        None => http.checksum_required || algorithm_member.is_some(),
    };
    if !crc32 {
        return;
    }
    out.headers.push((
        "x-amz-checksum-crc32".to_string(),
        base64(&crc32_of(out.body.as_bytes()).to_be_bytes()),
    ));
    if let (None, Some(member)) = (chosen, algorithm_member) {
        if let Some(header) = member.location_name {
            out.headers.push((header.to_string(), "CRC32".to_string()));
        }
    }
}

/// CRC-32 (IEEE 802.3, reflected, as zlib's `crc32`).
fn crc32_of(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc32_is_zlibs() {
        assert_eq!(super::crc32_of(b""), 0);
        assert_eq!(super::crc32_of(b"123456789"), 0xCBF4_3926);
    }
}
