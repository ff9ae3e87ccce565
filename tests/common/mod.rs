//! Test helpers shared by the native integration tests: the reference tools' location and a
//! one-request HTTP capture server on 127.0.0.1.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// The project-local virtualenv holding the real AWS CLI, moto and Alibaba's SDK.
/// `scripts/test` sets `REFERENCE_VENV`; without it these tests fail, never pass silently.
pub fn venv() -> PathBuf {
    let path = std::env::var_os("REFERENCE_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv"));
    assert!(
        path.join("bin/aws").exists(),
        "the reference tools are missing at {}: run scripts/ensure-test-tools (scripts/test does)",
        path.display()
    );
    path
}

/// The virtualenv holding the real AWS CLI v2 (`scripts/ensure-test-tools` builds it from the
/// pinned wheel). `scripts/test` sets `REFERENCE_VENV_AWSCLI2`; without it these tests fail.
pub fn venv_awscli2() -> PathBuf {
    let path = std::env::var_os("REFERENCE_VENV_AWSCLI2")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-awscli2"));
    assert!(
        path.join("bin/aws").exists(),
        "AWS CLI v2 is missing at {}: run scripts/ensure-test-tools (scripts/test does)",
        path.display()
    );
    path
}

/// The virtualenv whose `aws` is the given CLI version.
pub fn venv_for(cli: request_builder::core::model::AwsCli) -> PathBuf {
    match cli {
        request_builder::core::model::AwsCli::V1 => venv(),
        request_builder::core::model::AwsCli::V2 => venv_awscli2(),
    }
}

/// One HTTP request as a server received it.
#[derive(Debug, Clone)]
pub struct Captured {
    pub request_line: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A server on 127.0.0.1 that records the first request and answers it with a client error,
/// so the CLI neither retries nor waits.
pub struct CaptureServer {
    pub url: String,
    received: mpsc::Receiver<Captured>,
}

impl CaptureServer {
    pub fn start() -> CaptureServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, received) = mpsc::channel();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let Some(captured) = read_request(&mut stream) else { continue };
                let answer = "{\"__type\":\"CaptureOnly\",\"message\":\"captured by the test\"}";
                let _ = write!(
                    stream,
                    "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                    answer.len(),
                    answer
                );
                let _ = tx.send(captured);
            }
        });
        CaptureServer { url, received }
    }

    /// The first request received, waiting at most a few seconds.
    pub fn first(&self) -> Option<Captured> {
        self.received.recv_timeout(Duration::from_secs(5)).ok()
    }
}

/// Reads one HTTP/1.1 request (request line, headers, a `Content-Length` body) from a stream,
/// waiting at most 10 s for it; `None` when the client sent nothing.
pub fn read_request(stream: &mut std::net::TcpStream) -> Option<Captured> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_string(), v.trim().to_string()));
        }
    }
    let len = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    let _ = reader.read_exact(&mut body);
    Some(Captured { request_line: request_line.trim_end().to_string(), headers, body })
}

/// Whether the CLI's body is the page's: byte for byte, except that a command using
/// `--cli-input-json` lets the CLI put those keys after the options, so then JSON bodies are
/// compared parsed and form bodies as sorted pairs.
pub fn same_body(
    protocol: &request_builder::core::model::Protocol,
    page: &str,
    cli: &str,
    exact: bool,
) -> bool {
    match protocol {
        request_builder::core::model::Protocol::AwsJson { .. }
        | request_builder::core::model::Protocol::RestJson { .. } => {
            let parsed = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
            // cloudsearchdomain's Search moves its query into a form body (botocore's
            // `change_get_to_post`): as pairs, like awsQuery's.
            let sorted = |text: &str| {
                let mut pairs = form_pairs(text);
                pairs.sort();
                pairs
            };
            page == cli
                || (!exact && parsed(page).is_some() && parsed(page) == parsed(cli))
                || (!exact
                    && parsed(page).is_none()
                    && page.contains('=')
                    && sorted(page) == sorted(cli))
        }
        _ if exact
            || matches!(protocol, request_builder::core::model::Protocol::RestXml { .. }) =>
        {
            page == cli
        }
        _ => {
            let sorted = |text: &str| {
                let mut pairs = form_pairs(text);
                pairs.sort();
                pairs
            };
            sorted(page) == sorted(cli)
        }
    }
}

/// Decodes an `application/x-www-form-urlencoded` text into ordered pairs.
pub fn form_pairs(text: &str) -> Vec<(String, String)> {
    if text.is_empty() {
        return vec![];
    }
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
    };
    text.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// A small deterministic generator, so every run checks the same generated cases.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.next() % 100 < percent
    }
}
pub mod aliyun;
pub mod random_form;

/// Differences from a handler of botocore's that the page does not carry (tests/bulk_conformance.rs,
/// tests/sdk_python.rs), by route and the
/// headers it sets, with the reason: a mismatch is known only when every difference in it is
/// one of these headers (docs/handlers.md).
pub const KNOWN: &[(&str, &[&str], &str)] = &[
    (
        "aws/glacier/UploadArchive",
        &["header x-amz-sha256-tree-hash:"],
        "add_glacier_checksums: a SHA-256 tree hash of the body, which the page does not compute",
    ),
    (
        "aws/glacier/UploadMultipartPart",
        &["header x-amz-sha256-tree-hash:"],
        "add_glacier_checksums: a SHA-256 tree hash of the body, which the page does not compute",
    ),
];

