//! The paste job: the worker reads a paste and answers with what the paste box shows
//! (`core::paste::fill`). It first loads what the page has loaded, so that it reads the paste
//! against the same operations, and the services the paste names.

use super::{ask, get, number, object, string, strings};
use crate::core::model::catalog;
use crate::core::model::{AwsCli, Cloud};
use crate::core::paste::{
    self,
    fill::{Failed, Filled},
};
use crate::web::{load_operation, load_service};
use wasm_bindgen::JsValue;

/// The request's `job`.
pub(super) const JOB: &str = "paste";

/// Reads a paste in the worker, as the chosen AWS CLI version reads it. `current` is the route
/// of the operation on screen; `loaded`, the
/// services and operations the page has loaded (`web::later::loaded_sources`: an object of two
/// string arrays, `services` and `operations`). `Err` is a sentence for when the worker itself
/// failed.
pub async fn fill(
    text: String,
    current: Option<String>,
    awscli: AwsCli,
    loaded: &JsValue,
) -> Result<Result<Filled, Failed>, String> {
    let sources = |key| get(loaded, key).unwrap_or(JsValue::UNDEFINED);
    let request = object(&[
        ("job", JsValue::from_str(JOB)),
        ("text", JsValue::from_str(&text)),
        ("current", current.map_or(JsValue::UNDEFINED, |c| JsValue::from_str(&c))),
        ("awscli", JsValue::from_str(awscli.id())),
        ("services", sources("services")),
        ("operations", sources("operations")),
    ]);
    let reply = ask(&request).await.map_err(|e| format!("The paste reader stopped: {e}"))?;
    decode(&reply)
}

/// The worker's side of the job.
pub(super) async fn answer(request: &JsValue) -> JsValue {
    let text = string(request, "text").unwrap_or_default();
    // Loading failures are not reported here: the parse then says what it cannot find.
    for source in strings(request, "services") {
        if let Some((cloud, id)) =
            source.split_once('/').and_then(|(c, id)| Some((Cloud::from_slug(c)?, id)))
        {
            let _ = load_service(cloud, id).await;
        }
    }
    for route in strings(request, "operations") {
        if let Some((cloud, service, operation)) = crate::core::model::names::split_route(&route) {
            let _ = load_operation(cloud, service, operation).await;
        }
    }
    for (cloud, service) in paste::services_named(&text) {
        let _ = load_service(cloud, &service).await;
    }
    let current = string(request, "current").and_then(|route| catalog::find(&route));
    let awscli = string(request, "awscli").and_then(|id| AwsCli::from_id(&id)).unwrap_or_default();
    encode(&paste::fill::fill(&text, current, awscli))
}

fn encode(outcome: &Result<Filled, Failed>) -> JsValue {
    let filled = |f: &Filled| {
        [
            ("hash", JsValue::from_str(&f.hash)),
            ("note", JsValue::from_str(&f.note)),
            ("secrets", JsValue::from_str(&f.secrets)),
        ]
    };
    match outcome {
        Ok(done) => object(&filled(done)),
        Err(failed) => {
            let mut fields = vec![
                ("message", JsValue::from_str(&failed.message)),
                ("line", JsValue::from_str(&failed.line)),
                ("caret", JsValue::from_str(&failed.caret)),
                ("hint", failed.hint.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str)),
            ];
            if let Some((partial, dropped)) = &failed.partial {
                fields.push(("partial", object(&filled(partial))));
                fields.push(("dropped", JsValue::from_f64(*dropped as f64)));
            }
            object(&fields)
        }
    }
}

fn decode(reply: &JsValue) -> Result<Result<Filled, Failed>, String> {
    let filled = |value: &JsValue| {
        Some(Filled {
            hash: string(value, "hash")?,
            note: string(value, "note")?,
            secrets: string(value, "secrets").unwrap_or_default(),
        })
    };
    if let Some(message) = string(reply, "message") {
        let partial = get(reply, "partial").as_ref().and_then(filled);
        let dropped = number(reply, "dropped").unwrap_or(0.0) as usize;
        return Ok(Err(Failed {
            message,
            line: string(reply, "line").unwrap_or_default(),
            caret: string(reply, "caret").unwrap_or_default(),
            hint: string(reply, "hint"),
            partial: partial.map(|p| (p, dropped)),
        }));
    }
    filled(reply)
        .map(Ok)
        .ok_or_else(|| "The paste reader gave an answer this page cannot read.".to_string())
}
