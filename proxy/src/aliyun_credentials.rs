//! Alibaba Cloud credentials as the `aliyun` CLI and Alibaba's credentials SDKs find them. No
//! maintained Rust crate does this, so this module does, small: it owns where keys come from and
//! how they are fetched, not how requests are signed (`aliyun`) or when keys are fetched again
//! (`credentials`).
//!
//! Tried in this order, once, at start-up:
//! 1. `ALIBABA_CLOUD_ACCESS_KEY_ID` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (and
//!    `ALIBABA_CLOUD_SECURITY_TOKEN`);
//! 2. a profile of the `aliyun` CLI's `~/.aliyun/config.json`: `--aliyun-profile`, else
//!    `ALIBABA_CLOUD_PROFILE`, else the file's `current`. Its `mode` is one of `AK`, `StsToken`,
//!    `RamRoleArn` (STS AssumeRole with the profile's AccessKey, RPC-signed here),
//!    `ChainableRamRoleArn` (the same from `source_profile`'s keys), `EcsRamRole` (the ECS
//!    metadata server) or `CredentialsURI` (a URL answering keys), with the CLI's field names;
//! 3. `ALIBABA_CLOUD_ECS_METADATA` (a RAM role name for the metadata server), then
//!    `ALIBABA_CLOUD_CREDENTIALS_URI`, as the credentials SDKs' default chain has them.
//!
//! The STS endpoint is `sts.aliyuncs.com`, or `sts.<sts_region>.aliyuncs.com` (`sts_region` of the
//! profile, else `ALIBABA_CLOUD_STS_REGION`; `sts-vpc.` with `enable_vpc`), and
//! `SIGNING_PROXY_ALIYUN_STS_ENDPOINT` replaces it with a base URL (tests, private gateways). The
//! metadata server is `http://100.100.100.200`, replaced by `SIGNING_PROXY_ALIYUN_METADATA_URL`.
//! Answers are parsed as Alibaba's Python `alibabacloud_credentials` parses them; no key, secret
//! or token ever reaches a message.

use crate::aliyun::AliyunKeys;
use crate::credentials::Cache;
use anyhow::{anyhow, bail, Context, Result};
use request_builder::core::request::timestamp;
use serde_json::Value;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Replaces the STS endpoint (a base URL such as `http://127.0.0.1:9000`).
pub const STS_ENDPOINT_ENV: &str = "SIGNING_PROXY_ALIYUN_STS_ENDPOINT";
/// Replaces the ECS metadata server's base URL `http://100.100.100.200`.
pub const METADATA_URL_ENV: &str = "SIGNING_PROXY_ALIYUN_METADATA_URL";
const METADATA_URL: &str = "http://100.100.100.200";
/// The AssumeRole session length when the profile gives none (`expired_seconds`).
const DEFAULT_DURATION: u64 = 3600;
/// How every error of [`AliyunCredentials::keys`] starts.
pub const NO_KEYS: &str = "no Alibaba Cloud credentials";

/// Where keys come from.
enum Source {
    /// Keys as they are (environment, `AK`, `StsToken`).
    Static(AliyunKeys),
    /// STS AssumeRole signed with the keys of `base`.
    RamRoleArn {
        base: Box<Source>,
        role_arn: String,
        session_name: String,
        duration: u64,
        external_id: Option<String>,
        policy: Option<String>,
        sts: url::Url,
    },
    /// The ECS metadata server's RAM role keys.
    EcsRamRole { role: Option<String>, metadata: url::Url },
    /// A URL that answers keys.
    CredentialsUri(url::Url),
    /// No keys, and why.
    Missing(String),
}

/// Alibaba Cloud credentials: where they come from (found once at start-up), and the keys of the
/// moment, fetched again before they expire.
pub struct AliyunCredentials {
    source: Source,
    description: String,
    cache: Cache<AliyunKeys>,
    client: reqwest::Client,
}

impl std::fmt::Debug for AliyunCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AliyunCredentials({})", self.description)
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl AliyunCredentials {
    /// Finds the source as described in the module documentation; `profile` is the
    /// `--aliyun-profile` flag. Never fails: with no source, requests get the reason.
    pub fn new(profile: Option<String>) -> AliyunCredentials {
        let (source, description) = find(profile);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        AliyunCredentials { source, description, cache: Cache::default(), client }
    }

    /// Where the keys come from, in words, never the values.
    pub fn source(&self) -> &str {
        &self.description
    }

    /// The keys to sign with now (see `credentials` for when they are fetched again).
    pub async fn keys(&self) -> Result<Arc<AliyunKeys>> {
        let context = match &self.source {
            Source::Missing(_) => NO_KEYS.to_string(),
            _ => format!("{NO_KEYS} from {}", self.description),
        };
        self.cache.get(|| async { fetch(&self.client, &self.source).await.context(context) }).await
    }
}

