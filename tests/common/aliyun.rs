//! Alibaba Cloud helpers shared by the tests that compare the page's requests with the
//! products' SDKs (tests/aliyun_bulk_conformance.rs, tests/sdk_python.rs, tests/sdk_js.rs).

use request_builder::core::model::{catalog, Cloud, Operation, Protocol};
use request_builder::core::Outputs;

/// Every Alibaba Cloud operation in the index, product by product.
pub fn all_operations() -> Vec<&'static Operation> {
    let text = std::fs::read_to_string(catalog::models_dir().join("index.json"))
        .expect("models/index.json (run scripts/build-models)");
    let index = catalog::parse_index(&text).expect("index");
    let mut ops = Vec::new();
    for service in index.iter().filter(|s| s.cloud == Cloud::Aliyun) {
        let loaded = catalog::service(Cloud::Aliyun, &service.service)
            .unwrap_or_else(|| panic!("model of {}", service.service));
        ops.extend(loaded.operations.iter().copied());
    }
    ops
}

/// Every Alibaba Cloud RPC operation in the index.
pub fn operations() -> Vec<&'static Operation> {
    all_operations().into_iter().filter(|op| !is_roa(op)).collect()
}

/// Whether an operation is ROA (RESTful).
pub fn is_roa(op: &Operation) -> bool {
    matches!(op.protocol, Protocol::AliyunRoa { .. })
}

/// The business parameters of the page's query, decoded: without the common parameters it adds
/// (`Action`, `Version`, `Format`, the form's region as `RegionId`), except where the operation
/// has a member of that name.
pub fn business(op: &Operation, query: &str) -> Vec<(String, String)> {
    // RFC 3986 leaves no raw `+` in the query, so form decoding reads it exactly.
    super::form_pairs(query)
        .into_iter()
        .filter(|(k, _)| {
            !matches!(k.as_str(), "Action" | "Version" | "Format" | "RegionId")
                || op.input.member(k).is_some()
        })
        .collect()
}

/// The headers a ROA request is compared by: the page's, names in lower case, without the host
/// and the length (the SDK's HTTP client sets those).
pub fn roa_compared_headers(out: &Outputs) -> Vec<(String, String)> {
    out.wire
        .headers
        .iter()
        .filter(|(n, _)| !matches!(n.as_str(), "Host" | "Content-Length"))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect()
}

/// One program case for tests/tools/aliyun_programs.py and aliyun_js_programs.mjs: the program
/// and the page's request (host, method, path, business parameters, body). A ROA operation's
/// case (`"roa": true`) has every query parameter and the headers the page sets
/// ([`roa_compared_headers`]), as tests/aliyun_bulk_conformance.rs compares them.
pub fn program_item(op: &Operation, program: &str, out: &Outputs) -> String {
    if is_roa(op) {
        let headers = roa_compared_headers(out);
        return serde_json::json!({
            "route": op.route(), "action": op.name, "program": program, "roa": true,
            "expected": {
                "host": out.wire.host, "method": out.wire.method, "path": out.wire.path,
                "query": super::form_pairs(&out.wire.query), "headers": headers,
                "body": out.wire.body,
            },
        })
        .to_string();
    }
    let version = match op.protocol {
        Protocol::AliyunRpc { version } => version,
        _ => "",
    };
    serde_json::json!({
        "route": op.route(), "action": op.name, "version": version, "program": program,
        "expected": {
            "host": out.wire.host, "method": out.wire.method, "path": out.wire.path,
            "query": business(op, &out.wire.query), "body": out.wire.body,
        },
    })
    .to_string()
}

/// Known differences between the page's request and the Alibaba SDKs', each with its reason:
/// the bulk checks list and count these operations as not compared (issue 28 left them open).
pub const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    ("aliyun/saf/ExecuteExtendService", JSON_BODY),
    ("aliyun/saf/ExecuteRequest", JSON_BODY),
    ("aliyun/saf/ExecuteRequestML", JSON_BODY),
    ("aliyun/saf/ExecuteRequestSG", JSON_BODY),
    ("aliyun/saf/RequestDecision", JSON_BODY),
    ("aliyun/rai/BatchContentAsyncDetect", JSON_BODY),
    ("aliyun/rai/BatchContentSyncDetect", JSON_BODY),
    ("aliyun/rai/ContentAsyncDetect", JSON_BODY),
    ("aliyun/rai/ContentSyncDetect", JSON_BODY),
    (
        "aliyun/dianjin/EndToEndRealTimeDialog",
        "a WebSocket operation: the SDK opens a WebSocket (and refuses to start without a handler); the page shows the HTTP GET that opens it, which no SDK request can be compared with",
    ),
    (
        "aliyun/fnf/CreateSchedule",
        "a member named SignatureVersion: FnF's client signs the old way, whose SignatureVersion=1.0 replaces the member's value; the page's proxy signs with ACS3 and sends the member",
    ),
];

const JSON_BODY: &str = "an RPC operation whose SDK also sends the request as a JSON body (req_body_type json), which the model does not record yet";

/// The reason an operation is a known difference, if it is one.
pub fn known_difference(route: &str) -> Option<&'static str> {
    KNOWN_DIFFERENCES.iter().find(|(r, _)| *r == route).map(|(_, why)| *why)
}
