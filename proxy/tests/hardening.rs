//! Issue 15: a hostile web page, a slow client and a broken upstream get nothing.
//!
//! Every test runs the real `signing-proxy` binary on 127.0.0.1 (a free port it picks and
//! prints) in front of a loopback upstream that counts the requests it receives, and talks to
//! it over raw TCP, so that `Host`, repeated or non-UTF-8 headers and half-sent requests are
//! exactly what a browser or an attacker would send. `SIGNING_PROXY_BIN` runs the same tests
//! against another build (for instance the code before the fix, where they fail).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const PAGE: &str = "http://page.test:8080";

// ---------------------------------------------------------------------------------------------
// The loopback upstream.

/// How the upstream answers.
#[derive(Clone, Copy)]
enum Mode {
    /// 200 with a small JSON body.
    Small,
    /// 200 with a 10 MB body and its Content-Length.
    Huge,
    /// 200 with a 10 MB chunked body.
    HugeChunked,
    /// 200 with Content-Length 1000, then 10 bytes, then nothing for 5 s.
    Trickle,
    /// 200 with a small JSON body and, besides the headers a page reads, headers no page
    /// should get from an upstream (cookies, credentials, HSTS, authentication challenges).
    Headers,
    /// 302 to another host.
    Redirect,
}

struct Upstream {
    url: String,
    count: Arc<AtomicUsize>,
    /// The header lines of every request received, lowercased.
    heads: Arc<Mutex<Vec<Vec<String>>>>,
}

impl Upstream {
    fn start(mode: Mode) -> Upstream {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let count = Arc::new(AtomicUsize::new(0));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let (counter, seen) = (count.clone(), heads.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (counter, seen) = (counter.clone(), seen.clone());
                thread::spawn(move || serve_upstream(stream, mode, &counter, &seen));
            }
        });
        Upstream { url, count, heads }
    }

    /// The header lines of the last request received.
    fn last_head(&self) -> Vec<String> {
        self.heads.lock().unwrap().last().cloned().unwrap_or_default()
    }

    fn received(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

fn serve_upstream(
    mut stream: TcpStream,
    mode: Mode,
    counter: &AtomicUsize,
    heads: &Mutex<Vec<Vec<String>>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let mut length = 0usize;
        let mut first = true;
        let mut head_request = false;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if first {
                head_request = line.starts_with("HEAD ");
                counter.fetch_add(1, Ordering::SeqCst);
                heads.lock().unwrap().push(Vec::new());
                first = false;
            }
            if let Some(head) = heads.lock().unwrap().last_mut() {
                head.push(line.trim_end().to_ascii_lowercase());
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap_or(0);
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let big = vec![b'x'; 10 * 1024 * 1024];
        let result = match mode {
            Mode::Small => {
                let body = br#"{"ok": true}"#;
                let sent: &[u8] = if head_request { b"" } else { body };
                write!(stream, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len()).and_then(|_| stream.write_all(sent))
            }
            Mode::Huge => {
                write!(stream, "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n", big.len())
                    .and_then(|_| stream.write_all(&big))
            }
            Mode::HugeChunked => {
                let head =
                    stream.write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");
                head.and_then(|_| {
                    for chunk in big.chunks(64 * 1024) {
                        write!(stream, "{:x}\r\n", chunk.len())?;
                        stream.write_all(chunk)?;
                        stream.write_all(b"\r\n")?;
                    }
                    stream.write_all(b"0\r\n\r\n")
                })
            }
            Mode::Headers => {
                let body = br#"{"ok": true}"#;
                write!(
                    stream,
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                     etag: \"abc\"\r\nx-amzn-requestid: req-1\r\nx-amz-request-id: req-2\r\n\
                     x-acs-request-id: req-3\r\nx-amz-version-id: v1\r\n\
                     access-control-allow-credentials: true\r\n\
                     access-control-allow-origin: https://evil.example\r\n\
                     www-authenticate: Basic realm=\"x\"\r\nproxy-authenticate: Basic realm=\"x\"\r\n\
                     strict-transport-security: max-age=31536000\r\nset-cookie: a=b\r\n\
                     set-cookie2: c=d\r\nrefresh: 0; url=https://evil.example/\r\n\r\n",
                    body.len()
                )
                .and_then(|_| stream.write_all(body))
            }
            Mode::Redirect => stream.write_all(
                b"HTTP/1.1 302 Found\r\nlocation: https://evil.example/steal\r\ncontent-length: 0\r\n\r\n",
            ),
            Mode::Trickle => {
                let _ =
                    stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n0123456789");
                thread::sleep(Duration::from_secs(5));
                return;
            }
        };
        if result.is_err() {
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The proxy, as a child process.

struct Proxy {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The line the proxy prints once per cloud when it has found (or not) its keys.
fn is_credentials_line(line: &str) -> bool {
    line.starts_with("AWS credentials: ") || line.starts_with("Alibaba Cloud credentials: ")
}

fn binary() -> String {
    std::env::var("SIGNING_PROXY_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_signing-proxy").to_string())
}

impl Proxy {
    /// Starts the proxy with every service sent to `upstream`, the page origin [`PAGE`], and
    /// `extra` flags; `descriptors` runs it under that open-file limit.
    fn start_with(upstream: &Upstream, extra: &[&str], descriptors: Option<u32>) -> Proxy {
        let mut args: Vec<String> =
            vec!["--listen".into(), "127.0.0.1:0".into(), "--allow-origin".into(), PAGE.into()];
        for service in ["dms", "datasync", "elasticache", "smc"] {
            args.push("--endpoint".into());
            args.push(format!("{service}={}", upstream.url));
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        let mut command = match descriptors {
            None => Command::new(binary()),
            Some(n) => {
                let mut sh = Command::new("sh");
                sh.arg("-c").arg(format!("ulimit -n {n} && exec \"$0\" \"$@\"")).arg(binary());
                sh
            }
        };
        let mut child = command
            .args(&args)
            .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
            .env("AWS_SECRET_ACCESS_KEY", "test-secret")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAITEST")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "test-secret")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start signing-proxy");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        stderr.read_line(&mut first).unwrap();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("the proxy did not start: {first}"));
        let log = Arc::new(Mutex::new(Vec::new()));
        let lines = log.clone();
        thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                // The start-up lines saying where each cloud's keys come from are no log lines.
                if !is_credentials_line(&line) {
                    lines.lock().unwrap().push(line);
                }
            }
        });
        Proxy { child, addr, log }
    }

    fn start(upstream: &Upstream, extra: &[&str]) -> Proxy {
        Proxy::start_with(upstream, extra, None)
    }

    fn host(&self) -> String {
        self.addr.to_string()
    }

    /// The log lines so far, after waiting until there are at least `n` (up to 3 s).
    fn log_lines(&self, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            let lines = self.log.lock().unwrap().clone();
            if lines.len() >= n || Instant::now() > deadline {
                return lines;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// VmHWM (peak resident memory) of the proxy, in MB.
    fn peak_rss_mb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() / 1024
    }
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP/1.1.

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Asserts the documented error form: the status, `x-proxy-error: true`, and a JSON body
    /// `{"error": "..."}`; returns the sentence.
    fn proxy_error(&self, status: u16) -> String {
        let shown: String = self.body.chars().take(300).collect();
        assert_eq!(self.status, status, "{shown}");
        assert_eq!(self.header("x-proxy-error"), Some("true"), "{shown}");
        assert_eq!(self.header("content-type"), Some("application/json"));
        let json: serde_json::Value =
            serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {shown}"));
        json["error"].as_str().unwrap_or_else(|| panic!("no error sentence: {shown}")).to_string()
    }
}

/// The headers of a valid DMS request, as the page sends them.
fn dms() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("x-proxy-cloud", b"aws".to_vec()),
        ("x-proxy-service", b"dms".to_vec()),
        ("x-proxy-region", b"us-east-1".to_vec()),
        ("x-proxy-target", b"https://dms.us-east-1.amazonaws.com/".to_vec()),
        ("content-type", b"application/x-amz-json-1.1".to_vec()),
        ("x-amz-target", b"AmazonDMSv20160101.StartReplicationTask".to_vec()),
    ]
}