/// The reason a mismatch line (`route: detail; detail`) is a known difference, if it is one.
pub fn known_difference(line: &str) -> Option<&'static str> {
    let (route, detail) = line.split_once(": ")?;
    let (_, prefixes, reason) = KNOWN.iter().find(|(r, _, _)| *r == route)?;
    detail.split("; ").all(|d| prefixes.iter().any(|p| d.starts_with(p))).then_some(*reason)
}

/// The four showcase operations, loaded from the compiled models.
pub fn showcase() -> Vec<&'static request_builder::core::model::Operation> {
    request_builder::core::model::catalog::SHOWCASE
        .iter()
        .map(|route| {
            request_builder::core::model::catalog::find(route)
                .unwrap_or_else(|| panic!("{route}: run scripts/build-models"))
        })
        .collect()
}

/// One operation of every compiled AWS service (the first with a CLI command), for tests that
/// sweep the whole catalog without running every operation.
pub fn one_per_service() -> Vec<&'static request_builder::core::model::Operation> {
    let dir = request_builder::core::model::catalog::models_dir();
    let index = request_builder::core::model::catalog::parse_index(
        &std::fs::read_to_string(dir.join("index.json")).expect("models built"),
    )
    .unwrap();
    index
        .iter()
        .filter_map(|s| request_builder::core::model::catalog::service(s.cloud, &s.service))
        .filter_map(|s| {
            s.operations.iter().copied().find(|op| {
                !op.cli_name.is_empty() || op.cloud == request_builder::core::model::Cloud::Aliyun
            })
        })
        .collect()
}

/// The path of a request as botocore's serializer writes it and as the AWS CLI sends it to an
/// `--endpoint-url`: for an S3 request the page addresses virtual-hosted
/// (`my-bucket.s3.amazonaws.com/key`), the bucket goes back into the path (`/my-bucket/key`).
pub fn path_style(
    op: &request_builder::core::model::Operation,
    wire: &request_builder::core::wire::WireRequest,
) -> String {
    let bucket_in_uri = op.members().iter().any(|m| {
        m.name == "Bucket" && m.location == Some(request_builder::core::model::Location::Uri)
    });
    let bucket = wire
        .host
        .split_once(".s3.")
        .map(|(bucket, _)| bucket)
        .filter(|b| op.service == "s3api" && bucket_in_uri && !b.is_empty());
    match bucket {
        Some(bucket) if wire.path == "/" => format!("/{bucket}"),
        Some(bucket) => format!("/{bucket}{}", wire.path),
        None => wire.path.clone(),
    }
}

/// Runs one reference oracle over a whole batch in one Python process: writes `items` as a JSON
/// list to `<name>_batch.json`, runs `python <args...> <batch> <results>`, and returns one
/// verdict per item (`status`: `match`, `mismatch`, ...; `route`; `detail`).
pub fn run_batch(
    python: &std::path::Path,
    args: &[&std::ffi::OsStr],
    name: &str,
    items: &[&str],
) -> Vec<serde_json::Value> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let (batch_path, out_path) =
        (dir.join(format!("{name}_batch.json")), dir.join(format!("{name}_results.json")));
    std::fs::write(&batch_path, format!("[\n{}\n]\n", items.join(",\n"))).expect("write batch");
    let output = std::process::Command::new(python)
        .args(args)
        .arg(&batch_path)
        .arg(&out_path)
        .output()
        .expect("run python");
    assert!(
        output.status.success(),
        "{name}: the Python batch failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verdicts: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&out_path).expect("results"))
            .expect("results are JSON");
    assert_eq!(verdicts.len(), items.len(), "one verdict per case");
    verdicts
}

/// The verdicts with one status, as `route: detail` lines.
pub fn with_status(verdicts: &[serde_json::Value], status: &str) -> Vec<String> {
    verdicts
        .iter()
        .filter(|v| v["status"] == status)
        .map(|v| format!("{}: {}", v["route"].as_str().unwrap(), v["detail"].as_str().unwrap()))
        .collect()
}

/// The outputs of a form that must be valid: fails the test with the route and every error.
pub fn valid_outputs(
    route: &str,
    form: &request_builder::core::request::form::FormState,
) -> request_builder::core::Outputs {
    use request_builder::core::model::catalog;
    let op = catalog::find(route).unwrap_or_else(|| panic!("{route}: run scripts/build-models"));
    let out =
        request_builder::core::outputs(op, form, request_builder::core::cli::shell::Shell::Posix);
    let errors = error_messages(&out.report);
    assert!(errors.is_empty(), "{route}: {errors:?}");
    out
}

/// Every error (not warning) of a report, as the page words it.
pub fn error_messages(report: &request_builder::core::request::report::Report) -> Vec<String> {
    use request_builder::core::model::Severity;
    report.issues.iter().filter(|i| i.severity == Severity::Error).map(|i| i.to_string()).collect()
}

/// Appends to a summary up to `shown` of `lines` under a `-- title (first n of m) --` heading;
/// nothing when there are none.
pub fn list_first(summary: &mut String, title: &str, lines: &[String], shown: usize) {
    use std::fmt::Write;
    if lines.is_empty() {
        return;
    }
    let _ =
        writeln!(summary, "\n-- {title} (first {} of {}) --", lines.len().min(shown), lines.len());
    for line in lines.iter().take(shown) {
        let _ = writeln!(summary, "{line}");
    }
}
