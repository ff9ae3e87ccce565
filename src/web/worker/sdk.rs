//! The SDK program job: the worker writes the programs the `out-python` and `out-js` panels show
//! (`core::sdk::from_cli_json`), and AWS CLI v2's `--cli-input-yaml` document that `out-yaml`
//! shows (`core::sdk::input_yaml_from_cli_json`), so their writers stay out of the page's
//! module. The panel (`ui::sdk`, in the later module) sends what the page shows: the route, the
//! `out-json` document, the region and the AWS CLI version.

use super::outputs::Shown;
use super::{ask, object, string};
use crate::core::model::catalog;
use crate::core::model::names::split_route;
use crate::core::model::AwsCli;
use crate::core::sdk::{from_cli_json, input_yaml_from_cli_json, Sdk};
use crate::web::load_operation;
use wasm_bindgen::JsValue;

/// The request's `job`.
pub(super) const JOB: &str = "sdk";

/// What a panel of the SDK slot shows, in the page's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writing {
    /// AWS CLI v2's `--cli-input-yaml` document (AWS operations only).
    InputYaml,
    /// A program for an SDK.
    Program(Sdk),
}

impl Writing {
    pub const ALL: [Writing; 3] =
        [Writing::InputYaml, Writing::Program(Sdk::Python), Writing::Program(Sdk::JavaScript)];

    /// The id the job carries, and the UI contract's test id suffix (`out-yaml`, `out-python`).
    pub fn id(self) -> &'static str {
        match self {
            Writing::InputYaml => "yaml",
            Writing::Program(sdk) => sdk.id(),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Writing::InputYaml => "Parameters (YAML)",
            Writing::Program(sdk) => sdk.title(),
        }
    }

    /// A one-line comment in the panel's language.
    pub fn comment(self, text: &str) -> String {
        match self {
            Writing::InputYaml => Sdk::Python.comment(text),
            Writing::Program(sdk) => sdk.comment(text),
        }
    }

    fn from_id(id: &str) -> Option<Writing> {
        Writing::ALL.into_iter().find(|w| w.id() == id)
    }
}

/// Asks the worker for what `writing` shows for what the page shows. `Err` says why the worker
/// could not answer.
pub async fn program(writing: Writing, shown: &Shown) -> Result<String, String> {
    let request = object(&[
        ("job", JsValue::from_str(JOB)),
        ("sdk", JsValue::from_str(writing.id())),
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
    let (Some(op), Some(writing)) = (catalog::find(&route), Writing::from_id(&field("sdk"))) else {
        return JsValue::from_str(&format!("# No program for {route}.\n"));
    };
    let awscli = AwsCli::from_id(&field("awscli")).unwrap_or_default();
    let (json, region) = (field("json"), field("region"));
    JsValue::from_str(&match writing {
        Writing::InputYaml => input_yaml_from_cli_json(op, &json, &region, awscli),
        Writing::Program(sdk) => from_cli_json(sdk, op, &json, &region, awscli),
    })
}
