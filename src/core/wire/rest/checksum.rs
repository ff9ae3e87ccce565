//! The body checksum botocore adds to operations with `httpChecksum` or
//! `httpChecksumRequired` (`botocore/httpchecksum.py`, `request_checksum_calculation` at its
//! default `when_supported`): `x-amz-checksum-crc32` of the body, and the operation's
//! algorithm header set to `CRC32` when the form names no algorithm. Other algorithms
//! (SHA-1, SHA-256, CRC32C, CRC64NVME, xxHash) are the CLI's to compute; streaming uploads
//! carry their checksum in an `aws-chunked` trailer, which the page does not show.
//!
//! That default is AWS CLI v1's botocore's; AWS CLI v2's bundled botocore defaults to CRC64NVME
//! (`DEFAULT_CHECKSUM_ALGORITHM` in `awscli/botocore/httpchecksum.py`), so a request for v2
//! carries `x-amz-checksum-crc64nvme` and `CRC64NVME` in its place ([`for_cli`]).

use super::RestRequest;
use crate::core::model::{AwsCli, Cloud, Kind, Operation};
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

/// The default checksum [`apply`] added, as the chosen CLI computes it: v2's is CRC64NVME of
/// the same body, under its own header, and the algorithm header says so.
pub(in crate::core::wire) fn for_cli(
    op: &Operation,
    request: &Value,
    headers: &mut [(String, String)],
    body: &str,
    cli: AwsCli,
) {
    if cli != AwsCli::V2 || op.cloud != Cloud::Aws {
        return;
    }
    let Some(http) = op.http else { return };
    // [`apply`]'s default: no algorithm named (a named one is sent as named).
    let algorithm_member = http
        .checksum_algorithm_member
        .and_then(|name| op.members().iter().find(|m| m.name == name));
    if algorithm_member.is_some_and(|m| request.field(m.name).is_some()) {
        return;
    }
    // A checksum header the form set itself stays (`apply` added none then).
    let from_member = op.members().iter().any(|m| {
        request.field(m.name).is_some()
            && m.location_name
                .is_some_and(|n| n.to_ascii_lowercase().starts_with("x-amz-checksum-"))
    });
    if from_member {
        return;
    }
    for (name, value) in headers.iter_mut() {
        if name == "x-amz-checksum-crc32" {
            *name = "x-amz-checksum-crc64nvme".to_string();
            *value = base64(&crc64nvme_of(body.as_bytes()).to_be_bytes());
        } else if algorithm_member.and_then(|m| m.location_name) == Some(name.as_str())
            && value == "CRC32"
        {
            *value = "CRC64NVME".to_string();
        }
    }
}

/// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, as awscrt's `crc64nvme`).
fn crc64nvme_of(bytes: &[u8]) -> u64 {
    let mut crc = !0u64;
    for &byte in bytes {
        crc ^= u64::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0x9A6C_9329_AC4B_C9B5 } else { crc >> 1 };
        }
    }
    !crc
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

    #[test]
    fn crc64nvme_is_awscrts() {
        // The catalogue's check value, and what AWS CLI v2 sent for a PutBucketTagging body.
        assert_eq!(super::crc64nvme_of(b"123456789"), 0xAE8B_1486_0A79_9888);
        let body = r#"<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>"#;
        let sum = super::crc64nvme_of(body.as_bytes()).to_be_bytes();
        assert_eq!(crate::core::request::value::base64(&sum), "2lbKwPvJAPI=");
    }
}
