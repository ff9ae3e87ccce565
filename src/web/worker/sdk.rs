//! The SDK program job: the worker writes the programs the `out-python` and `out-js` panels show
//! (`core::sdk::from_cli_json`), so the SDK renderers stay out of the page's module. The panel
//! (`ui::sdk`, in the later module) sends what the page shows: the route, the `out-json`
//! document, the region and the AWS CLI version.

use super::outputs::Shown;
use super::{ask, object, string};
use crate::core::model::catalog;
use crate::core::model::names::split_route;
use crate::core::model::AwsCli;
use crate::core::sdk::{from_cli_json, Sdk};
use crate::web::load_operation;
use wasm_bindgen::JsValue;

/// The request's `job`.
pub(super) const JOB: &str = "sdk";

/// Asks the worker for `sdk`'s program for what the page shows. `Err` says why the worker
/// could not answer.
pub async fn program(sdk: Sdk, shown: &Shown) -> Result<String, String> {
    let request = object(&[
        ("job", JsValue::from_str(JOB)),
        ("sdk", JsValue::from_str(sdk.id())),
        ("route", JsValue::from_str(&shown.route)),
        ("json", JsValue::from_str(&shown.json)),
        ("region", JsValue::from_str(&shown.region)),
        ("awscli", JsValue::from_str(&shown.awscli)),
    ]);
    let reply = ask(&request).await.map_err(|e| format!("The program writer stopped: {e}"))?;
    reply.as_string().ok_or_else(|| "The program writer gave no program.".to_string())
}

/// The worker's side of the job: loads the operation's model, then writes the program.
pub(super) async fn answer(request: &JsValue) -> JsValue {
    let field = |key| string(request, key).unwrap_or_default();
    let route = field("route");
    let Some((cloud, service, operation)) = split_route(&route) else {
        return JsValue::from_str(&format!("# No operation at {route}.\n"));
    };
    if let Err(why) = load_operation(cloud, service, operation).await {
        return JsValue::from_str(&format!("# The model of {route} did not load: {why}\n"));
    }
    let (Some(op), Some(sdk)) = (catalog::find(&route), Sdk::from_id(&field("sdk"))) else {
        return JsValue::from_str(&format!("# No program for {route}.\n"));
    };
    let awscli = AwsCli::from_id(&field("awscli")).unwrap_or_default();
    JsValue::from_str(&from_cli_json(sdk, op, &field("json"), &field("region"), awscli))
}