fn with(
    mut headers: Vec<(&'static str, Vec<u8>)>,
    name: &'static str,
    value: &[u8],
) -> Vec<(&'static str, Vec<u8>)> {
    headers.retain(|(k, _)| *k != name);
    headers.push((name, value.to_vec()));
    headers
}

fn request_bytes(
    method: &str,
    path: &str,
    host: &str,
    headers: &[(&str, Vec<u8>)],
    body: &[u8],
) -> Vec<u8> {
    let mut out =
        format!("{method} {path} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("transfer-encoding")) {
        out.extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

fn exchange(addr: SocketAddr, bytes: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(bytes).unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no answer: {text:?}"));
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect::<Vec<_>>();
    let chunked = headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    Answer { status, body: if chunked { dechunk(body) } else { body.to_string() }, headers }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// POST / with the page's origin and the given headers.
fn post(proxy: &Proxy, headers: &[(&str, Vec<u8>)], body: &[u8]) -> Answer {
    let mut all = vec![("origin", PAGE.as_bytes().to_vec())];
    all.extend(headers.iter().cloned());
    exchange(proxy.addr, &request_bytes("POST", "/", &proxy.host(), &all, body))
}

const BODY: &[u8] = br#"{"ReplicationTaskArn": "arn:aws:dms:us-east-1:123456789012:task:T", "StartReplicationTaskType": "start-replication"}"#;

// ---------------------------------------------------------------------------------------------
// 1. DNS rebinding and credential use by any page.

#[test]
fn dns_rebinding_request_with_a_foreign_host_no_origin_and_get_is_refused_and_nothing_is_sent() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    // What a page on rebind.attacker.example sends once its name resolves to 127.0.0.1: a
    // same-origin GET, so no Origin and no preflight, with any headers it likes.
    let headers = vec![
        ("x-proxy-cloud", b"aws".to_vec()),
        ("x-proxy-service", b"elasticache".to_vec()),
        ("x-proxy-region", b"us-east-1".to_vec()),
        ("x-proxy-target", b"https://elasticache.us-east-1.amazonaws.com/".to_vec()),
    ];
    let host = format!("rebind.attacker.example:{}", proxy.addr.port());
    let answer = exchange(
        proxy.addr,
        &request_bytes(
            "GET",
            "/?Action=DeleteCacheCluster&CacheClusterId=prod&Version=2015-02-02",
            &host,
            &headers,
            b"",
        ),
    );
    let message = answer.proxy_error(403);
    assert!(message.contains("rebind.attacker.example"), "{message}");
    // The same request with the proxy's own Host but still no Origin, and as a POST: refused too.
    let answer = exchange(
        proxy.addr,
        &request_bytes(
            "POST",
            "/?Action=DeleteCacheCluster&CacheClusterId=prod",
            &proxy.host(),
            &headers,
            b"",
        ),
    );
    answer.proxy_error(403);
    assert_eq!(upstream.received(), 0, "nothing reaches the upstream");
    // The page's own request still goes through: the upstream counts it.
    assert_eq!(post(&proxy, &dms(), BODY).status, 200);
    assert_eq!(upstream.received(), 1);
}

#[test]
fn request_without_origin_is_refused_unless_allow_no_origin() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    let message = exchange(proxy.addr, &request_bytes("POST", "/", &proxy.host(), &dms(), BODY))
        .proxy_error(403);
    assert!(message.contains("--allow-no-origin"), "{message}");
    assert_eq!(upstream.received(), 0);
    // /health needs no Origin.
    assert_eq!(
        exchange(proxy.addr, &request_bytes("GET", "/health", &proxy.host(), &[], b"")).status,
        200
    );

    let scripted = Proxy::start(&upstream, &["--allow-no-origin"]);
    assert_eq!(
        exchange(scripted.addr, &request_bytes("POST", "/", &scripted.host(), &dms(), BODY)).status,
        200
    );
    assert_eq!(upstream.received(), 1);
}

#[test]
fn only_the_methods_the_page_sends_are_signed() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    let headers = with(dms(), "origin", PAGE.as_bytes());
    for method in ["GET", "PUT", "DELETE", "PATCH"] {
        let answer = exchange(
            proxy.addr,
            &request_bytes(method, "/?Action=DeleteCacheCluster", &proxy.host(), &headers, b""),
        );
        let message = answer.proxy_error(405);
        assert_eq!(answer.header("allow"), Some("POST"), "{method}");
        assert!(message.contains("only POST"), "{message}");
    }
    assert_eq!(upstream.received(), 0);
}

#[test]
fn host_must_name_the_listen_address_or_an_allow_host_name() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    let headers = with(dms(), "origin", PAGE.as_bytes());
    let port = proxy.addr.port();
    assert_eq!(
        exchange(
            proxy.addr,
            &request_bytes("POST", "/", &format!("localhost:{port}"), &headers, BODY)
        )
        .status,
        200
    );
    for host in [
        format!("proxy.internal:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_string(),
    ] {
        exchange(proxy.addr, &request_bytes("POST", "/", &host, &headers, BODY)).proxy_error(403);
    }
    // Absolute-form request targets name the host too.
    let absolute = format!("http://proxy.internal:{port}/");
    exchange(proxy.addr, &request_bytes("POST", &absolute, &proxy.host(), &headers, BODY))
        .proxy_error(403);
    assert_eq!(upstream.received(), 1);

    let named = Proxy::start(&upstream, &["--allow-host", "proxy.internal"]);
    let host = format!("proxy.internal:{}", named.addr.port());
    assert_eq!(
        exchange(named.addr, &request_bytes("POST", "/", &host, &headers, BODY)).status,
        200
    );
    assert_eq!(upstream.received(), 2);
}

// ---------------------------------------------------------------------------------------------
// 2. Origin parsing.

#[test]
fn origin_with_a_non_utf8_byte_is_refused() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    let headers = with(dms(), "origin", b"http://page.test:8080\xff");
    exchange(proxy.addr, &request_bytes("POST", "/", &proxy.host(), &headers, BODY))
        .proxy_error(400);
    assert_eq!(upstream.received(), 0);
}

