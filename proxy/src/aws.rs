//! AWS Signature Version 4 with the aws-sigv4 crate, and credentials from the standard places:
//! `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, else the shared
//! credentials file (`AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`, profile
//! `AWS_PROFILE` or `default`). Read for every request, so rotated keys are picked up.

use anyhow::{anyhow, Context, Result};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use std::time::SystemTime;

/// AWS keys; `Debug` never shows the secret.
#[derive(Clone)]
pub struct AwsKeys {
    /// Access key ID.
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: String,
    /// Session token of temporary credentials.
    pub session_token: Option<String>,
}

impl std::fmt::Debug for AwsKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "AwsKeys({}, secret: ***, token: {})",
            self.access_key_id,
            if self.session_token.is_some() { "***" } else { "none" }
        )
    }
}

/// Loads keys from the environment or the shared credentials file.
pub fn load_keys() -> Result<AwsKeys> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(id), Some(secret)) = (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")) {
        return Ok(AwsKeys {
            access_key_id: id,
            secret_access_key: secret,
            session_token: env("AWS_SESSION_TOKEN"),
        });
    }
    let path = env("AWS_SHARED_CREDENTIALS_FILE")
        .map(std::path::PathBuf::from)
        .or_else(|| env("HOME").map(|home| std::path::Path::new(&home).join(".aws/credentials")))
        .ok_or_else(|| {
            anyhow!("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        })?;
    let profile = env("AWS_PROFILE").unwrap_or_else(|| "default".into());
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!("no AWS credentials in the environment, and {} cannot be read", path.display())
    })?;
    let section = profile_section(&text, &profile)
        .ok_or_else(|| anyhow!("profile [{profile}] not found in {}", path.display()))?;
    let get = |key: &str| section.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    Ok(AwsKeys {
        access_key_id: get("aws_access_key_id")
            .ok_or_else(|| anyhow!("profile [{profile}] has no aws_access_key_id"))?,
        secret_access_key: get("aws_secret_access_key")
            .ok_or_else(|| anyhow!("profile [{profile}] has no aws_secret_access_key"))?,
        session_token: get("aws_session_token"),
    })
}

/// The `key = value` lines of one `[profile]` section of an INI file.
fn profile_section(text: &str, profile: &str) -> Option<Vec<(String, String)>> {
    let mut current = None;
    let mut found = None;
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.trim().to_string());
            if current.as_deref() == Some(profile) {
                found.get_or_insert_with(Vec::new);
            }
        } else if let (Some(name), Some((k, v))) = (&current, line.split_once('=')) {
            if name == profile && !line.starts_with('#') && !line.starts_with(';') {
                found
                    .get_or_insert_with(Vec::new)
                    .push((k.trim().to_string(), v.trim().to_string()));
            }
        }
    }
    found
}

/// SigV4 settings for a signing name. S3 (and its relatives that sign as `s3`, `s3-outposts`,
/// `s3express`) wants the payload hash in `x-amz-content-sha256` and its path signed as sent:
/// encoded once, never normalized (`a//b` and `..` are key names there). Every other service
/// gets the SigV4 defaults: the path normalized and encoded twice, no payload header.
pub fn settings_for(service: &str) -> SigningSettings {
    let mut settings = SigningSettings::default();
    if matches!(service, "s3" | "s3-outposts" | "s3express" | "s3-object-lambda") {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    }
    settings
}

/// Signs `request` in place for `service` in `region` at `time`. The body is known whole (the
/// proxy reads it under `--body-limit`), so it is always signed; `UNSIGNED-PAYLOAD` is never
/// used.
pub fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    keys: &AwsKeys,
    service: &str,
    region: &str,
    time: SystemTime,
) -> Result<()> {
    let identity = Credentials::new(
        &keys.access_key_id,
        &keys.secret_access_key,
        keys.session_token.clone(),
        None,
        "signing-proxy",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings_for(service))
        .build()
        .context("signing parameters")?
        .into();
    let uri = request.uri().to_string();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let signable = SignableRequest::new(
        request.method().as_str(),
        uri,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(request.body()),
    )
    .context("the request cannot be signed")?;
    let (instructions, _signature) =
        sign(signable, &params).context("signing failed")?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::profile_section;

    #[test]
    fn reads_the_named_profile_only() {
        let ini = "[default]\naws_access_key_id = A\naws_secret_access_key = B\n\n[prod]\naws_access_key_id=C\n# comment\naws_secret_access_key=D\naws_session_token=E\n";
        let prod = profile_section(ini, "prod").unwrap();
        assert_eq!(
            prod,
            vec![
                ("aws_access_key_id".into(), "C".into()),
                ("aws_secret_access_key".into(), "D".into()),
                ("aws_session_token".into(), "E".into())
            ]
        );
        assert!(profile_section(ini, "missing").is_none());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let keys = super::AwsKeys {
            access_key_id: "AKID".into(),
            secret_access_key: "SECRET".into(),
            session_token: Some("TOKEN".into()),
        };
        let shown = format!("{keys:?}");
        assert!(!shown.contains("SECRET") && !shown.contains("TOKEN"), "{shown}");
    }
}
