//! The pure core: model, catalog, build and validation, wire rendering, CLI rendering, paste,
//! SDK programs, routes and search.
//!
//! Contract: no browser, no clock, no randomness. Inputs in, values out. Nothing here may
//! import leptos, web-sys, wasm-bindgen or gloo; `cargo test --no-default-features` builds
//! this module alone and fails if anyone tries.

// The rooms, in the order the data flows (rustfmt lists them alphabetically): `json`, `yaml`
// and `float` at the bottom; `model` and its catalog; a `request` built from a form against it;
// `wire` and `cli`, which render a request; then `route` (a link to a form), `paste` (text back
// to a form), `sdk` (programs for a cloud's SDK, read back from the JSON form as paste reads
// it), `search` and `send`. Each imports only rooms before it; tests/source_rules.rs
// fails on any cycle.
pub mod cli;
pub mod float;
pub mod json;
pub mod model;
pub mod paste;
pub mod request;
pub mod route;
pub mod sdk;
pub mod search;
pub mod send;
pub mod wire;
pub mod yaml;

use cli::shell::Shell;
use model::Operation;
use request::form::FormState;
use request::report::Report;
use request::{build, value};

/// Installs the writers of Alibaba Cloud's ROA requests (the wire request and the `aliyun`
/// command). The page's own module never calls it, so they stay out of its first transfer: a
/// ROA operation's outputs come from the worker, which calls it (`web::worker::serve`), into
/// the later module's panels (`ui::roa`). Native builds have them without it.
pub fn install_roa() {
    wire::install_roa();
    cli::aliyun::install_roa();
}

/// Every output view of one form, as the page shows and copies them.
#[derive(Clone, Debug, PartialEq)]
pub struct Outputs {
    /// `out-json`: the parameters as pretty JSON (for AWS, the `--cli-input-json` document).
    pub json: String,
    /// `out-body`: the exact HTTP body.
    pub body: String,
    /// `out-query`: the query string (awsQuery: the form body; RPC: the URL query).
    pub query: String,
    /// `out-http`: the whole unsigned request.
    pub http: String,
    /// `out-cli`: the CLI command for the chosen shell.
    pub cli: String,
    /// `out-curl`: curl for the chosen shell.
    pub curl: String,
    /// Notes about the chosen shell (values it cannot carry).
    pub shell_warnings: Vec<String>,
    /// The endpoint URL.
    pub endpoint: String,
    /// The region the request is for (the form's, else the operation's default).
    pub region: String,
    /// The unsigned request itself, for the send flow.
    pub wire: wire::WireRequest,
    /// Every validation issue.
    pub report: Report,
}

/// Builds, validates and renders one form for one shell.
///
/// The larger steps are functions of their own in the wasm: `#[inline(never)]` where they are
/// defined keeps rustc from inlining them, and wasm-opt's `-ocimfs 100` (index.html) keeps
/// wasm-opt from inlining them back, as it would any function with one caller. Inlined here,
/// they made one 12 KB function, which the engine compiles whole: with its baseline compiler on
/// the main thread when first called, and again with its optimizing one (about 35 ms of a core)
/// while the user types.
pub fn outputs(op: &Operation, form: &FormState, shell: Shell) -> Outputs {
    let built = build::build(op, form);
    let region = if form.region.is_empty() { op.default_region() } else { form.region.as_str() };
    let wire = wire::render(op, &built.request, region, form.awscli);
    let (cli, mut shell_warnings) =
        cli::render_cli(op, &built.request, region, shell, form.awscli, &form.env);
    let (curl, curl_warnings) =
        cli::shell::format(&cli::curl::command(op, &wire, region, shell), shell);
    shell_warnings.extend(curl_warnings);
    shell_warnings.extend(cli::curl::session_token_note(op, shell));
    shell_warnings.extend(cli::curl::unsigned_note(op));
    shell_warnings.extend(wire::handlers::warnings(op, &built.request, &wire));
    // The command and curl may warn of the same value (cmd's `%NAME%`): once is enough.
    let mut seen = Vec::new();
    shell_warnings.retain(|w| {
        !seen.contains(w) && {
            seen.push(w.clone());
            true
        }
    });
    let query = wire::protocol(op).query_panel(&wire);
    let mut report = built.report;
    env_not_missing(op, form, &mut report);
    Outputs {
        json: value::to_pretty_json(built.request.cli_json()),
        body: wire.body.clone(),
        query,
        http: wire.http_text(),
        cli,
        curl,
        shell_warnings,
        endpoint: format!("https://{}/", wire.host),
        region: region.to_string(),
        wire,
        report,
    }
}

/// A required secret that the command reads from the environment is no error while it is
/// empty: what is missing then is its value in curl, the HTTP request and Send.
fn env_not_missing(op: &Operation, form: &FormState, report: &mut request::report::Report) {
    use request::report::{IssueKind, Severity};
    for issue in &mut report.issues {
        // The variable's name only for a secret the form reads so: this runs on each keystroke.
        if issue.kind != IssueKind::Missing || !form.reads_env(&issue.path) {
            continue;
        }
        if let Some(var) = op.env_name(&issue.path) {
            issue.severity = Severity::Warning;
            issue.kind = IssueKind::Rule(format!(
                "is read from {var} by the command; curl, the HTTP request and Send need it typed here"
            ));
        }
    }
}
