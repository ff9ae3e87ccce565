//! Random (operation, input) pairs across the AWS services, picked round-robin by service
//! (seeded: `BULK_SEED`), whose `out-cli` command is run by ONE bash process through the real
//! AWS CLI against one multi-request capture server. The CLI must accept each command, and the
//! request it sends must equal `out-body` and the protocol headers of `out-http`; for the REST
//! protocols (their own run) also the method, path and query, and every header the page shows
//! (the CLI may add only transport and signing headers).
//!
//! Dummy credentials sign the requests; `AWS_DISABLE_HOST_PREFIX_INJECTION` keeps
//! `hostPrefix` labels off the capture server's host (the host is not compared).
//!
//! Commands run in two lanes (two subshells of the one script), each against its own port of
//! the capture server; after each command the lane sends a marker request over bash's
//! `/dev/tcp`, so the requests between two markers are the ones that command sent.

mod common;

use common::random_form::{
    aws_operations, botocore_services, run_seed, valid_form_where, Options, PatternCache, SplitMix,
};
use common::{read_request, same_body, venv, Captured};
use request_builder::core::model::{Operation, Protocol};
use request_builder::core::Outputs;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Parallel lanes (each a sequential subshell against its own port).
const LANES: usize = 2;

/// A capture server on one port: records every request in order and answers it with a
/// client error the CLI does not retry (JSON for awsJson, query-style XML for form bodies).
fn capture_port(log: Arc<Mutex<Vec<Captured>>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Some(captured) = read_request(&mut stream) else { continue };
            let form = captured
                .header("content-type")
                .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
            let (content_type, answer) = if form {
                (
                    "text/xml",
                    "<Response><Errors><Error><Code>CaptureOnly</Code><Message>captured by the test</Message></Error></Errors><RequestID>capture</RequestID></Response>",
                )
            } else {
                (
                    "application/x-amz-json-1.1",
                    "{\"__type\":\"CaptureOnly\",\"message\":\"captured by the test\"}",
                )
            };
            log.lock().unwrap().push(captured);
            let _ = write!(
                stream,
                "HTTP/1.1 400 Bad Request\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    port
}

/// One command to run.
struct Pair {
    op: &'static Operation,
    route: String,
    out: Outputs,
    protocol: Protocol,
}

/// Operations with a CLI command, picked round-robin across services (each service's
/// operations in a seeded order), until `count` pairs have a valid form.
/// Commands the page knows it cannot give exactly (listed in the README with the reason).
const EXCLUDED: &[(&str, &str)] = &[(
    "aws translate translate-document",
    "an awscli customization makes --document-content (a file) required in place of Document.Content",
)];

/// Which operations a run takes.
#[derive(Clone, Copy, PartialEq)]
enum Family {
    /// awsJson, awsQuery, ec2.
    Rpc,
    /// rest-json, rest-xml.
    Rest,
}

fn family(op: &Operation) -> Family {
    if op.http.is_some() {
        Family::Rest
    } else {
        Family::Rpc
    }
}

fn pick_pairs(count: usize, wanted: Family, skipped: &mut Vec<String>) -> Vec<Pair> {
    let python = venv().join("bin/python");
    let ops = aws_operations();
    let names: BTreeSet<&str> = ops.iter().map(|op| op.service).collect();
    let services = botocore_services(&python, &names);
    let mut rng = SplitMix(run_seed());
    let mut by_service: BTreeMap<&str, Vec<&'static Operation>> = BTreeMap::new();
    // BULK_CLI_ONLY=s3api,lambda restricts a run to those services (for a quick look).
    let only: Vec<String> = std::env::var("BULK_CLI_ONLY")
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let chosen = |op: &Operation| only.is_empty() || only.iter().any(|s| s == op.service);
    for op in ops.iter().filter(|op| !op.cli_name.is_empty() && family(op) == wanted && chosen(op))
    {
        by_service.entry(op.service).or_default().push(op);
    }
    for list in by_service.values_mut() {
        for i in (1..list.len()).rev() {
            list.swap(i, rng.below(i as u64 + 1) as usize);
        }
    }
    let mut cache = PatternCache::default();
    let mut pairs = Vec::new();
    let mut round = 0;
    // The page names the reasons it cannot give a working command in its shell warnings; the
    // README lists the known exclusions below with their reasons.
    let reject = |out: &Outputs| {
        if let Some((_, reason)) = EXCLUDED.iter().find(|(route, _)| out.cli.starts_with(route)) {
            return Some(format!("excluded: {reason}"));
        }
        if out.wire.headers.iter().any(|(n, _)| n == "Expect")
            || out.cli.starts_with("aws s3api put-object-annotation ")
        {
            return Some(
                "excluded: a streaming upload, whose body the CLI reads from a file".into(),
            );
        }
        if out.cli.contains("--sse-customer-key ")
            || out.cli.contains("--copy-source-sse-customer-key ")
        {
            return Some("excluded: the CLI base64-encodes SSE-C keys and adds their MD5, which the page does not".into());
        }
        if out.cli.starts_with("aws s3api head-") {
            return Some("excluded: the CLI's S3 region redirector repeats a HEAD that the capture server answers 400".into());
        }
        if out.cli.starts_with("aws glacier upload-") {
            return Some("excluded: Glacier uploads carry SHA-256 tree hashes, which the page does not compute".into());
        }
        if out.cli.starts_with("aws lambda update-function-code ") && out.cli.contains("--zip-file")
        {
            return Some(
                "excluded: an awscli customization takes --zip-file only as fileb://".into(),
            );
        }
        if out.cli.starts_with("aws cloudfront-keyvaluestore ")
            || out.cli.starts_with("aws s3control ")
        {
            return Some("excluded: the CLI's endpoint rules put the KVS ARN / account ID in a host of their own".into());
        }
        if out.cli.starts_with("aws codecatalyst ") {
            return Some(
                "excluded: CodeCatalyst signs with a bearer token from an SSO login".into(),
            );
        }
        if out.cli.starts_with("aws kinesis ") && out.json.contains("\"StreamId\"") {
            return Some(
                "excluded: with StreamId the CLI's endpoint rules pick a per-stream host".into(),
            );
        }
        (!out.shell_warnings.is_empty())
            .then(|| format!("shell warnings: {}", out.shell_warnings.join(" / ")))
    };
    while pairs.len() < count {
        let mut any = false;
        for (service, list) in &by_service {
            if pairs.len() >= count {
                break;
            }
            let Some(op) = list.get(round) else { continue };
            any = true;
            let Some(entry) = services.get(*service) else {
                skipped.push(format!("{}: no botocore service", op.route()));
                continue;
            };
            let unions = entry["unions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap().to_string())
                .collect();
            let options = Options { unions, fill_idempotency_tokens: true, ..Options::default() };
            match valid_form_where(op, &options, &mut cache, &reject) {
                Ok((mut form, _, mut out)) => {
                    // The page computes only the default CRC32 checksum (README).
                    if let Some(member) = op.http.and_then(|h| h.checksum_algorithm_member) {
                        if !form.get(member).is_empty() && form.get(member) != "CRC32" {
                            form.set(member, "CRC32");
                            out = request_builder::core::outputs(
                                op,
                                &form,
                                request_builder::core::cli::shell::Shell::Posix,
                            );
                        }
                    }
                    pairs.push(Pair { op, route: op.route(), out, protocol: op.protocol })
                }
                Err((reason, _)) => skipped.push(format!("{}: {reason}", op.route())),
            }
        }
        if !any {
            break;
        }
        round += 1;
    }
    pairs
}

/// The script: one subshell per lane, commands in order, a marker request after each.
fn script(pairs: &[Pair], ports: &[u16], dir: &std::path::Path) -> String {
    let mut text = String::from(
        "mark() {\n  exec 3<>/dev/tcp/127.0.0.1/$1 || return\n  printf 'GET /mark/%s HTTP/1.0\\r\\nContent-Length: 0\\r\\n\\r\\n' \"$2\" >&3\n  cat <&3 >/dev/null\n  exec 3<&-\n}\n",
    );
    for (lane, port) in ports.iter().enumerate() {
        text.push_str("(\n");
        for (n, pair) in pairs.iter().enumerate().filter(|(n, _)| n % ports.len() == lane) {
            let _ = writeln!(
                text,
                "{} --endpoint-url http://127.0.0.1:{port} --no-paginate --cli-read-timeout 5 --cli-connect-timeout 5 </dev/null >/dev/null 2>{}/err.{n}\necho \"{n} $?\" >>{}/rc.{lane}\nmark {port} {n}",
                pair.out.cli,
                dir.display(),
                dir.display()
            );
        }
        text.push_str(") &\n");
    }
    text.push_str("wait\n");
    text
}

/// The requests of each command, from the marker-separated logs of the lanes.
fn requests_by_command(logs: &[Arc<Mutex<Vec<Captured>>>]) -> BTreeMap<usize, Vec<Captured>> {
    let mut out = BTreeMap::new();
    for log in logs {
        let mut pending = Vec::new();
        for captured in log.lock().unwrap().iter() {
            match captured.request_line.strip_prefix("GET /mark/") {
                Some(rest) => {
                    let n: usize = rest.split(' ').next().unwrap().parse().unwrap();
                    out.insert(n, std::mem::take(&mut pending));
                }
                None => pending.push(captured.clone()),
            }
        }
    }
    out
}

/// The first differing byte offset with some context from each side.
fn first_difference(ours: &str, theirs: &str) -> String {
    let (a, b) = (ours.as_bytes(), theirs.as_bytes());
    let offset = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let start = offset.saturating_sub(20);
    let context = |s: &[u8]| {
        String::from_utf8_lossy(&s[start.min(s.len())..(offset + 60).min(s.len())]).into_owned()
    };
    format!("at byte {offset}: page {:?}, CLI {:?}", context(a), context(b))
}

/// Headers the CLI adds that the page leaves to the signer or the HTTP client.
const TRANSPORT_HEADERS: [&str; 9] = [
    "host",
    "user-agent",
    "x-amz-date",
    "authorization",
    "x-amz-security-token",
    "accept-encoding",
    "amz-sdk-invocation-id",
    "amz-sdk-request",
    "x-amz-content-sha256",
];

/// Why the captured request differs from what the page shows, if it does.
fn compare(pair: &Pair, captured: &Captured) -> Result<(), String> {
    let out = &pair.out;
    let body = String::from_utf8_lossy(&captured.body).into_owned();
    // Against an `--endpoint-url` the CLI addresses S3 path-style.
    let path = common::path_style(pair.op, &out.wire);
    let path_and_query =
        if out.wire.query.is_empty() { path } else { format!("{path}?{}", out.wire.query) };
    let request_line = format!("{} {path_and_query} HTTP/1.1", out.wire.method);
    // Members in `--cli-input-json` reach the params after the options (see `same_body`), so
    // then a REST query matches as a set of pairs.
    let sorted_line = |line: &str| {
        let (target, version) = line.rsplit_once(' ').unwrap_or((line, ""));
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let mut pairs: Vec<&str> = query.split('&').collect();
        pairs.sort();
        format!("{path}?{} {version}", pairs.join("&"))
    };
    let same_line = captured.request_line == request_line
        || (out.cli.contains("--cli-input-json")
            && sorted_line(&captured.request_line) == sorted_line(&request_line));
    if !same_line {
        return Err(format!(
            "request line: page {request_line:?}, CLI {:?}",
            captured.request_line
        ));
    }
    if matches!(pair.protocol, Protocol::RestJson { .. } | Protocol::RestXml { .. }) {
        for (name, value) in out.wire.headers.iter().filter(|(n, _)| n != "Host") {
            if captured.header(name) != Some(value.as_str()) {
                return Err(format!(
                    "header {name}: page {value:?}, CLI {:?}",
                    captured.header(name)
                ));
            }
        }
        for (name, value) in &captured.headers {
            let known = TRANSPORT_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name));
            if !known && !out.wire.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                return Err(format!("header {name}: {value:?} from the CLI, not on the page"));
            }
        }
    }
    // `--cli-input-json` members reach the params after the options, so only the parsed JSON
    // (or the set of pairs) can match then; otherwise the bytes must match too.
    let exact = !out.cli.contains("--cli-input-json");
    let same = same_body(&pair.protocol, &out.body, &body, exact);
    if !same {
        return Err(format!("bodies differ {}", first_difference(&out.body, &body)));
    }
    for header in ["X-Amz-Target", "Content-Type", "x-amzn-query-mode"] {
        let page = out
            .wire
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(header))
            .map(|(_, v)| v.as_str());
        if page != captured.header(header) {
            return Err(format!("{header}: page {page:?}, CLI {:?}", captured.header(header)));
        }
    }
    Ok(())
}

