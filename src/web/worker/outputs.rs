//! The outputs job: for a ROA operation, the worker writes what the page's module leaves out
//! (the `aliyun` command, curl, the HTTP request, body and query: `core::install_roa`), from
//! what the page shows (the route, the `out-json` document, the region, shell and AWS CLI
//! version), and the later module's panels (`ui::roa`) show it. The same reading of the page
//! builds the request the send panel sends for such an operation (`send::message_to_write`).

use super::{ask, object, string, string_array, strings};
use crate::core::cli::shell::Shell;
use crate::core::model::names::split_route;
use crate::core::model::{catalog, AwsCli, Operation};
use crate::core::request::form::FormState;
use crate::core::sdk::form_from_cli_json;
use crate::core::{outputs, Outputs};
use crate::web::load_operation;
use wasm_bindgen::JsValue;

/// The request's `job`.
pub(super) const JOB: &str = "outputs";

/// What the page shows, from which the worker writes the outputs (and the SDK programs, `sdk`).
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The operation's route (`aliyun/cs/DescribeClustersV1`).
    pub route: String,
    /// The `out-json` document.
    pub json: String,
    /// The region control's value.
    pub region: String,
    /// The shell select's value.
    pub shell: String,
    /// The AWS CLI version control's value.
    pub awscli: String,
}

impl Shown {
    pub(super) fn read(request: &JsValue) -> Shown {
        let field = |key| string(request, key).unwrap_or_default();
        Shown {
            route: field("route"),
            json: field("json"),
            region: field("region"),
            shell: field("shell"),
            awscli: field("awscli"),
        }
    }
}

/// The panels' texts, as the page would show them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written {
    pub cli: String,
    pub curl: String,
    pub http: String,
    pub body: String,
    pub query: String,
    pub shell_warnings: Vec<String>,
}

/// Asks the worker for the outputs of what the page shows. `Err` says why there are none.
pub async fn written(shown: &Shown) -> Result<Written, String> {
    let request = object(&[
        ("job", JsValue::from_str(JOB)),
        ("route", JsValue::from_str(&shown.route)),
        ("json", JsValue::from_str(&shown.json)),
        ("region", JsValue::from_str(&shown.region)),
        ("shell", JsValue::from_str(&shown.shell)),
        ("awscli", JsValue::from_str(&shown.awscli)),
    ]);
    let reply = ask(&request).await.map_err(|e| format!("The request writer stopped: {e}"))?;
    if let Some(why) = string(&reply, "error") {
        return Err(why);
    }
    let field = |key| string(&reply, key).unwrap_or_default();
    Ok(Written {
        cli: field("cli"),
        curl: field("curl"),
        http: field("http"),
        body: field("body"),
        query: field("query"),
        shell_warnings: strings(&reply, "warnings"),
    })
}

/// The worker's side: the operation's model loaded, the shown JSON read back into a form (as the
/// SDK programs read it), then the page's own `core::outputs`.
pub(super) async fn outputs_of(shown: &Shown) -> Result<(&'static Operation, Outputs), String> {
    let Some((cloud, service, operation)) = split_route(&shown.route) else {
        return Err(format!("No operation at {}.", shown.route));
    };
    load_operation(cloud, service, operation)
        .await
        .map_err(|why| format!("The model of {} did not load: {why}", shown.route))?;
    let op =
        catalog::find(&shown.route).ok_or_else(|| format!("No operation at {}.", shown.route))?;
    let awscli = AwsCli::from_id(&shown.awscli).unwrap_or_default();
    let form: FormState = form_from_cli_json(op, &shown.json, &shown.region, awscli)
        .map_err(|why| format!("The parameters could not be read: {why}"))?;
    let shell = Shell::from_id(&shown.shell).unwrap_or_default();
    Ok((op, outputs(op, &form, shell)))
}

pub(super) async fn answer(request: &JsValue) -> JsValue {
    match outputs_of(&Shown::read(request)).await {
        Ok((_, out)) => object(&[
            ("cli", JsValue::from_str(&out.cli)),
            ("curl", JsValue::from_str(&out.curl)),
            ("http", JsValue::from_str(&out.http)),
            ("body", JsValue::from_str(&out.body)),
            ("query", JsValue::from_str(&out.query)),
            ("warnings", string_array(&out.shell_warnings)),
        ]),
        Err(why) => object(&[("error", JsValue::from_str(&why))]),
    }
}
