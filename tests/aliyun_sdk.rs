//! The SMC request's parameters equal those Alibaba Cloud's own Python SDK builds for the same
//! values (minus signature, nonce, timestamp and key id), byte for byte after encoding; and the
//! extracted products' placement data (body, JSON text, GET) shapes the rendered requests.

mod common;

use request_builder::core::{cli::shell::Shell, model::catalog, outputs, request::form::FormState};
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

const JOB_IDS: &[&str] =
    &["j-bp1a2b3c4d5e", "j-abc def", "j-*~'\"", "j-日本語", "j-a&b=c", "j-100%", "j-+/;", "j-😀"];

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
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&sdk_input).unwrap().as_bytes())
        .unwrap();
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

/// Every pinned Alibaba Cloud product is in the catalog with its RPC operations, and where the
/// SDK puts members in the body, as one JSON text or as a comma list, or sends GET, the page's
/// request does so too (the bulk check compares every operation; this one needs no SDK).
#[test]
fn extracted_products_render_body_json_and_get_as_data() {
    use request_builder::core::model::{Cloud, ValueStyle};
    use request_builder::core::{send, wire};
    let index = catalog::parse_index(
        &std::fs::read_to_string(catalog::models_dir().join("index.json"))
            .expect("run scripts/build-models"),
    )
    .unwrap();
    let products: Vec<&str> =
        index.iter().filter(|s| s.cloud == Cloud::Aliyun).map(|s| s.service.as_str()).collect();
    // Every product the extraction found RPC operations in (models/aliyun-summary.json, from
    // the pins), the seven migration products among them.
    let summary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(catalog::models_dir().join("aliyun-summary.json")).unwrap(),
    )
    .unwrap();
    let mut with_operations: Vec<&str> = summary
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, facts)| facts["operations"].as_u64() > Some(0))
        .map(|(code, _)| code.as_str())
        .collect();
    // And every ROA product (models/aliyun-roa-summary.json).
    let roa: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(catalog::models_dir().join("aliyun-roa-summary.json")).unwrap(),
    )
    .unwrap();
    with_operations.extend(
        roa.as_object()
            .unwrap()
            .iter()
            .filter(|(_, facts)| facts["roaOperations"].as_u64() > Some(0))
            .map(|(code, _)| code.as_str()),
    );
    with_operations.sort_unstable();
    with_operations.dedup();
    assert_eq!(products, with_operations);
    for product in ["cs", "fc", "sae"] {
        assert!(products.contains(&product), "{product} (ROA)");
    }
    for product in ["dts", "ecs", "polardb", "r-kvstore", "rds", "smc", "vpc", "ram", "sts", "slb"]
    {
        assert!(products.contains(&product), "{product}");
    }
    let ops: Vec<_> = products
        .iter()
        .flat_map(|p| catalog::service(Cloud::Aliyun, p).unwrap().operations.iter().copied())
        .filter(|op| op.http.is_none())
        .collect();
    assert!(
        catalog::find("aliyun/ecs/RunInstances").is_some()
            && catalog::find("aliyun/r-kvstore/CreateInstance").is_some()
    );

    // A member the SDK sends in the body: absent from the query, present in the sorted form body.
    let in_body = |op: &&request_builder::core::model::Operation| {
        op.rpc.members.iter().find(|(n, p)| {
            p.body
                && p.style == ValueStyle::Flat
                && matches!(
                    op.input.member(n).unwrap().kind,
                    request_builder::core::model::Kind::String(_)
                )
        })
    };
    let op = ops.iter().find(|op| in_body(op).is_some()).unwrap();
    let (name, _) = in_body(op).unwrap();
    let out = outputs(op, &FormState::new(op.default_region()).with(name, "a b&c"), Shell::Posix);
    assert!(out.body.contains(&format!("{name}=a+b%26c")), "{}: {}", op.route(), out.body);
    assert!(!out.query.contains(&format!("{name}=")), "{}: {}", op.route(), out.query);

    // A list the SDK sends as one JSON text: one parameter, compact JSON, API names.
    let (op, name) = ops
        .iter()
        .find_map(|op| {
            op.rpc.members.iter().find(|(n, p)| {
                p.style == ValueStyle::Json
                    && !p.body
                    && matches!(op.input.member(n).unwrap().kind, request_builder::core::model::Kind::List { item, .. } if !item.kind.is_container())
            }).map(|(n, _)| (*op, *n))
        })
        .unwrap();
    let form = FormState::new(op.default_region())
        .with(&format!("{name}[0]"), "x y")
        .with(&format!("{name}[1]"), "z");
    let mut form = form;
    form.set_list_len(name, Some(2));
    let out = outputs(op, &form, Shell::Posix);
    assert!(
        out.query.contains(&format!("{name}=%5B%22x%20y%22%2C%22z%22%5D")),
        "{}: {}",
        op.route(),
        out.query
    );

    // GET operations: the request says GET; the page hands the proxy (POST only) a POST.
    let op = ops.iter().find(|op| op.rpc.method == Some("GET")).unwrap();
    let built =
        request_builder::core::request::build::build(op, &FormState::new(op.default_region()));
    let rendered = wire::render(op, &built.request, op.default_region(), Default::default());
    assert_eq!(rendered.method, "GET", "{}", op.route());
    assert_eq!(
        send::proxy_request(op, &rendered, op.default_region(), "http://127.0.0.1:8787").method,
        "POST"
    );
}

