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
    /// Fixed AWS keys instead of the environment and profile (tests, embedding).
    pub aws_keys: Option<crate::aws::AwsKeys>,
    /// Fixed Alibaba Cloud keys instead of the environment.
    pub aliyun_keys: Option<crate::aliyun::AliyunKeys>,
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
            aliyun_keys: None,
        }
    }
}