/// A rough class of a failure, for the summary.
fn failure_kind(failure: &str) -> &'static str {
    let first = failure.lines().next().unwrap_or("");
    if first.contains("Unknown options: true") || first.contains("Unknown options: false") {
        "boolean written as `--x true|false` where the CLI takes `--x` / `--no-x`"
    } else if first.contains("bodies differ") && failure.contains("\\u0000") {
        "a value with NUL, which no argv can carry (bash drops it)"
    } else if first.contains("sent nothing (exit 2)") {
        "the CLI has no such service or command"
    } else if first.contains("preview") {
        "a CLI preview service, off by default"
    } else if first.contains("Could not connect") {
        "the CLI sends to another host (endpoint rules)"
    } else if first.contains("sent nothing") {
        "the CLI rejected the command otherwise"
    } else {
        "the request differs"
    }
}

#[test]
#[ignore = "needs the real AWS CLI in .venv; scripts/test runs it"]
fn random_commands_run_by_the_real_cli_send_what_the_page_shows() {
    let count: usize =
        std::env::var("BULK_CLI_COUNT").ok().and_then(|s| s.parse().ok()).unwrap_or(320);
    run(count, Family::Rpc, "rpc", (300, 100));
}

#[test]
#[ignore = "needs the real AWS CLI in .venv; scripts/test runs it"]
fn random_rest_commands_run_by_the_real_cli_send_what_the_page_shows() {
    let count: usize =
        std::env::var("BULK_CLI_REST_COUNT").ok().and_then(|s| s.parse().ok()).unwrap_or(240);
    run(count, Family::Rest, "rest", (200, 60));
}

