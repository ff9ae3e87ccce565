//! AWS Signature Version 4 with the aws-sigv4 crate, and credentials from aws-config's default
//! chain, as the AWS CLI and SDKs find them: the environment, the profile (`--profile`, else
//! `AWS_PROFILE`, else `default`) with its static keys, SSO, assume-role chains,
//! `credential_process` or web identity, then a web identity token from the environment, the
//! container credentials endpoint and the EC2 instance role. One chain serves the proxy's whole
//! life; its keys are cached and fetched again before they expire (see `credentials`).

use crate::credentials::Cache;
use anyhow::{anyhow, Context, Result};
use aws_config::environment::region::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::{ProfileFileRegionProvider, ProfileSet};
use aws_config::BehaviorVersion;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_http_client::tls;
use aws_types::os_shim_internal::{Env, Fs};
use aws_types::region::Region;
use std::borrow::Cow;
use std::sync::Arc;
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

/// How every error of [`AwsCredentials::keys`] starts.
pub const NO_KEYS: &str = "no AWS credentials";

/// AWS credentials from aws-config's default chain, asked for before each request is signed and
/// kept in a [`Cache`] until near their expiry. The chain is built at the first use (it may
/// look for a region, which can take a moment), and never again.
pub struct AwsCredentials {
    profile: Option<String>,
    provider: tokio::sync::OnceCell<SharedCredentialsProvider>,
    cache: Cache<AwsKeys>,
}

impl std::fmt::Debug for AwsCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AwsCredentials(profile: {:?})", self.profile)
    }
}

impl AwsCredentials {
    /// The default chain, with `profile` (the `--profile` flag) in place of `AWS_PROFILE`.
    pub fn new(profile: Option<String>) -> AwsCredentials {
        AwsCredentials { profile, provider: tokio::sync::OnceCell::new(), cache: Cache::default() }
    }

    async fn provider(&self) -> &SharedCredentialsProvider {
        self.provider
            .get_or_init(|| async {
                // rustls with ring, like the proxy's own client (aws-config's default client
                // would build aws-lc).
                let client = aws_smithy_http_client::Builder::new()
                    .tls_provider(tls::Provider::Rustls(tls::rustls_provider::CryptoMode::Ring))
                    .build_https();
                // The region of the STS calls an assume-role profile makes: the environment's,
                // the profile's, else us-east-1, never the EC2 metadata service's, which would
                // hold up the first request by seconds on any other machine.
                let mut profile_region = ProfileFileRegionProvider::builder();
                if let Some(profile) = &self.profile {
                    profile_region = profile_region.profile_name(profile);
                }
                let region =
                    RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
                        .or_else(profile_region.build())
                        .or_else(Region::new("us-east-1"));
                let mut loader = aws_config::defaults(BehaviorVersion::latest())
                    .http_client(client)
                    .region(region);
                if let Some(profile) = &self.profile {
                    loader = loader.profile_name(profile);
                }
                let config = loader.load().await;
                match config.credentials_provider() {
                    Some(provider) => provider,
                    None => SharedCredentialsProvider::new(NoCredentials),
                }
            })
            .await
    }

    /// The keys to sign with now: cached ones, or new ones from the chain when those come near
    /// their expiry (see [`crate::credentials`]).
    pub async fn keys(&self) -> Result<Arc<AwsKeys>> {
        self.cache
            .get(|| async {
                let credentials = self
                    .provider()
                    .await
                    .provide_credentials()
                    .await
                    .map_err(|e| anyhow!("{NO_KEYS}: {}", crate::credentials::causes(&e)))?;
                let keys = AwsKeys {
                    access_key_id: credentials.access_key_id().to_string(),
                    secret_access_key: credentials.secret_access_key().to_string(),
                    session_token: credentials.session_token().map(str::to_string),
                };
                Ok((keys, credentials.expiry()))
            })
            .await
    }

    /// Where the chain finds its keys, in words and without values: `environment`, `profile
    /// \`dev\` (assume role … from profile \`base\` (static keys))`, `web identity token`, ...
    /// Read from the environment and the profile files, in the order the chain tries them.
    pub async fn source(&self) -> String {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if env("AWS_ACCESS_KEY_ID").is_some() && env("AWS_SECRET_ACCESS_KEY").is_some() {
            return "environment (AWS_ACCESS_KEY_ID)".into();
        }
        let profiles = aws_config::profile::load(
            &Fs::real(),
            &Env::real(),
            &EnvConfigFiles::default(),
            self.profile.clone().map(Cow::Owned),
        )
        .await;
        if let Ok(profiles) = &profiles {
            let name = profiles.selected_profile();
            if let Some(how) = describe_profile(profiles, name, 0) {
                return format!("profile `{name}` ({how})");
            }
        }
        if env("AWS_WEB_IDENTITY_TOKEN_FILE").is_some() {
            return "web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)".into();
        }
        if env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").is_some()
            || env("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_some()
        {
            return "container credentials endpoint (AWS_CONTAINER_CREDENTIALS_*)".into();
        }
        "instance role (EC2 instance metadata)".into()
    }
}

/// How a profile gets its keys, following `source_profile` (at most 10 deep); `None` when the
/// profile is missing or names no credentials.
fn describe_profile(profiles: &ProfileSet, name: &str, depth: usize) -> Option<String> {
    let profile = profiles.get_profile(name)?;
    let get = |key: &str| profile.get(key).filter(|v| !v.is_empty());
    if let Some(role) = get("role_arn") {
        let from =
            match (get("source_profile"), get("credential_source"), get("web_identity_token_file"))
            {
                (Some(source), _, _) if depth < 10 => {
                    let inner = if source == name {
                        "static keys".to_string()
                    } else {
                        describe_profile(profiles, source, depth + 1)
                            .unwrap_or_else(|| "no credentials".into())
                    };
                    format!(" from profile `{source}` ({inner})")
                }
                (_, Some(source), _) => format!(" with credential_source {source}"),
                (_, _, Some(_)) => " with a web identity token".to_string(),
                _ => String::new(),
            };
        return Some(format!("assume role {role}{from}"));
    }
    if get("sso_session").is_some() || get("sso_start_url").is_some() {
        let role = get("sso_role_name").map(|r| format!(", role {r}")).unwrap_or_default();
        return Some(format!("SSO{role}"));
    }
    if get("credential_process").is_some() {
        return Some("credential_process".into());
    }
    if get("aws_access_key_id").is_some() {
        return Some("static keys".into());
    }
    if get("login_session").is_some() {
        return Some("console login".into());
    }
    None
}

/// The provider when aws-config's loader has none (it always has one: the default chain).
#[derive(Debug)]
struct NoCredentials;

impl ProvideCredentials for NoCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(Err(CredentialsError::not_loaded_no_source()))
    }
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
