//! The proxy's signatures equal those the clouds' own SDKs make for the same inputs:
//! ACS3-HMAC-SHA256 against Alibaba's alibabacloud_openapi_util, RPC HMAC-SHA1 against
//! aliyun-python-sdk-core, SigV4 (aws-sigv4) against botocore. Fixed clocks and nonces.

use serde_json::{json, Value};
use signing_proxy::aliyun::{acs3_authorization, acs3_headers, rpc_v1_signature, AliyunKeys};
use signing_proxy::aws::{sign_request, AwsKeys};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, UNIX_EPOCH};

fn sdk(cases: Value) -> Value {
    let venv = std::env::var_os("REFERENCE_VENV")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.venv")));
    let mut child = Command::new(venv.join("bin/python"))
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/tools/sign_vectors.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the reference virtualenv's python");
    child.stdin.take().unwrap().write_all(cases.to_string().as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

const JOB_IDS: [&str; 4] = ["j-bp1a2b3c4d5e", "j-abc def", "j-*~'\"", "j-日本語&=+"];

#[test]
#[ignore = "needs the SDKs in .venv; scripts/test runs it"]
fn acs3_and_rpc_v1_signatures_equal_alibabas_sdks() {
    let keys = AliyunKeys { access_key_id: "LTAI5tExample".into(), access_key_secret: "secret/with+chars=".into(), security_token: None };
    let mut acs3 = Vec::new();
    let mut rpc = Vec::new();
    for (i, job) in JOB_IDS.iter().enumerate() {
        let body = if i % 2 == 0 { String::new() } else { format!("JobId={job}") };
        let mut headers = vec![("host".to_string(), "smc.aliyuncs.com".to_string())];
        headers.extend(acs3_headers("StartReplicationJob", "2019-06-01", body.as_bytes(), "2026-11-23T01:02:03Z", &format!("nonce-{i}"), &keys));
        headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
        let query = vec![("RegionId".to_string(), "cn-hangzhou".to_string()), ("JobId".to_string(), job.to_string()), ("Format".to_string(), "JSON".to_string())];
        acs3.push(json!({ "method": "POST", "path": "/", "query": query, "headers": headers, "body": body,
                          "key_id": keys.access_key_id, "secret": keys.access_key_secret }));
        let params = vec![("Action", "StartReplicationJob"), ("Version", "2019-06-01"), ("RegionId", "cn-hangzhou"), ("JobId", job)];
        rpc.push(json!({ "method": if i % 2 == 0 { "POST" } else { "GET" }, "params": params, "timestamp": "2026-11-23T01:02:03Z",
                         "nonce": format!("nonce-{i}"), "key_id": keys.access_key_id, "secret": keys.access_key_secret }));
    }
    let results = sdk(json!({ "acs3": acs3, "rpc_v1": rpc, "sigv4": [] }));
    for case in results["acs3"].as_array().unwrap() {
        let pairs = |v: &Value| -> Vec<(String, String)> {
            v.as_array().unwrap().iter().map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap().to_string())).collect()
        };
        let ours = acs3_authorization("POST", "/", &pairs(&case["query"]), &pairs(&case["headers"]), case["body"].as_str().unwrap().as_bytes(), &keys);
        assert_eq!(ours, case["authorization"].as_str().unwrap(), "{case}");
    }
    for case in results["rpc_v1"].as_array().unwrap() {
        let params: Vec<(String, String)> = case["signed_params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap().to_string()))
            .collect();
        let ours = rpc_v1_signature(case["method"].as_str().unwrap(), &params, &keys.access_key_secret);
        assert_eq!(ours, case["signature"].as_str().unwrap(), "{case}");
    }
}

#[test]
#[ignore = "needs botocore in .venv; scripts/test runs it"]
fn sigv4_signatures_equal_botocores() {
    let epoch = 1_795_000_000u64;
    let cases: Vec<Value> = [
        ("dms", "AmazonDMSv20160101.StartReplicationTask", "application/x-amz-json-1.1", r#"{"ReplicationTaskArn": "x", "StartReplicationTaskType": "start-replication"}"#, None),
        ("datasync", "FmrsService.StartTaskExecution", "application/x-amz-json-1.1", r#"{"TaskArn": "\u00e9"}"#, Some("session-token")),
        ("elasticache", "", "application/x-www-form-urlencoded; charset=utf-8", "Action=StartMigration&Version=2015-02-02&ReplicationGroupId=my+group%2A", None),
    ]
    .iter()
    .map(|(service, target, content_type, body, token)| {
        let mut headers = vec![("Content-Type", *content_type)];
        if !target.is_empty() {
            headers.push(("X-Amz-Target", target));
        }
        json!({ "service": service, "region": "eu-west-1", "url": format!("https://{service}.eu-west-1.amazonaws.com/"),
                "headers": headers, "body": body, "epoch": epoch, "key_id": "AKIDEXAMPLE",
                "secret": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token": token })
    })
    .collect();
    // REST operations (issue 12): their method, a path with labels and a query; S3 with its
    // own rules (payload hash header, the path encoded once and not normalized).
    let rest = [
        ("lambda", "GET", "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/?MaxItems=5&Marker=a%20b", "", vec![]),
        ("lambda", "POST", "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/my%3Afn/invocations", "{\"k\": 1}", vec![("X-Amz-Invocation-Type", "Event")]),
        ("s3", "PUT", "https://s3.eu-west-1.amazonaws.com/page-bucket", "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>", vec![]),
        ("s3", "GET", "https://s3.eu-west-1.amazonaws.com/page-bucket/a//b/../c%20d.txt?list-type=2&encoding-type=url", "", vec![]),
        ("s3", "DELETE", "https://s3.eu-west-1.amazonaws.com/page-bucket/k%2Bey", "", vec![("x-amz-mfa", "123 456")]),
    ];
    let cases: Vec<Value> = cases
        .into_iter()
        .chain(rest.iter().map(|(service, method, url, body, headers)| {
            json!({ "service": service, "method": method, "region": "eu-west-1", "url": url, "headers": headers, "body": body,
                    "epoch": epoch, "key_id": "AKIDEXAMPLE", "secret": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token": null })
        }))
        .collect();
    let results = sdk(json!({ "acs3": [], "rpc_v1": [], "sigv4": cases }));
    for case in results["sigv4"].as_array().unwrap() {
        let service = case["service"].as_str().unwrap();
        let method = case["method"].as_str().unwrap_or("POST");
        let mut request = http::Request::builder().method(method).uri(case["url"].as_str().unwrap()).header("host", format!("{service}.eu-west-1.amazonaws.com"));
        for header in case["headers"].as_array().unwrap() {
            request = request.header(header[0].as_str().unwrap(), header[1].as_str().unwrap());
        }
        let mut request = request.body(case["body"].as_str().unwrap().as_bytes().to_vec()).unwrap();
        let keys = AwsKeys {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
            session_token: case["token"].as_str().map(str::to_string),
        };
        sign_request(&mut request, &keys, service, "eu-west-1", UNIX_EPOCH + Duration::from_secs(epoch)).unwrap();
        let url = case["url"].as_str().unwrap();
        assert_eq!(request.headers()["authorization"].to_str().unwrap(), case["authorization"].as_str().unwrap(), "{method} {url}");
        let sha256 = request.headers().get("x-amz-content-sha256").map(|v| v.to_str().unwrap());
        assert_eq!(sha256, case["content_sha256"].as_str(), "{method} {url}: x-amz-content-sha256");
    }
}
