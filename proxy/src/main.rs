//! `signing-proxy`: the command line. Binds 127.0.0.1:8787 unless told otherwise.

use anyhow::{Context, Result};
use clap::Parser;
use signing_proxy::aliyun_credentials::AliyunCredentials;
use signing_proxy::aws::AwsCredentials;
use signing_proxy::config::{AliyunSignature, Config};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// A signing proxy for the request builder page: CORS for the page, an allow-list of targets,
/// AWS SigV4 and Alibaba Cloud signatures with credentials that never reach the browser.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: std::net::SocketAddr,
    /// A page origin allowed to call the proxy (repeatable; at least one). No default: any
    /// other app on a default port could have requests signed.
    #[arg(long = "allow-origin")]
    allow_origin: Vec<String>,
    /// A host name accepted in `Host` besides the listen address: `NAME` (any port) or
    /// `NAME:PORT` (repeatable). Needed only behind a reverse proxy or with a custom name.
    #[arg(long = "allow-host")]
    allow_host: Vec<String>,
    /// Sign requests that carry no `Origin` header (scripts, curl). Off by default.
    #[arg(long)]
    allow_no_origin: bool,
    /// The endpoint data that makes the allow-list: `endpoints.json` written by
    /// `scripts/build-models`, with the compiled model files beside it (default: this
    /// checkout's `models/endpoints.json`).
    #[arg(long, value_name = "FILE")]
    endpoints: Option<std::path::PathBuf>,
    /// Send one service to another URL, e.g. an emulator: `--endpoint dms=http://127.0.0.1:5000` (repeatable).
    #[arg(long = "endpoint", value_parser = parse_endpoint)]
    endpoint: Vec<(String, url::Url)>,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    body_limit: usize,
    /// Seconds to wait for the upstream service's whole answer.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Largest upstream answer passed back, in bytes; a larger one is refused (502).
    #[arg(long, default_value_t = 1024 * 1024)]
    answer_limit: usize,
    /// Seconds a client has to send a request head (and an idle connection stays open).
    #[arg(long, default_value_t = 10.0)]
    header_timeout: f64,
    /// Seconds a client has to send the request body once its head is in (408 after).
    #[arg(long, default_value_t = 30.0)]
    request_timeout: f64,
    /// Most connections open at once; at the cap the oldest idle or half-open one is closed.
    #[arg(long, default_value_t = 512)]
    max_connections: usize,
    /// How to sign Alibaba Cloud requests.
    #[arg(long, value_enum, default_value_t = AliyunSignature::Acs3)]
    aliyun_signature: AliyunSignature,
    /// The AWS profile to take credentials from (instead of `AWS_PROFILE`, else `default`).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// The profile of the `aliyun` CLI's ~/.aliyun/config.json to take Alibaba Cloud credentials
    /// from (instead of `ALIBABA_CLOUD_PROFILE`, else the file's current profile).
    #[arg(long, value_name = "NAME")]
    aliyun_profile: Option<String>,
}

fn parse_endpoint(text: &str) -> Result<(String, url::Url), String> {
    let (service, url) = text.split_once('=').ok_or("expected SERVICE=URL")?;
    let url = url::Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
    Ok((service.to_string(), url))
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    if args.allow_origin.is_empty() {
        anyhow::bail!(
            "name the origin of the page that may use this proxy: --allow-origin http://127.0.0.1:8080 \
             for `scripts/serve` (the page's send panel shows the exact command for the origin it \
             is served from)"
        );
    }
    for origin in &args.allow_origin {
        signing_proxy::config::check_origin(origin).map_err(anyhow::Error::msg)?;
    }
    let file = args.endpoints.clone().unwrap_or_else(signing_proxy::target::default_endpoints_file);
    let allow_list = signing_proxy::target::AllowList::load(&file)?;
    release_freed_memory();
    if let Some((service, _)) =
        args.endpoint.iter().find(|(service, _)| !allow_list.knows_service(service))
    {
        anyhow::bail!("--endpoint {service}=...: {service} is not a signing name in {}, so no request would use this override", file.display());
    }
    let services = (allow_list.services("aws"), allow_list.services("aliyun"));
    let config = Config {
        listen: args.listen,
        allowed_origins: args.allow_origin,
        allowed_hosts: args.allow_host,
        allow_no_origin: args.allow_no_origin,
        header_timeout: seconds(args.header_timeout)?,
        request_timeout: seconds(args.request_timeout)?,
        max_connections: args.max_connections.max(1),
        answer_limit: args.answer_limit,
        allow_list: std::sync::Arc::new(allow_list),
        endpoints: args.endpoint.into_iter().collect::<HashMap<_, _>>(),
        body_limit: args.body_limit,
        timeout: Duration::from_secs(args.timeout),
        aliyun_signature: args.aliyun_signature,
        aws_keys: None,
        aws_credentials: Some(Arc::new(AwsCredentials::new(args.profile))),
        aliyun_keys: None,
        aliyun_credentials: Some(Arc::new(AliyunCredentials::new(args.aliyun_profile))),
    };
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    eprintln!(
        "signing-proxy listening on http://{} for {}{}; at most {} connections; official endpoints of {} AWS and {} Alibaba Cloud services from {}",
        listener.local_addr()?,
        config.allowed_origins.join(", "),
        if config.allow_no_origin { " and requests without Origin" } else { "" },
        signing_proxy::serve::connection_cap(config.max_connections),
        services.0,
        services.1,
        file.display(),
    );
    announce_credentials(&config);
    signing_proxy::serve(listener, config, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

/// Says, once each cloud's first keys are fetched (or cannot be), where they come from, on one
/// line per cloud starting `AWS credentials:` / `Alibaba Cloud credentials:`, never a value.
/// The proxy serves meanwhile; a cloud without keys only has its requests refused (503).
fn announce_credentials(config: &Config) {
    if let Some(aws) = config.aws_credentials.clone() {
        tokio::spawn(async move {
            let line = match aws.keys().await {
                Ok(_) => format!("AWS credentials: {}", aws.source().await),
                Err(e) => {
                    let why = format!("{e:#}");
                    let why = why.strip_prefix(signing_proxy::aws::NO_KEYS).unwrap_or(&why);
                    format!(
                        "AWS credentials: none{why}; AWS requests are refused until there are some"
                    )
                }
            };
            signing_proxy::log::write_line(&line);
        });
    }
    if let Some(aliyun) = config.aliyun_credentials.clone() {
        tokio::spawn(async move {
            let line = match aliyun.keys().await {
                Ok(_) => format!("Alibaba Cloud credentials: {}", aliyun.source()),
                Err(e) => {
                    let why = format!("{e:#}");
                    let why = why
                        .strip_prefix(signing_proxy::aliyun_credentials::NO_KEYS)
                        .unwrap_or(&why);
                    format!("Alibaba Cloud credentials: none{why}; Alibaba Cloud requests are refused until there are some")
                }
            };
            signing_proxy::log::write_line(&line);
        });
    }
}

fn seconds(value: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|d| !d.is_zero())
        .with_context(|| format!("{value} is not a positive number of seconds"))
}

/// Hands the heap that reading every model file left free back to the system: glibc keeps it
/// otherwise (bench/proxy-load: 29.6 MB resident after start-up, 9.9 MB after the trim).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    // SAFETY: malloc_trim only returns free pages of the allocator's own heap to the kernel.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}