/// Runs `count` commands of one family; at least `minimum` (pairs, services) must be run.
fn run(count: usize, wanted: Family, name: &str, minimum: (usize, usize)) {
    let started = std::time::Instant::now();
    let mut skipped = Vec::new();
    let pairs = pick_pairs(count, wanted, &mut skipped);
    let services: BTreeSet<&str> =
        pairs.iter().map(|p| p.route.split('/').nth(1).unwrap()).collect();

    let logs: Vec<Arc<Mutex<Vec<Captured>>>> =
        (0..LANES).map(|_| Arc::new(Mutex::new(Vec::new()))).collect();
    let ports: Vec<u16> = logs.iter().map(|log| capture_port(log.clone())).collect();
    let dir =
        std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bulk_cli_{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let script_path = dir.join("commands.sh");
    std::fs::write(&script_path, script(&pairs, &ports, &dir)).unwrap();

    // What the page's warning for preview services tells the user to run once
    // (`aws configure set preview.sdb true`), as a config file.
    let config = dir.join("config");
    std::fs::write(&config, "[preview]\nsdb = true\n").unwrap();
    let venv = venv();
    let status = std::process::Command::new("bash")
        .arg(&script_path)
        .env(
            "PATH",
            format!("{}:{}", venv.join("bin").display(), std::env::var("PATH").unwrap_or_default()),
        )
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_RETRY_MODE", "standard")
        .env("AWS_PAGER", "")
        // The capture server is one host: keep `hostPrefix` (e.g. `data-`) out of it.
        .env("AWS_DISABLE_HOST_PREFIX_INJECTION", "true")
        .env("LANG", "C.UTF-8")
        .status()
        .expect("run bash");
    assert!(status.success(), "the script itself failed: {status}");
    std::thread::sleep(Duration::from_millis(200));

    let mut exit_codes = BTreeMap::new();
    for lane in 0..LANES {
        let text = std::fs::read_to_string(dir.join(format!("rc.{lane}"))).unwrap_or_default();
        for line in text.lines() {
            if let Some((n, rc)) = line.split_once(' ') {
                exit_codes.insert(n.parse::<usize>().unwrap(), rc.to_string());
            }
        }
    }
    let requests = requests_by_command(&logs);
    let (mut accepted, mut matching, mut failures) = (0, 0, Vec::new());
    for (n, pair) in pairs.iter().enumerate() {
        let captured = requests.get(&n).cloned().unwrap_or_default();
        let stderr = std::fs::read_to_string(dir.join(format!("err.{n}"))).unwrap_or_default();
        let rc = exit_codes.get(&n).map_or("?", String::as_str);
        let problem = match captured.as_slice() {
            [] => Some(format!(
                "the CLI sent nothing (exit {rc}): {}",
                stderr.trim().lines().last().unwrap_or("")
            )),
            [one] => {
                accepted += 1;
                compare(pair, one).err()
            }
            more => {
                accepted += 1;
                Some(format!("the CLI sent {} requests", more.len()))
            }
        };
        match problem {
            None => matching += 1,
            Some(problem) => failures.push(format!(
                "#{n} {}: {problem}\ncommand:\n{}\npage body:\n{}",
                pair.route, pair.out.cli, pair.out.body
            )),
        }
    }

    let mut summary = String::new();
    let _ = writeln!(summary, "\n== bulk AWS CLI run, {name} protocols (seed {}) ==", run_seed());
    let _ = writeln!(
        summary,
        "commands run: {} across {} services, in one bash process, {LANES} lanes",
        pairs.len(),
        services.len()
    );
    let _ = writeln!(summary, "accepted by the CLI (it sent a request): {accepted}");
    let _ = writeln!(summary, "request equal to out-body and out-http: {matching}");
    let _ = writeln!(summary, "failures: {}", failures.len());
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for failure in &failures {
        *kinds.entry(failure_kind(failure)).or_default() += 1;
    }
    for (kind, n) in &kinds {
        let _ = writeln!(summary, "  {n}: {kind}");
    }
    let _ = writeln!(
        summary,
        "operations skipped (no valid form, or the page warns for the shell): {}",
        skipped.len()
    );
    for reason in skipped.iter().take(20) {
        let _ = writeln!(summary, "  {}", reason.chars().take(300).collect::<String>());
    }
    let _ = writeln!(summary, "time: {:.1?}", started.elapsed());
    for failure in failures.iter().take(30) {
        let _ = writeln!(summary, "\n{failure}");
    }
    println!("{summary}");

    assert!(
        pairs.len() >= minimum.0 && services.len() >= minimum.1,
        "too few pairs or services{summary}"
    );
    assert!(failures.is_empty(), "{} of {} commands failed{summary}", failures.len(), pairs.len());
}
