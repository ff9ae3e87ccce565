//! The signing proxy's load and slow-client benchmark (run by `bench/proxy-load`).
//!
//! 1. Load: 20,000 signed POSTs at 200 concurrent through the proxy (a release binary, started
//!    here on 127.0.0.1) to a loopback upstream, and the same requests straight to the upstream;
//!    req/s, p50/p99 and the latency the proxy adds; the proxy's RSS before and after.
//! 2. Slow clients: 500 half-open connections (half a request head each), once with the
//!    default limits and once under a 256-descriptor limit, while `/health` is asked every
//!    50 ms on a new connection; every answer must come within 100 ms.
//!
//! `load --proxy-bin target/release/signing-proxy [--requests N] [--concurrency N] [--half-open N]`
//! Exits non-zero on any error or a `/health` answer slower than 100 ms.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ORIGIN: &str = "http://bench.local:8080";
const BODY: &str = r#"{"ReplicationTaskArn": "arn:aws:dms:us-east-1:123456789012:task:BENCH", "StartReplicationTaskType": "start-replication"}"#;

struct Proxy {
    child: Child,
    addr: SocketAddr,
    lines: Arc<AtomicUsize>,
    /// From spawn to its "listening" line: reading the endpoint data and every model file.
    started_in: Duration,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Proxy {
    fn start(bin: &str, upstream: &str, descriptors: Option<u32>) -> Proxy {
        let mut command = match descriptors {
            None => Command::new(bin),
            Some(n) => {
                let mut sh = Command::new("sh");
                sh.arg("-c").arg(format!("ulimit -n {n} && exec \"$0\" \"$@\"")).arg(bin);
                sh
            }
        };
        let spawned = Instant::now();
        let mut child = command
            .args([
                "--listen",
                "127.0.0.1:0",
                "--allow-origin",
                ORIGIN,
                "--endpoint",
                &format!("dms={upstream}"),
            ])
            .env("AWS_ACCESS_KEY_ID", "AKIDBENCH")
            .env("AWS_SECRET_ACCESS_KEY", "bench-secret")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the proxy");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        stderr.read_line(&mut first).unwrap();
        let started_in = spawned.elapsed();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|a| a.parse().ok())
            .expect(&first);
        let lines = Arc::new(AtomicUsize::new(0));
        let counter = lines.clone();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                // Not a log line: where each cloud's keys come from, once at start-up.
                if !line.starts_with("AWS credentials: ")
                    && !line.starts_with("Alibaba Cloud credentials: ")
                {
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
        Proxy { child, addr, lines, started_in }
    }

    fn rss_mb(&self, key: &str) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kb: f64 = status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0);
        kb / 1024.0
    }
}

struct Run {
    seconds: f64,
    errors: usize,
    latencies: Vec<Duration>,
}

impl Run {
    fn percentile(&self, p: f64) -> f64 {
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[index].as_secs_f64() * 1000.0
    }
    fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.seconds
    }
}