#[test]
fn two_origin_headers_are_refused() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    let mut headers =
        vec![("origin", PAGE.as_bytes().to_vec()), ("origin", b"https://evil.example".to_vec())];
    headers.extend(dms());
    let message = exchange(proxy.addr, &request_bytes("POST", "/", &proxy.host(), &headers, BODY))
        .proxy_error(400);
    assert!(message.contains("more than one Origin"), "{message}");
    assert_eq!(upstream.received(), 0);
}

// ---------------------------------------------------------------------------------------------
// 3. Allow-list by host only.

#[test]
fn target_with_user_info_is_refused() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    for target in
        ["https://u:p@dms.us-east-1.amazonaws.com/", "https://u@dms.us-east-1.amazonaws.com/"]
    {
        let message =
            post(&proxy, &with(dms(), "x-proxy-target", target.as_bytes()), BODY).proxy_error(403);
        assert!(message.contains("user name or password"), "{message}");
    }
    assert_eq!(upstream.received(), 0);
}

#[test]
fn target_with_an_explicit_port_is_refused() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    for target in
        ["https://dms.us-east-1.amazonaws.com:22/", "https://dms.us-east-1.amazonaws.com:8443/"]
    {
        let message =
            post(&proxy, &with(dms(), "x-proxy-target", target.as_bytes()), BODY).proxy_error(403);
        assert!(message.contains("port"), "{message}");
    }
    assert_eq!(upstream.received(), 0);
}

/// The headers the page sends for an AWS `service` in `region`, naming `target`.
fn aws(service: &str, region: &str, target: &str) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("x-proxy-cloud", b"aws".to_vec()),
        ("x-proxy-service", service.as_bytes().to_vec()),
        ("x-proxy-region", region.as_bytes().to_vec()),
        ("x-proxy-target", target.as_bytes().to_vec()),
        ("content-type", b"application/x-www-form-urlencoded; charset=utf-8".to_vec()),
    ]
}