/// The source and its description.
fn find(profile: Option<String>) -> (Source, String) {
    if let (Some(id), Some(secret)) =
        (env("ALIBABA_CLOUD_ACCESS_KEY_ID"), env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
    {
        let keys = AliyunKeys {
            access_key_id: id,
            access_key_secret: secret,
            security_token: env("ALIBABA_CLOUD_SECURITY_TOKEN"),
        };
        return (Source::Static(keys), "environment (ALIBABA_CLOUD_ACCESS_KEY_ID)".into());
    }
    let named = profile.or_else(|| env("ALIBABA_CLOUD_PROFILE"));
    let file = config_file();
    match file.as_ref().map(std::fs::read_to_string) {
        Some(Ok(text)) => {
            let path = file.clone().unwrap_or_default();
            return match from_config(&text, named.as_deref()) {
                Ok((name, source, how)) => {
                    (source, format!("profile `{name}` of {} ({how})", path.display()))
                }
                Err(e) => {
                    let why = format!("{}: {e:#}", path.display());
                    (Source::Missing(why), "none".into())
                }
            };
        }
        Some(Err(_)) | None if named.is_some() => {
            let why = format!(
                "profile `{}` was asked for, but {} cannot be read",
                named.unwrap_or_default(),
                file.map(|f| f.display().to_string())
                    .unwrap_or_else(|| "~/.aliyun/config.json".into())
            );
            return (Source::Missing(why), "none".into());
        }
        _ => {}
    }
    if let Some(role) = env("ALIBABA_CLOUD_ECS_METADATA") {
        let metadata = metadata_url();
        return match metadata {
            Ok(metadata) => (
                Source::EcsRamRole { role: Some(role.clone()), metadata },
                format!("ECS RAM role `{role}` (ALIBABA_CLOUD_ECS_METADATA)"),
            ),
            Err(e) => (Source::Missing(format!("{e:#}")), "none".into()),
        };
    }
    if let Some(uri) = env("ALIBABA_CLOUD_CREDENTIALS_URI") {
        return match url::Url::parse(&uri) {
            Ok(url) => (Source::CredentialsUri(url), "ALIBABA_CLOUD_CREDENTIALS_URI".into()),
            Err(e) => {
                let why = format!("ALIBABA_CLOUD_CREDENTIALS_URI is not a URL: {e}");
                (Source::Missing(why), "none".into())
            }
        };
    }
    let why = "none of ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET, ~/.aliyun/config.json (aliyun configure), ALIBABA_CLOUD_ECS_METADATA or ALIBABA_CLOUD_CREDENTIALS_URI is set".to_string();
    (Source::Missing(why), "none".into())
}

/// `~/.aliyun/config.json`.
fn config_file() -> Option<PathBuf> {
    env("HOME").map(|home| PathBuf::from(home).join(".aliyun/config.json"))
}

fn metadata_url() -> Result<url::Url> {
    let base = env(METADATA_URL_ENV).unwrap_or_else(|| METADATA_URL.into());
    url::Url::parse(&base).with_context(|| format!("{METADATA_URL_ENV} {base:?} is not a URL"))
}

/// The profile `named` (else the file's `current`) of an `aliyun` CLI config file: its name, its
/// source and how it gets keys.
fn from_config(text: &str, named: Option<&str>) -> Result<(String, Source, String)> {
    let config: Value = serde_json::from_str(text).context("not JSON")?;
    let name = named
        .map(str::to_string)
        .or_else(|| config["current"].as_str().filter(|c| !c.is_empty()).map(str::to_string))
        .unwrap_or_else(|| "default".into());
    let (source, how) = profile_source(&config, &name, 0)?;
    Ok((name, source, how))
}

/// The source of one profile, following `source_profile` at most 10 deep.
fn profile_source(config: &Value, name: &str, depth: usize) -> Result<(Source, String)> {
    let profile = config["profiles"]
        .as_array()
        .and_then(|all| all.iter().find(|p| p["name"].as_str() == Some(name)))
        .ok_or_else(|| anyhow!("there is no profile `{name}`"))?;
    let text = |key: &str| profile[key].as_str().filter(|v| !v.is_empty()).map(str::to_string);
    let need = |key: &str| {
        text(key)
            .ok_or_else(|| anyhow!("profile `{name}` (mode {}) has no {key}", mode_of(profile)))
    };
    let keys = |token: Option<String>| -> Result<AliyunKeys> {
        Ok(AliyunKeys {
            access_key_id: need("access_key_id")?,
            access_key_secret: need("access_key_secret")?,
            security_token: token,
        })
    };
    match mode_of(profile) {
        "AK" => Ok((Source::Static(keys(None)?), "AK".into())),
        "StsToken" => Ok((Source::Static(keys(Some(need("sts_token")?))?), "StsToken".into())),
        mode @ ("RamRoleArn" | "ChainableRamRoleArn") => {
            let (base, from) = if mode == "RamRoleArn" {
                (Source::Static(keys(text("sts_token"))?), String::new())
            } else {
                let source = need("source_profile")?;
                if depth >= 10 || source == name {
                    bail!("profile `{name}`: source_profile `{source}` makes a loop");
                }
                let (base, how) = profile_source(config, &source, depth + 1)?;
                (base, format!(" from profile `{source}` ({how})"))
            };
            let role_arn = need("ram_role_arn")?;
            let duration = match profile["expired_seconds"].as_u64() {
                None | Some(0) => DEFAULT_DURATION,
                Some(s) if s < 900 => {
                    bail!("profile `{name}`: expired_seconds {s} is below STS's minimum of 900")
                }
                Some(s) => s,
            };
            let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
            let source = Source::RamRoleArn {
                base: Box::new(base),
                session_name: text("ram_session_name")
                    .unwrap_or_else(|| format!("signing-proxy-{now}")),
                duration,
                external_id: text("external_id"),
                policy: text("policy"),
                sts: sts_endpoint(text("sts_region"), profile["enable_vpc"].as_bool())?,
                role_arn: role_arn.clone(),
            };
            Ok((source, format!("{mode} {role_arn}{from}")))
        }
        "EcsRamRole" => {
            let role = text("ram_role_name");
            let how = match &role {
                Some(role) => format!("EcsRamRole `{role}`"),
                None => "EcsRamRole".into(),
            };
            Ok((Source::EcsRamRole { role, metadata: metadata_url()? }, how))
        }
        "CredentialsURI" => {
            let uri = need("credentials_uri")?;
            let url = url::Url::parse(&uri)
                .with_context(|| format!("profile `{name}`: credentials_uri is not a URL"))?;
            Ok((Source::CredentialsUri(url), "CredentialsURI".into()))
        }
        other => bail!(
            "profile `{name}` has mode {other:?}, which this proxy does not read (it reads AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole and CredentialsURI); export keys with ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET / ALIBABA_CLOUD_SECURITY_TOKEN instead"
        ),
    }
}

fn mode_of(profile: &Value) -> &str {
    // The CLI takes a profile without a mode as AK.
    profile["mode"].as_str().filter(|m| !m.is_empty()).unwrap_or("AK")
}

/// The STS endpoint: the override, else `sts[-vpc][.<region>].aliyuncs.com` over HTTPS.
fn sts_endpoint(region: Option<String>, vpc: Option<bool>) -> Result<url::Url> {
    if let Some(base) = env(STS_ENDPOINT_ENV) {
        return url::Url::parse(&base)
            .with_context(|| format!("{STS_ENDPOINT_ENV} {base:?} is not a URL"));
    }
    let vpc = vpc.unwrap_or_else(|| {
        env("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    });
    let prefix = if vpc { "sts-vpc" } else { "sts" };
    let host = match region.or_else(|| env("ALIBABA_CLOUD_STS_REGION")) {
        Some(region) => format!("{prefix}.{region}.aliyuncs.com"),
        None => "sts.aliyuncs.com".into(),
    };
    url::Url::parse(&format!("https://{host}/"))
        .with_context(|| format!("{host} is not a host name"))
}

type Fetched = Result<(AliyunKeys, Option<SystemTime>)>;

/// Keys and their expiry from `source`.
fn fetch<'a>(
    client: &'a reqwest::Client,
    source: &'a Source,
) -> Pin<Box<dyn Future<Output = Fetched> + Send + 'a>> {
    Box::pin(async move {
        match source {
            Source::Static(keys) => Ok((keys.clone(), None)),
            Source::Missing(why) => Err(anyhow!("{why}")),
            Source::RamRoleArn {
                base,
                role_arn,
                session_name,
                duration,
                external_id,
                policy,
                sts,
            } => {
                let (base, _) = fetch(client, base).await?;
                let mut params = vec![
                    ("Action", "AssumeRole".to_string()),
                    ("Format", "JSON".into()),
                    ("Version", "2015-04-01".into()),
                    ("DurationSeconds", duration.to_string()),
                    ("RoleArn", role_arn.clone()),
                    ("RoleSessionName", session_name.clone()),
                ];
                if let Some(id) = external_id {
                    params.push(("ExternalId", id.clone()));
                }
                if let Some(policy) = policy {
                    params.push(("Policy", policy.clone()));
                }
                let params: Vec<(String, String)> =
                    params.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
                let query = crate::aliyun::rpc_v1_query(
                    "GET",
                    &params,
                    &timestamp::format_iso(now.as_secs() as i64),
                    &crate::forward::nonce(now.as_nanos()),
                    &base,
                );
                let mut url = sts.clone();
                url.set_query(Some(&query));
                let host = sts.host_str().unwrap_or_default().to_string();
                let answer = get(client, url, &[], &format!("STS AssumeRole at {host}")).await?;
                let credentials = &answer["Credentials"];
                keys_from(credentials, &format!("STS AssumeRole at {host}"))
            }
            Source::EcsRamRole { role, metadata } => {
                let base = metadata.as_str().trim_end_matches('/').to_string();
                // Hardened mode (a session token) when the server offers it, else plain GETs.
                let token = client
                    .put(format!("{base}/latest/api/token"))
                    .header("X-aliyun-ecs-metadata-token-ttl-seconds", "21600")
                    .send()
                    .await
                    .ok()
                    .filter(|a| a.status().is_success());
                let token = match token {
                    Some(answer) => answer.text().await.ok(),
                    None => None,
                };
                let headers: Vec<(&str, String)> =
                    token.into_iter().map(|t| ("X-aliyun-ecs-metadata-token", t)).collect();
                let list = format!("{base}/latest/meta-data/ram/security-credentials/");
                let role = match role {
                    Some(role) => role.clone(),
                    None => {
                        let mut request = client.get(&list);
                        for (k, v) in &headers {
                            request = request.header(*k, v);
                        }
                        let answer = request.send().await.map_err(|e| {
                            anyhow!(
                                "the ECS metadata server {base} cannot be reached: {}",
                                crate::credentials::causes(&e)
                            )
                        })?;
                        if !answer.status().is_success() {
                            bail!(
                                "the ECS metadata server {base} names no RAM role ({})",
                                answer.status()
                            );
                        }
                        answer.text().await?.trim().to_string()
                    }
                };
                let url = url::Url::parse(&format!("{list}{role}"))?;
                let answer =
                    get(client, url, &headers, &format!("the ECS metadata server {base}")).await?;
                if answer["Code"].as_str() != Some("Success") {
                    bail!(
                        "the ECS metadata server {base} answered Code {:?} for role `{role}`",
                        answer["Code"]
                    );
                }
                keys_from(&answer, &format!("the ECS metadata server {base}"))
            }
            Source::CredentialsUri(url) => {
                let what = format!("credentials URI {}", url.host_str().unwrap_or_default());
                let answer = get(client, url.clone(), &[], &what).await?;
                if answer["Code"].as_str() != Some("Success") {
                    bail!("the {what} answered Code {:?}", answer["Code"]);
                }
                keys_from(&answer, &what)
            }
        }
    })
}

/// GETs a JSON answer; an error names `what`, the status and the service's Code and Message
/// (never the body of a success, which holds secrets).
async fn get(
    client: &reqwest::Client,
    url: url::Url,
    headers: &[(&str, String)],
    what: &str,
) -> Result<Value> {
    let mut request = client.get(url);
    for (k, v) in headers {
        request = request.header(*k, v);
    }
    let answer = request
        .send()
        .await
        .map_err(|e| anyhow!("{what} cannot be reached: {}", crate::credentials::causes(&e)))?;
    let status = answer.status();
    // reqwest's `json` feature is a dev-dependency only: parse the bytes here.
    let bytes = answer.bytes().await.unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if !status.is_success() {
        let field = |k: &str| body[k].as_str().unwrap_or("").to_string();
        bail!("{what} answered {status}: {} {}", field("Code"), field("Message"));
    }
    Ok(body)
}

/// Keys from `AccessKeyId`, `AccessKeySecret`, `SecurityToken` and `Expiration`
/// (`2026-01-02T03:04:05Z`).
fn keys_from(json: &Value, what: &str) -> Fetched {
    let field = |k: &str| {
        json[k]
            .as_str()
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .ok_or_else(|| anyhow!("the answer of {what} has no {k}"))
    };
    let keys = AliyunKeys {
        access_key_id: field("AccessKeyId")?,
        access_key_secret: field("AccessKeySecret")?,
        security_token: Some(field("SecurityToken")?),
    };
    let expiration = field("Expiration")?;
    let seconds = timestamp::parse(&expiration)
        .map_err(|e| anyhow!("the Expiration of {what}, {expiration:?}, {e}"))?;
    let expires = UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap_or(0));
    Ok((keys, Some(expires)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"{
        "current": "dev",
        "profiles": [
            {"name": "dev", "mode": "AK", "access_key_id": "LTAIdev", "access_key_secret": "s1"},
            {"name": "sts", "mode": "StsToken", "access_key_id": "STS.a", "access_key_secret": "s2", "sts_token": "t"},
            {"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAIrole", "access_key_secret": "s3",
             "ram_role_arn": "acs:ram::1:role/r", "ram_session_name": "me", "expired_seconds": 1200, "sts_region": "cn-shanghai"},
            {"name": "chain", "mode": "ChainableRamRoleArn", "source_profile": "role", "ram_role_arn": "acs:ram::1:role/second"},
            {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "worker"},
            {"name": "uri", "mode": "CredentialsURI", "credentials_uri": "http://127.0.0.1:1/creds"},
            {"name": "short", "mode": "RamRoleArn", "access_key_id": "a", "access_key_secret": "b", "ram_role_arn": "r", "expired_seconds": 60},
            {"name": "oidc", "mode": "OIDC"}
        ]
    }"#;

    #[test]
    fn profiles_are_read_with_the_cli_field_names() {
        let (name, source, how) = from_config(CONFIG, None).unwrap();
        assert_eq!((name.as_str(), how.as_str()), ("dev", "AK"), "the file's current profile");
        assert!(
            matches!(source, Source::Static(k) if k.access_key_id == "LTAIdev" && k.security_token.is_none())
        );
        let (_, source, _) = from_config(CONFIG, Some("sts")).unwrap();
        assert!(matches!(source, Source::Static(k) if k.security_token.as_deref() == Some("t")));
        let (_, source, how) = from_config(CONFIG, Some("role")).unwrap();
        assert_eq!(how, "RamRoleArn acs:ram::1:role/r");
        match source {
            Source::RamRoleArn { role_arn, session_name, duration, sts, .. } => {
                assert_eq!(
                    (role_arn.as_str(), session_name.as_str(), duration),
                    ("acs:ram::1:role/r", "me", 1200)
                );
                if env(STS_ENDPOINT_ENV).is_none() {
                    assert_eq!(sts.as_str(), "https://sts.cn-shanghai.aliyuncs.com/");
                }
            }
            _ => panic!("not RamRoleArn"),
        }
        let (_, _, how) = from_config(CONFIG, Some("chain")).unwrap();
        assert_eq!(how, "ChainableRamRoleArn acs:ram::1:role/second from profile `role` (RamRoleArn acs:ram::1:role/r)");
        let (_, _, how) = from_config(CONFIG, Some("ecs")).unwrap();
        assert_eq!(how, "EcsRamRole `worker`");
        let (_, source, _) = from_config(CONFIG, Some("uri")).unwrap();
        assert!(matches!(source, Source::CredentialsUri(u) if u.path() == "/creds"));
    }

    #[test]
    fn unusable_profiles_say_why() {
        let error = |name| {
            from_config(CONFIG, Some(name)).err().map(|e| format!("{e:#}")).unwrap_or_default()
        };
        assert!(error("missing").contains("there is no profile `missing`"));
        assert!(error("short").contains("below STS's minimum of 900"));
        assert!(error("oidc").contains("mode \"OIDC\", which this proxy does not read"));
        assert!(from_config("{", None).is_err());
    }

    #[test]
    fn an_answer_without_a_field_is_refused_without_showing_the_others() {
        let json = serde_json::json!({"AccessKeyId": "STS.x", "AccessKeySecret": "secret", "Expiration": "2030-01-01T00:00:00Z"});
        let error = keys_from(&json, "STS").unwrap_err().to_string();
        assert!(error.contains("no SecurityToken") && !error.contains("secret"), "{error}");
        let json = serde_json::json!({"AccessKeyId": "STS.x", "AccessKeySecret": "s", "SecurityToken": "t", "Expiration": "2030-01-01T00:00:00Z"});
        let (keys, expires) = keys_from(&json, "STS").unwrap();
        assert_eq!(keys.security_token.as_deref(), Some("t"));
        assert_eq!(expires, Some(UNIX_EPOCH + Duration::from_secs(1_893_456_000)));
    }
}
