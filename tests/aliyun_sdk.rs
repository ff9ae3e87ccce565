//! The SMC request's parameters equal those Alibaba Cloud's own Python SDK builds for the same
//! values (minus signature, nonce, timestamp and key id), byte for byte after encoding.

mod common;

use request_builder::core::{catalog, cli::shell::Shell, form::FormState, outputs};
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

const JOB_IDS: &[&str] = &["j-bp1a2b3c4d5e", "j-abc def", "j-*~'\"", "j-日本語", "j-a&b=c", "j-100%", "j-+/;", "j-😀"];

#[test]
#[ignore = "needs Alibaba's Python SDK in .venv; scripts/test runs it"]
fn smc_parameters_equal_the_python_sdks() {
    let op = catalog::find("aliyun/smc/StartReplicationJob").unwrap();
    let mut forms = Vec::new();
    let mut sdk_input = Vec::new();
    for (i, job) in JOB_IDS.iter().enumerate() {
        let region = ["cn-hangzhou", "ap-southeast-1", "eu-central-1"][i % 3];
        let mut form = FormState::new(region).with("JobId", job);
        let mut sdk = serde_json::json!({ "region": region, "JobId": job });
        if i % 2 == 0 {
            form.set("OwnerId", "1234567890123");
            sdk["OwnerId"] = "1234567890123".into();
        }
        if i % 3 == 0 {
            form.set("ResourceOwnerAccount", "owner account é");
            sdk["ResourceOwnerAccount"] = "owner account é".into();
        }
        forms.push(form);
        sdk_input.push(sdk);
    }
    let mut child = Command::new(common::venv().join("bin/python"))
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/aliyun_params.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(serde_json::to_string(&sdk_input).unwrap().as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let sdk: Vec<Vec<(String, String)>> = serde_json::from_slice(&output.stdout).unwrap();
    for (form, sdk_pairs) in forms.iter().zip(sdk) {
        let out = outputs(op, form, Shell::Posix);
        let ours: BTreeSet<(String, String)> = out
            .query
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_string(), v.to_string())
            })
            .collect();
        let theirs: BTreeSet<(String, String)> = sdk_pairs.into_iter().collect();
        assert_eq!(ours, theirs, "JobId {:?}", form.get("JobId"));
    }
}