/// Issue 11: the allow-list is the page's endpoint data (`models/endpoints.json`), so every
/// AWS service's official endpoints pass (regional, China, GovCloud, global) and are signed
/// for that service and region; anything else is refused before a byte goes upstream.
#[test]
fn every_service_in_the_endpoint_data_is_signed_and_nothing_else_is_sent() {
    let upstream = Upstream::start(Mode::Small);
    let overrides: Vec<String> = ["sqs", "ec2", "kms", "iam", "servicediscovery"]
        .iter()
        .map(|s| format!("{s}={}", upstream.url))
        .collect();
    let extra: Vec<&str> = overrides.iter().flat_map(|o| ["--endpoint", o.as_str()]).collect();
    let proxy = Proxy::start(&upstream, &extra);
    for (service, region, target) in [
        ("sqs", "us-east-1", "https://sqs.us-east-1.amazonaws.com/"),
        ("ec2", "eu-west-1", "https://ec2.eu-west-1.amazonaws.com/"),
        ("kms", "cn-north-1", "https://kms.cn-north-1.amazonaws.com.cn/"),
        ("kms", "us-gov-west-1", "https://kms.us-gov-west-1.amazonaws.com/"),
        ("iam", "us-east-1", "https://iam.amazonaws.com/"),
        // An operation's host prefix (DiscoverInstances: `data-`) before the official host.
        ("servicediscovery", "us-east-1", "https://data-servicediscovery.us-east-1.amazonaws.com/"),
    ] {
        let before = upstream.received();
        let answer = post(&proxy, &aws(service, region, target), b"Action=Test");
        assert_eq!(answer.status, 200, "{target}: {}", answer.body);
        assert_eq!(upstream.received(), before + 1, "{target}");
        let head = upstream.last_head();
        let scope = format!("/{region}/{service}/aws4_request");
        assert!(
            head.iter()
                .any(|l| l.starts_with("authorization: aws4-hmac-sha256 credential=akidtest/")
                    && l.contains(&scope)),
            "{target} is signed for {scope}: {head:#?}"
        );
    }
    let sent = upstream.received();
    for (service, region, target, why) in [
        ("sqs", "us-east-1", "https://evil.example.com/", "not an official sqs endpoint"),
        (
            "dms",
            "us-east-1",
            "https://dms.us-east-1.amazonaws.com.evil.com/",
            "not an official dms endpoint",
        ),
        (
            "sqs",
            "us-east-1",
            "https://sqs.eu-west-1.amazonaws.com/",
            "not an official sqs endpoint for region us-east-1",
        ),
        (
            "sqs",
            "us-east-1",
            "https://kms.us-east-1.amazonaws.com/",
            "not an official sqs endpoint",
        ),
        ("sqs", "us-east-1", "http://sqs.us-east-1.amazonaws.com/", "not an official sqs endpoint"),
        ("iam", "us-east-1", "https://iam.amazonaws.com.evil.com/", "not an official iam endpoint"),
        (
            "sqs",
            "us-east-1",
            "https://data-sqs.us-east-1.amazonaws.com/",
            "not an official sqs endpoint",
        ),
        (
            "sqs",
            "xx-mars-1",
            "https://sqs.xx-mars-1.amazonaws.com/",
            "is not a region of any aws partition",
        ),
        ("iam", "xx-mars-1", "https://iam.amazonaws.com/", "is not a region of any aws partition"),
        (
            "nosuch",
            "us-east-1",
            "https://nosuch.us-east-1.amazonaws.com/",
            "not a service in the endpoint data",
        ),
        (
            "smc",
            "cn-hangzhou",
            "https://smc.aliyuncs.com/",
            "aws smc is not a service in the endpoint data",
        ),
    ] {
        let message = post(&proxy, &aws(service, region, target), b"Action=Test").proxy_error(403);
        assert!(message.contains(why), "{target}: {message}");
    }
    assert_eq!(upstream.received(), sent, "nothing refused reached the upstream");
}

/// Alibaba Cloud regions are checked against the SMC model's region list too, and both the
/// central and the regional SMC hosts pass.
#[test]
fn alibaba_regions_come_from_the_data() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    let smc = |region: &str, target: &str| {
        vec![
            ("x-proxy-cloud", b"aliyun".to_vec()),
            ("x-proxy-service", b"smc".to_vec()),
            ("x-proxy-region", region.as_bytes().to_vec()),
            ("x-proxy-target", target.as_bytes().to_vec()),
            ("x-acs-action", b"DescribeSourceServers".to_vec()),
            ("x-acs-version", b"2019-06-01".to_vec()),
        ]
    };
    for target in ["https://smc.aliyuncs.com/", "https://smc.cn-hangzhou.aliyuncs.com/"] {
        assert_eq!(post(&proxy, &smc("cn-hangzhou", target), b"").status, 200, "{target}");
    }
    let sent = upstream.received();
    let message = post(&proxy, &smc("cn-mars", "https://smc.aliyuncs.com/"), b"").proxy_error(403);
    assert!(message.contains("is not a region of any aliyun partition"), "{message}");
    let message = post(&proxy, &smc("cn-hangzhou", "https://smc.cn-shanghai.aliyuncs.com/"), b"")
        .proxy_error(403);
    assert!(message.contains("not an official smc endpoint"), "{message}");
    assert_eq!(upstream.received(), sent);
}