async fn load(base: &str, requests: usize, concurrency: usize) -> Run {
    let client = reqwest::Client::builder().pool_max_idle_per_host(concurrency).build().unwrap();
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(requests)));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, next, errors, latencies, url) = (
                client.clone(),
                next.clone(),
                errors.clone(),
                latencies.clone(),
                format!("{base}/"),
            );
            tokio::spawn(async move {
                let mut mine = Vec::new();
                while next.fetch_add(1, Ordering::Relaxed) < requests {
                    let sent = Instant::now();
                    let answer = client
                        .post(&url)
                        .header("origin", ORIGIN)
                        .header("x-proxy-cloud", "aws")
                        .header("x-proxy-service", "dms")
                        .header("x-proxy-region", "us-east-1")
                        .header("x-proxy-target", "https://dms.us-east-1.amazonaws.com/")
                        .header("content-type", "application/x-amz-json-1.1")
                        .header("x-amz-target", "AmazonDMSv20160101.StartReplicationTask")
                        .body(BODY)
                        .send()
                        .await;
                    let ok = match answer {
                        Ok(answer) => answer.status() == 200 && answer.bytes().await.is_ok(),
                        Err(_) => false,
                    };
                    if ok {
                        mine.push(sent.elapsed());
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut latencies = std::mem::take(&mut *latencies.lock().unwrap());
    latencies.sort();
    Run { seconds, errors: errors.load(Ordering::Relaxed), latencies }
}

/// GET /health on a new connection; the time to the whole answer, or `None` on a failure.
fn health(addr: SocketAddr) -> Option<Duration> {
    let started = Instant::now();
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(stream, "GET /health HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n").ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.starts_with("HTTP/1.1 200").then(|| started.elapsed())
}

struct SlowRun {
    opened: usize,
    probes: usize,
    failed: usize,
    p50_ms: f64,
    max_ms: f64,
    still_open_after: Option<(usize, f64)>,
}

fn slow_clients(proxy: &Proxy, half_open: usize, probe_for: Duration) -> SlowRun {
    let mut streams = Vec::new();
    for _ in 0..half_open {
        if let Ok(mut stream) = TcpStream::connect_timeout(&proxy.addr, Duration::from_secs(2)) {
            let _ =
                write!(stream, "POST / HTTP/1.1\r\nhost: {}\r\nx-proxy-cloud: aws\r\n", proxy.addr);
            streams.push(stream);
        }
    }
    let opened = streams.len();
    let started = Instant::now();
    let mut times = Vec::new();
    let mut failed = 0;
    while started.elapsed() < probe_for {
        match health(proxy.addr) {
            Some(took) => times.push(took),
            None => failed += 1,
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    // How many of the half-open connections the proxy has closed by now.
    let mut open = 0;
    for stream in &mut streams {
        stream.set_nonblocking(true).unwrap();
        let mut byte = [0u8; 1];
        match stream.read(&mut byte) {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => open += 1,
            _ => {}
        }
    }
    SlowRun {
        opened,
        probes: times.len() + failed,
        failed,
        p50_ms: times.get(times.len() / 2).copied().map(ms).unwrap_or(f64::NAN),
        max_ms: times.last().copied().map(ms).unwrap_or(f64::NAN),
        still_open_after: Some((open, started.elapsed().as_secs_f64())),
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bin = arg(&args, "--proxy-bin").unwrap_or_else(|| "target/release/signing-proxy".into());
    let requests: usize = arg(&args, "--requests").map_or(20_000, |v| v.parse().unwrap());
    let concurrency: usize = arg(&args, "--concurrency").map_or(200, |v| v.parse().unwrap());
    let half_open: usize = arg(&args, "--half-open").map_or(500, |v| v.parse().unwrap());

    // The upstream: a loopback HTTP server on its own runtime, answering like DMS does.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap()
            .block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                let app = axum::Router::new().fallback(|| async {
                    (
                        [("content-type", "application/x-amz-json-1.1")],
                        r#"{"ReplicationTask": {"Status": "starting"}}"#,
                    )
                });
                axum::serve(listener, app).await.unwrap();
            })
    });
    let upstream = format!("http://{}", rx.recv().unwrap());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let proxy = Proxy::start(&bin, &upstream, None);
    std::thread::sleep(Duration::from_millis(200));
    let rss_before = proxy.rss_mb("VmRSS:");

    // Warm both paths, then measure.
    runtime.block_on(load(&upstream, 1000, concurrency));
    runtime.block_on(load(&format!("http://{}", proxy.addr), 1000, concurrency));
    let direct = runtime.block_on(load(&upstream, requests, concurrency));
    let through = runtime.block_on(load(&format!("http://{}", proxy.addr), requests, concurrency));
    let rss_after = proxy.rss_mb("VmRSS:");
    let rss_peak = proxy.rss_mb("VmHWM:");
    let second = runtime.block_on(load(&format!("http://{}", proxy.addr), requests, concurrency));
    let rss_after_second = proxy.rss_mb("VmRSS:");
    // One at a time: the latency the proxy adds to a single request, without queueing.
    let direct_one = runtime.block_on(load(&upstream, 2000, 1));
    let through_one = runtime.block_on(load(&format!("http://{}", proxy.addr), 2000, 1));
    let log_lines = proxy.lines.load(Ordering::Relaxed);

    println!(
        "start-up, spawn to listening (the allow-list read from every model file): {:.0} ms",
        proxy.started_in.as_secs_f64() * 1000.0
    );
    println!();
    println!("## load: {requests} POSTs at {concurrency} concurrent, loopback upstream");
    println!();
    println!("| path | errors | req/s | p50 ms | p99 ms |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, run) in [
        ("direct to upstream", &direct),
        ("through the proxy", &through),
        ("through the proxy, 2nd run", &second),
        ("direct, 2,000 at 1 concurrent", &direct_one),
        ("through the proxy, 2,000 at 1 concurrent", &through_one),
    ] {
        println!(
            "| {name} | {} | {:.0} | {:.2} | {:.2} |",
            run.errors,
            run.rate(),
            run.percentile(0.5),
            run.percentile(0.99)
        );
    }
    println!();
    println!(
        "added by the proxy: at {concurrency} concurrent p50 {:+.2} ms, p99 {:+.2} ms (queueing on shared cores); one at a time p50 {:+.2} ms, p99 {:+.2} ms",
        through.percentile(0.5) - direct.percentile(0.5),
        through.percentile(0.99) - direct.percentile(0.99),
        through_one.percentile(0.5) - direct_one.percentile(0.5),
        through_one.percentile(0.99) - direct_one.percentile(0.99),
    );
    println!(
        "proxy RSS: {rss_before:.1} MB before, {rss_after:.1} MB after, {rss_after_second:.1} MB after a 2nd run (peak {rss_peak:.1} MB before it); {log_lines} log lines for {} requests",
        requests * 2 + 1000 + 2000,
    );
    drop(proxy);

    println!();
    println!("## slow clients: {half_open} half-open connections, /health every 50 ms on a new connection");
    println!();
    println!("| proxy | held open | probes | failed | p50 ms | max ms | half-open still open |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut worst: f64 = 0.0;
    let mut failures = 0;
    for (name, descriptors, probe_for) in [
        ("defaults (header timeout 10 s)", None, Duration::from_secs(12)),
        ("ulimit -n 256", Some(256), Duration::from_secs(5)),
    ] {
        let proxy = Proxy::start(&bin, &upstream, descriptors);
        std::thread::sleep(Duration::from_millis(200));
        let run = slow_clients(&proxy, half_open, probe_for);
        let (open, after) = run.still_open_after.unwrap_or((0, 0.0));
        println!(
            "| {name} | {} | {} | {} | {:.2} | {:.2} | {open} after {after:.1} s |",
            run.opened, run.probes, run.failed, run.p50_ms, run.max_ms
        );
        worst = worst.max(run.max_ms);
        failures += run.failed;
    }
    let errors =
        direct.errors + through.errors + second.errors + direct_one.errors + through_one.errors;
    if errors > 0 || failures > 0 || worst.is_nan() || worst >= 100.0 {
        eprintln!("FAILED: {errors} load errors, {failures} failed /health probes, slowest /health {worst:.1} ms");
        std::process::exit(1);
    }
}
