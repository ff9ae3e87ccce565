//! `signing-proxy`: the command line. Binds 127.0.0.1:8787 unless told otherwise.

use anyhow::{Context, Result};
use clap::Parser;
use signing_proxy::config::{AliyunSignature, Config};
use std::collections::HashMap;
use std::time::Duration;

/// A signing proxy for the request builder page: CORS for the page, an allow-list of targets,
/// AWS SigV4 and Alibaba Cloud signatures with credentials that never reach the browser.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: std::net::SocketAddr,
    /// A page origin allowed to call the proxy (repeatable).
    #[arg(long = "allow-origin", default_values = ["http://127.0.0.1:8080", "http://localhost:8080"])]
    allow_origin: Vec<String>,
    /// Send one service to another URL, e.g. an emulator: `--endpoint dms=http://127.0.0.1:5000` (repeatable).
    #[arg(long = "endpoint", value_parser = parse_endpoint)]
    endpoint: Vec<(String, url::Url)>,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    body_limit: usize,
    /// Seconds to wait for the upstream service.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// How to sign Alibaba Cloud requests.
    #[arg(long, value_enum, default_value_t = AliyunSignature::Acs3)]
    aliyun_signature: AliyunSignature,
}

fn parse_endpoint(text: &str) -> Result<(String, url::Url), String> {
    let (service, url) = text.split_once('=').ok_or("expected SERVICE=URL")?;
    let url = url::Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
    Ok((service.to_string(), url))
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let config = Config {
        listen: args.listen,
        allowed_origins: args.allow_origin,
        endpoints: args.endpoint.into_iter().collect::<HashMap<_, _>>(),
        body_limit: args.body_limit,
        timeout: Duration::from_secs(args.timeout),
        aliyun_signature: args.aliyun_signature,
        aws_keys: None,
        aliyun_keys: None,
    };
    let listener = tokio::net::TcpListener::bind(config.listen).await.with_context(|| format!("cannot listen on {}", config.listen))?;
    eprintln!("signing-proxy listening on http://{} for {}", listener.local_addr()?, config.allowed_origins.join(", "));
    axum::serve(listener, signing_proxy::router(config))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