/// The proxy does not start without its endpoint data, or with an override for a service the
/// data does not have (a typo would otherwise send that service to the real endpoint).
#[test]
fn missing_endpoint_data_or_an_unknown_override_stops_the_proxy_with_a_clear_error() {
    for (args, why) in [
        (vec!["--endpoints", "/nonexistent/endpoints.json"], "run scripts/build-models"),
        (vec!["--endpoint", "sqss=http://127.0.0.1:9"], "sqss is not a signing name"),
    ] {
        let args = [args, vec!["--allow-origin", PAGE]].concat();
        let stderr = refused_start(&args);
        assert!(stderr.contains(why), "{args:?}: {stderr}");
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Slow clients.

/// Seconds until the proxy closes `stream` (or `None` if it is still open after `wait`).
fn closed_after(stream: &mut TcpStream, wait: Duration) -> Option<f64> {
    let started = Instant::now();
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed().as_secs_f64()),
            Ok(_) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return None
            }
            Err(_) => return Some(started.elapsed().as_secs_f64()),
        }
    }
}

#[test]
fn header_read_timeout_closes_half_sent_requests_by_default() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    let mut streams: Vec<TcpStream> = (0..20)
        .map(|i| {
            let mut stream = TcpStream::connect(proxy.addr).unwrap();
            if i % 2 == 0 {
                write!(
                    stream,
                    "POST / HTTP/1.1\r\nHost: {}\r\nx-proxy-cloud: aws\r\n",
                    proxy.host()
                )
                .unwrap();
            }
            stream
        })
        .collect();
    // The default header timeout is 10 s: every connection is closed soon after, none before.
    let started = Instant::now();
    for stream in &mut streams {
        let left = Duration::from_secs(13).saturating_sub(started.elapsed());
        assert!(
            closed_after(stream, left).is_some(),
            "a half-sent request is still open after {:?}",
            started.elapsed()
        );
    }
    assert!(
        started.elapsed() >= Duration::from_secs(8),
        "closed after {:?}, before the 10 s header timeout",
        started.elapsed()
    );
    assert_eq!(upstream.received(), 0);
}

#[test]
fn request_body_timeout_answers_408_in_the_error_form() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &["--request-timeout", "1"]);
    let mut stream = TcpStream::connect(proxy.addr).unwrap();
    let mut head = request_bytes(
        "POST",
        "/",
        &proxy.host(),
        &with(dms(), "origin", PAGE.as_bytes()),
        &[b'x'; 100],
    );
    head.truncate(head.len() - 90);
    stream.write_all(&head).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let started = Instant::now();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    assert!(!raw.is_empty(), "no answer within 5 s to a body that stopped coming");
    let message = parse(&raw).proxy_error(408);
    assert!(message.contains("--request-timeout"), "{message}");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert_eq!(upstream.received(), 0);
}

#[test]
fn connection_cap_keeps_health_answering_within_100_ms_during_500_half_open_connections() {
    let upstream = Upstream::start(Mode::Small);
    // As in the issue's run: a 256-descriptor limit, where 260 half-open connections made
    // /health time out.
    let proxy = Proxy::start_with(&upstream, &[], Some(256));
    let half_open: Vec<TcpStream> = (0..500)
        .map(|_| {
            let mut stream = TcpStream::connect(proxy.addr).unwrap();
            let _ = write!(stream, "POST / HTTP/1.1\r\nHost: {}\r\n", proxy.host());
            stream
        })
        .collect();
    thread::sleep(Duration::from_millis(300));
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let started = Instant::now();
        let answer =
            exchange(proxy.addr, &request_bytes("GET", "/health", &proxy.host(), &[], b""));
        let took = started.elapsed();
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(answer.body.contains("ok"));
        slowest = slowest.max(took);
        thread::sleep(Duration::from_millis(50));
    }
    assert!(
        slowest < Duration::from_millis(100),
        "/health took {slowest:?} during 500 half-open connections"
    );
    // And the page still gets its request through.
    assert_eq!(post(&proxy, &dms(), BODY).status, 200);
    drop(half_open);
}

// ---------------------------------------------------------------------------------------------
// 5. Unbounded upstream bodies.

#[test]
fn upstream_answer_over_the_limit_is_refused_with_a_clear_error() {
    for mode in [Mode::Huge, Mode::HugeChunked] {
        let upstream = Upstream::start(mode);
        let proxy = Proxy::start(&upstream, &[]);
        let message = post(&proxy, &dms(), BODY).proxy_error(502);
        assert!(message.contains("larger than 1048576 bytes (--answer-limit)"), "{message}");
        // 30 concurrent 10 MB answers (the issue's run took RSS to 334 MB).
        let addr = proxy.addr;
        let workers: Vec<_> = (0..30)
            .map(|_| {
                thread::spawn(move || {
                    let mut all = vec![("origin", PAGE.as_bytes().to_vec())];
                    all.extend(dms());
                    exchange(addr, &request_bytes("POST", "/", &addr.to_string(), &all, BODY))
                        .status
                })
            })
            .collect();
        for worker in workers {
            assert_eq!(worker.join().unwrap(), 502);
        }
        let peak = proxy.peak_rss_mb();
        assert!(peak < 120, "peak RSS {peak} MB");
    }
}

