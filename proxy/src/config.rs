//! The proxy's settings: where it listens, which page origins may call it, where each service
//! goes, and its limits. Built from the command line (see `main.rs`).

use crate::target::AllowList;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How Alibaba Cloud requests are signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AliyunSignature {
    /// ACS3-HMAC-SHA256 (signature V3), the current scheme.
    Acs3,
    /// The older RPC HMAC-SHA1 scheme (signature V2), in the query string.
    RpcV1,
}

/// Everything the proxy needs to run.
#[derive(Clone, Debug)]
pub struct Config {
    /// Address to listen on; loopback by default.
    pub listen: SocketAddr,
    /// Page origins allowed by CORS (`http://127.0.0.1:8080`).
    pub allowed_origins: Vec<String>,
    /// Host names accepted besides the listen address (`NAME` for any port, or `NAME:PORT`);
    /// every other `Host` is refused, which defeats DNS rebinding.
    pub allowed_hosts: Vec<String>,
    /// Sign requests that carry no `Origin` (scripts, curl); off by default, since a page whose
    /// name rebinds to this machine sends none.
    pub allow_no_origin: bool,
    /// Time a client has to send a request head, and an idle keep-alive connection stays open.
    pub header_timeout: Duration,
    /// Time a client has to send the request body, once the head is in.
    pub request_timeout: Duration,
    /// Most connections open at once (also bounded by the descriptor limit, see `serve`).
    pub max_connections: usize,
    /// Largest upstream answer passed back; a larger one is refused with a 502.
    pub answer_limit: usize,
    /// The official endpoints and regions (see `target`); the default is empty and refuses
    /// every target, so load one with `AllowList::load`.
    pub allow_list: Arc<AllowList>,
    /// Per-service upstream overrides (`dms` -> `http://127.0.0.1:5000`), for emulators.
    pub endpoints: HashMap<String, url::Url>,
    /// Largest request body accepted.
    pub body_limit: usize,
    /// How long to wait for the upstream service (its whole answer).
    pub timeout: Duration,
    /// How Alibaba Cloud requests are signed.
    pub aliyun_signature: AliyunSignature,
    /// Fixed AWS keys, used instead of `aws_credentials` (tests, embedding).
    pub aws_keys: Option<crate::aws::AwsKeys>,
    /// AWS credentials from aws-config's default chain (`main.rs` sets it); with neither this
    /// nor `aws_keys`, AWS requests are refused (503).
    pub aws_credentials: Option<Arc<crate::aws::AwsCredentials>>,
    /// Fixed Alibaba Cloud keys, used instead of `aliyun_credentials`.
    pub aliyun_keys: Option<crate::aliyun::AliyunKeys>,
    /// Alibaba Cloud credentials from the environment or an `aliyun` CLI profile (`main.rs` sets
    /// it); with neither this nor `aliyun_keys`, Alibaba Cloud requests are refused (503).
    pub aliyun_credentials: Option<Arc<crate::aliyun_credentials::AliyunCredentials>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            allowed_origins: vec!["http://127.0.0.1:8080".into(), "http://localhost:8080".into()],
            allowed_hosts: Vec::new(),
            allow_no_origin: false,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 512,
            answer_limit: 1024 * 1024,
            allow_list: Arc::new(AllowList::default()),
            endpoints: HashMap::new(),
            body_limit: 1024 * 1024,
            timeout: Duration::from_secs(30),
            aliyun_signature: AliyunSignature::Acs3,
            aws_keys: None,
            aws_credentials: None,
            aliyun_keys: None,
            aliyun_credentials: None,
        }
    }
}

/// Checks an `--allow-origin` value: an origin exactly as a browser sends it in `Origin`,
/// `http(s)://host[:port]` in lowercase with no path, no trailing slash and no default port
/// (anything else would never match, silently). `*` and `null` are refused: the first would
/// let every page sign, the second every sandboxed frame and file:// page.
pub fn check_origin(origin: &str) -> Result<(), String> {
    const FORM: &str = "an origin is scheme://host[:port] exactly as the browser sends it (lowercase, no path, no trailing slash), such as http://localhost:8080";
    match origin {
        "*" => {
            return Err(format!(
                "--allow-origin '*' would let every web page you open sign requests with your credentials; name each page origin instead ({FORM})"
            ))
        }
        "null" => {
            return Err(format!(
                "--allow-origin null would let any sandboxed frame or file:// page sign requests with your credentials; serve the page from an http origin and allow that ({FORM})"
            ))
        }
        _ => {}
    }
    let parsed = url::Url::parse(origin).ok().filter(|u| matches!(u.scheme(), "http" | "https"));
    match parsed.map(|u| u.origin().ascii_serialization()) {
        Some(serialized) if serialized == origin => Ok(()),
        Some(serialized) if serialized != "null" => Err(format!(
            "--allow-origin {origin:?} is not an origin (did you mean {serialized}?); {FORM}"
        )),
        _ => Err(format!("--allow-origin {origin:?} is not an origin; {FORM}")),
    }
}