/// Regression: a JSON-text parameter lacked the `[]` that the SDKs' models write for an unset
/// list of structures (ECS `CreatePlanMaintenanceWindow` `TargetResource.Tags`; the bulk check
/// found it under `BULK_SEED=7`).
#[test]
fn regression_json_text_carries_the_sdks_empty_lists_of_structures() {
    let op = catalog::find("aliyun/ecs/CreatePlanMaintenanceWindow").unwrap();
    let form = FormState::new("cn-hangzhou").with("TargetResource.ResourceGroupId", "rg-1");
    let out = outputs(op, &form, Shell::Posix);
    let pairs = common::form_pairs(&out.query);
    let target = pairs.iter().find(|(k, _)| k == "TargetResource").map(|(_, v)| v.as_str());
    assert_eq!(target, Some(r#"{"ResourceGroupId":"rg-1","Tags":[]}"#), "{}", out.query);
}

/// Regression (issue 28, found by the bulk check over every product): a map in an RPC request
/// is flattened by its keys as the SDKs' flatten does (`MetaData.<key>=value`, inside a list
/// `Messages.1.MetaData.<key>`), not as `MetaData.1.key` / `MetaData.1.value`; the `aliyun`
/// command's flags are the same keys. Failed before the fix with `MetaData.1.key=topic`.
#[test]
fn regression_an_rpc_map_is_flattened_by_its_keys() {
    let op =
        catalog::find("aliyun/websitebuild/CreateAIStaffChat").expect("run scripts/build-models");
    let mut form = FormState::new(op.default_region())
        .with("MetaData[0].key", "topic")
        .with("MetaData[0].value", "a b")
        .with("MetaData[1].key", "lang")
        .with("MetaData[1].value", "en")
        .with("Messages[0].MetaData[0].key", "k")
        .with("Messages[0].MetaData[0].value", "v");
    form.set_list_len("MetaData", Some(2));
    form.set_list_len("Messages", Some(1));
    form.set_list_len("Messages[0].MetaData", Some(1));
    let out = outputs(op, &form, Shell::Posix);
    assert_eq!(
        out.body, "Messages.1.MetaData.k=v&MetaData.lang=en&MetaData.topic=a+b",
        "{}",
        out.body
    );
    assert!(
        out.cli.contains("--MetaData.topic 'a b'") && out.cli.contains("--Messages.1.MetaData.k v"),
        "{}",
        out.cli
    );
}

/// Regression (CI on 08c40ad, `SEED=1796562526338989362`): a boolean inside a free-form
/// document member (esa CreateLoadBalancer's `SubRegionPools`, flattened to
/// `SubRegionPools.b.1=true`) is one the Python SDK writes as `True`, so its program carries the
/// note that says so. Failed before the fix: the note looked into lists, maps and structures
/// but not documents.
#[test]
fn regression_a_boolean_inside_a_document_gets_the_python_note() {
    use request_builder::core::request::build::build;
    use request_builder::core::sdk::{aliyun_python, Sdk};
    let op = catalog::find("aliyun/esa/CreateLoadBalancer").expect("run scripts/build-models");
    let program = |pools: &str| {
        let form = FormState::new(op.default_region()).with("SubRegionPools", pools);
        let built = build(op, &form);
        Sdk::Python.program(op, &built.request, &form.region, Default::default(), &built.report)
    };
    assert!(program(r#"{"a": 1, "b": [true, null, "x"]}"#).contains(aliyun_python::BOOLEAN_NOTE));
    assert!(!program(r#"{"a": 1, "b": ["true"]}"#).contains(aliyun_python::BOOLEAN_NOTE));
}