#[test]
fn upstream_body_timeout_answers_504() {
    let upstream = Upstream::start(Mode::Trickle);
    let proxy = Proxy::start(&upstream, &["--timeout", "1"]);
    let started = Instant::now();
    let message = post(&proxy, &dms(), BODY).proxy_error(504);
    assert!(message.contains("did not answer within 1 s"), "{message}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

// ---------------------------------------------------------------------------------------------
// 6. The documented error form everywhere.

#[test]
fn over_limit_request_body_answers_413_in_the_error_form() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &["--body-limit", "1000"]);
    let message = post(&proxy, &dms(), &[b'x'; 5000]).proxy_error(413);
    assert!(message.contains("larger than 1000 bytes"), "{message}");
    // The same without a Content-Length, chunked.
    let mut chunked = format!("{:x}\r\n", 5000).into_bytes();
    chunked.extend_from_slice(&[b'x'; 5000]);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let headers = with(dms(), "transfer-encoding", b"chunked");
    post(&proxy, &headers, &chunked).proxy_error(413);
    assert_eq!(upstream.received(), 0);
}

// ---------------------------------------------------------------------------------------------
// 7. Logs.

/// Splits a `key=value key="quoted \" value"` line into pairs.
fn logfmt(line: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = line;
    while let Some((key, after)) = rest.split_once('=') {
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let mut end = 0;
            let bytes = quoted.as_bytes();
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            (quoted[..end.min(quoted.len())].to_string(), quoted.get(end + 1..).unwrap_or_default())
        } else {
            let end = after.find(' ').unwrap_or(after.len());
            (after[..end].to_string(), &after[end..])
        };
        pairs.push((key.trim().to_string(), value));
        rest = next.trim_start();
    }
    pairs
}

#[test]
fn every_request_is_logged_on_one_line_with_untrusted_values_escaped() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &["--body-limit", "1000"]);
    let forged = "cn-hangzhou upstream=smc.aliyuncs.com status=200 ms=1";
    let aliyun = vec![
        ("x-proxy-cloud", b"aliyun".to_vec()),
        ("x-proxy-service", b"smc".to_vec()),
        ("x-proxy-region", forged.as_bytes().to_vec()),
        ("x-proxy-target", b"https://smc.aliyuncs.com/".to_vec()),
        ("x-acs-action", b"StartReplicationJob".to_vec()),
        ("x-acs-version", b"2019-06-01".to_vec()),
    ];
    let expected = [
        (post(&proxy, &dms(), BODY).status, 200),
        (
            exchange(
                proxy.addr,
                &request_bytes(
                    "POST",
                    "/",
                    &proxy.host(),
                    &with(dms(), "origin", b"https://evil.example"),
                    BODY,
                ),
            )
            .status,
            403,
        ),
        (
            exchange(
                proxy.addr,
                &request_bytes("GET", "/?Action=DeleteCacheCluster", "rebind.example", &[], b""),
            )
            .status,
            403,
        ),
        (post(&proxy, &dms(), &[b'x'; 5000]).status, 413),
        (
            post(&proxy, &with(dms(), "x-proxy-target", b"https://attacker.example/"), BODY).status,
            403,
        ),
        (post(&proxy, &aliyun, b"").status, 403),
    ];
    for (got, want) in expected {
        assert_eq!(got, want);
    }
    assert_eq!(upstream.received(), 1, "the forged region is not sent either");
    let lines = proxy.log_lines(expected.len());
    assert_eq!(lines.len(), expected.len(), "one line per request: {lines:#?}");
    for (line, (_, status)) in lines.iter().zip(expected) {
        let pairs = logfmt(line);
        let get = |key: &str| {
            pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(get("status"), vec![status.to_string()], "{line}");
        assert_eq!(get("upstream").len(), usize::from(status == 200), "{line}");
        assert!(!line.contains("test-secret") && !line.contains("AKIDTEST"), "{line}");
    }
    let forged_line = &lines[5];
    assert!(
        forged_line.contains(r#"region="cn-hangzhou upstream=smc.aliyuncs.com status=200 ms=1""#),
        "{forged_line}"
    );
    assert!(forged_line.contains("is not a region name"), "{forged_line}");
    assert!(
        lines[2].contains("action=DeleteCacheCluster")
            && lines[2].contains(r#"error="the Host \"rebind.example\""#),
        "{}",
        lines[2]
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Issue 31.

/// Starts the proxy with S3 (a REST service) sent to `upstream` too.
fn start_with_s3(upstream: &Upstream, extra: &[&str]) -> Proxy {
    let s3 = format!("s3={}", upstream.url);
    let mut all = vec!["--endpoint", s3.as_str()];
    all.extend_from_slice(extra);
    Proxy::start(upstream, &all)
}

/// `method path` to S3 with the page's origin, as the page sends a REST request.
fn s3_request(proxy: &Proxy, method: &str, path: &str) -> Answer {
    let mut headers = vec![("origin", PAGE.as_bytes().to_vec())];
    headers.extend(aws("s3", "us-east-1", "https://s3.us-east-1.amazonaws.com/"));
    exchange(proxy.addr, &request_bytes(method, path, &proxy.host(), &headers, b""))
}

#[test]
fn rest_paths_with_dot_segments_or_backslashes_are_refused_before_signing() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = start_with_s3(&upstream, &[]);
    for path in [
        "/mybucket/logs/../important",
        "/mybucket/logs/./important",
        "/mybucket/logs/%2e%2e/important",
        "/mybucket/logs/%2E%2e/important",
        "/mybucket/logs/.%2E/important",
        "/mybucket/logs/%2e/important",
        "/mybucket/logs/..",
        "/mybucket/logs\\..\\important",
    ] {
        let answer = s3_request(&proxy, "DELETE", path);
        let message = answer.proxy_error(400);
        assert!(message.contains("path"), "{path}: {message}");
    }
    assert_eq!(upstream.received(), 0, "nothing reaches the upstream");
    // A key with dots in it, and an encoded backslash, are kept as they are.
    assert_eq!(s3_request(&proxy, "DELETE", "/mybucket/logs/..important").status, 200);
    assert!(upstream.last_head()[0].starts_with("delete /mybucket/logs/..important "));
    assert_eq!(s3_request(&proxy, "DELETE", "/mybucket/a%5Cb").status, 200);
    assert!(upstream.last_head()[0].starts_with("delete /mybucket/a%5cb "));
}

#[test]
fn content_length_with_transfer_encoding_chunked_is_refused() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    let mut chunked = format!("{:x}\r\n", BODY.len()).into_bytes();
    chunked.extend_from_slice(BODY);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let length = chunked.len().to_string().into_bytes();
    // Both orders, and the first request of a keep-alive connection being a good one.
    for headers in [
        with(with(dms(), "content-length", &length), "transfer-encoding", b"chunked"),
        with(with(dms(), "transfer-encoding", b"chunked"), "content-length", &length),
    ] {
        let message = post(&proxy, &headers, &chunked).proxy_error(400);
        assert!(message.contains("Content-Length and Transfer-Encoding"), "{message}");
    }
    let mut all = vec![("origin", PAGE.as_bytes().to_vec())];
    all.extend(with(dms(), "transfer-encoding", b"chunked"));
    let mut first = request_bytes("POST", "/", &proxy.host(), &all, &chunked);
    // Keep the first request's connection open for the second.
    let close = b"connection: close\r\n";
    let at = first.windows(close.len()).position(|w| w == close).unwrap();
    first.splice(at..at + close.len(), b"connection: keep-alive\r\n".iter().copied());
    all.push(("content-length", length.clone()));
    first.extend(request_bytes("POST", "/", &proxy.host(), &all, &chunked));
    let mut stream = TcpStream::connect(proxy.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(&first).unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw);
    let second = text.rfind("HTTP/1.1 ").unwrap();
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    parse(&raw[second..]).proxy_error(400);
    assert_eq!(upstream.received(), 1, "only the good request reaches the upstream");
}

/// Runs the proxy with `args`, which must stop it: its exit status and what it printed.
fn refused_start(args: &[&str]) -> String {
    let mut child = Command::new(binary())
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the proxy started with {args:?}");
        }
        thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(!status.success(), "{args:?}: {stderr}");
    assert!(!stderr.contains("listening"), "{args:?} stops before listening: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    stderr
}

#[test]
fn no_allow_origin_stops_the_proxy_and_names_the_flag() {
    // Issue 31: the allowed origins are explicit. A default of the page's usual origins let any
    // other local app on port 8080 have requests signed.
    let stderr = refused_start(&[]);
    assert!(stderr.contains("--allow-origin http://127.0.0.1:8080"), "{stderr}");
    assert!(!stderr.contains("null"), "{stderr}");
}

#[test]
fn a_wildcard_null_or_malformed_allow_origin_stops_the_proxy_with_a_clear_error() {
    for (origin, why) in [
        ("*", "every web page"),
        ("null", "--allow-origin null"),
        ("http://page.test:8080/", "is not an origin"),
        ("http://page.test:8080/app", "is not an origin"),
        ("page.test:8080", "is not an origin"),
        ("http://Page.test:8080", "is not an origin"),
        ("http://u@page.test", "is not an origin"),
        ("ftp://page.test", "is not an origin"),
        ("http://page.test:8080 ", "is not an origin"),
    ] {
        let stderr = refused_start(&["--allow-origin", origin]);
        assert!(stderr.contains(why), "{origin}: {stderr}");
        assert!(stderr.contains("scheme://host[:port]"), "{origin}: {stderr}");
    }
    // A page served from file:// or a sandboxed frame sends `Origin: null`: refused, and the
    // answer does not suggest allowing it.
    let upstream = Upstream::start(Mode::Small);
    let proxy = Proxy::start(&upstream, &[]);
    let headers = with(dms(), "origin", b"null");
    let message = exchange(proxy.addr, &request_bytes("POST", "/", &proxy.host(), &headers, BODY))
        .proxy_error(403);
    assert!(!message.contains("--allow-origin null"), "{message}");
    assert_eq!(upstream.received(), 0);
}

#[test]
fn upstream_answer_headers_are_filtered_to_what_the_page_needs_and_redirects_are_errors() {
    let upstream = Upstream::start(Mode::Headers);
    let proxy = Proxy::start(&upstream, &[]);
    let answer = post(&proxy, &dms(), BODY);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, r#"{"ok": true}"#);
    for (name, value) in [
        ("content-type", "application/json"),
        ("etag", "\"abc\""),
        ("x-amzn-requestid", "req-1"),
        ("x-amz-request-id", "req-2"),
        ("x-acs-request-id", "req-3"),
        ("x-amz-version-id", "v1"),
        ("access-control-allow-origin", PAGE),
    ] {
        assert_eq!(answer.header(name), Some(value), "{name}: {:#?}", answer.headers);
    }
    for name in [
        "access-control-allow-credentials",
        "www-authenticate",
        "proxy-authenticate",
        "strict-transport-security",
        "set-cookie",
        "set-cookie2",
        "refresh",
    ] {
        assert_eq!(answer.header(name), None, "{name}: {:#?}", answer.headers);
    }
    let origins = answer.headers.iter().filter(|(k, _)| k == "access-control-allow-origin");
    assert_eq!(origins.count(), 1, "{:#?}", answer.headers);

    let upstream = Upstream::start(Mode::Redirect);
    let proxy = Proxy::start(&upstream, &[]);
    let answer = post(&proxy, &dms(), BODY);
    let message = answer.proxy_error(502);
    assert!(message.contains("redirect"), "{message}");
    assert_eq!(answer.header("location"), None);
    assert_eq!(upstream.received(), 1);
}

#[test]
fn head_answers_keep_the_upstream_content_length() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = start_with_s3(&upstream, &[]);
    let answer = s3_request(&proxy, "HEAD", "/mybucket/key");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("content-length"), Some("12"), "{:#?}", answer.headers);
    assert_eq!(answer.body, "");
    assert_eq!(upstream.received(), 1);
}

/// An Alibaba Cloud SMC request to `path`, with `x-acs-action` / `x-acs-version` unless
/// `in_query` (then the page would name them in the query).
fn smc_request(proxy: &Proxy, path: &str, in_query: bool) -> Answer {
    let mut headers = vec![
        ("origin", PAGE.as_bytes().to_vec()),
        ("x-proxy-cloud", b"aliyun".to_vec()),
        ("x-proxy-service", b"smc".to_vec()),
        ("x-proxy-region", b"cn-hangzhou".to_vec()),
        ("x-proxy-target", b"https://smc.aliyuncs.com/".to_vec()),
    ];
    if !in_query {
        headers.push(("x-acs-action", b"DescribeSourceServers".to_vec()));
        headers.push(("x-acs-version", b"2019-06-01".to_vec()));
    }
    exchange(proxy.addr, &request_bytes("POST", path, &proxy.host(), &headers, b""))
}

#[test]
fn alibaba_signature_parameters_from_the_caller_and_unreadable_actions_are_refused() {
    let upstream = Upstream::start(Mode::Small);
    for style in ["acs3", "rpc-v1"] {
        let proxy = Proxy::start(&upstream, &["--aliyun-signature", style]);
        for query in [
            "AccessKeyId=LTAIOTHER",
            "Signature=abc",
            "SignatureMethod=HMAC-SHA256",
            "SignatureVersion=2.0",
            "SignatureNonce=1",
            "Timestamp=2020-01-01T00:00:00Z",
            "SecurityToken=t",
            "PageSize=10&Signature=a&Signature=b",
        ] {
            let message = smc_request(&proxy, &format!("/?{query}"), false).proxy_error(400);
            assert!(message.contains("the proxy signs"), "{style} {query}: {message}");
        }
        for action in ["DescribeSourceServers%0D%0AX-Evil:%201", "Describe%C3%A9", "A%00B", "A%20B"]
        {
            let path = format!("/?Action={action}&Version=2019-06-01");
            let message = smc_request(&proxy, &path, true).proxy_error(400);
            assert!(message.contains("Action"), "{style} {action}: {message}");
        }
        let message = smc_request(&proxy, "/?Action=DescribeSourceServers&Version=2019%0A", true)
            .proxy_error(400);
        assert!(message.contains("Version"), "{style}: {message}");
    }
    assert_eq!(upstream.received(), 0, "nothing reaches the upstream");
    // The same request without them goes through, under both styles.
    for style in ["acs3", "rpc-v1"] {
        let proxy = Proxy::start(&upstream, &["--aliyun-signature", style]);
        assert_eq!(smc_request(&proxy, "/?PageSize=10", false).status, 200, "{style}");
        let path = "/?Action=DescribeSourceServers&Version=2019-06-01";
        assert_eq!(smc_request(&proxy, path, true).status, 200, "{style}");
    }
}

#[test]
fn a_member_header_that_is_not_ascii_is_refused_not_dropped() {
    let upstream = Upstream::start(Mode::Small);
    let proxy = start_with_s3(&upstream, &[]);
    let put = |meta: &[u8]| {
        let mut headers = vec![("origin", PAGE.as_bytes().to_vec())];
        headers.extend(aws("s3", "us-east-1", "https://s3.us-east-1.amazonaws.com/"));
        headers.push(("x-amz-meta-note", meta.to_vec()));
        exchange(proxy.addr, &request_bytes("PUT", "/mybucket/key", &proxy.host(), &headers, b"x"))
    };
    for value in [&b"caf\xe9"[..], b"\xff\xfe", "café".as_bytes()] {
        let message = put(value).proxy_error(400);
        assert!(message.contains("x-amz-meta-note"), "{message}");
    }
    assert_eq!(upstream.received(), 0, "nothing reaches the upstream");
    assert_eq!(put(b"plain note").status, 200);
    assert!(upstream.last_head().contains(&"x-amz-meta-note: plain note".to_string()));
}
