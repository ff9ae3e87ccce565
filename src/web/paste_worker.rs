//! The paste worker: the page hands a paste to a Web Worker that owns the paste parsers and the
//! models they read, and gets back what to show (`core::paste::fill`). The parsers thus stay out
//! of the page's own module and its first transfer (the worker loads when the paste box is first
//! used), and a long paste or a large service model never blocks the page's thread.
//!
//! Both ends live here: the page's (`warm_up`, `fill`) and the worker's (`serve`), with the plain
//! objects that travel between them. Each request carries its own `MessageChannel`, so replies
//! never need matching; a worker that fails is dropped and the next paste starts a new one.

use crate::core::catalog;
use crate::core::paste::{self, fill::{Failed, Filled}};
use std::cell::RefCell;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The worker's script (`src/web/paste-worker-loader.js`), which loads the glue and module that
/// Trunk writes next to index.html (`data-type="worker"`).
const SCRIPT: &str = "paste-worker-loader.js";

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
}

/// The running worker, started on first use.
fn worker() -> Result<web_sys::Worker, String> {
    WORKER.with(|slot| {
        if let Some(worker) = slot.borrow().as_ref() {
            return Ok(worker.clone());
        }
        let worker = web_sys::Worker::new(SCRIPT).map_err(|e| format!("The paste reader could not start: {}", describe(&e)))?;
        // An uncaught error (its module did not load, or it trapped) leaves the worker unusable,
        // maybe before any request is waiting: drop it, so the next paste starts a new one.
        let failed = worker.clone();
        let drop_failed = Closure::once_into_js(move || {
            WORKER.with(|slot| {
                if slot.borrow().as_ref().is_some_and(|w| AsRef::<JsValue>::as_ref(w) == AsRef::<JsValue>::as_ref(&failed)) {
                    slot.borrow_mut().take();
                }
            });
            failed.terminate();
        });
        let _ = worker.add_event_listener_with_callback("error", drop_failed.unchecked_ref());
        *slot.borrow_mut() = Some(worker.clone());
        Ok(worker)
    })
}

/// Starts the worker ahead of a paste (the paste box got focus), so that its module is loaded
/// by the time "Fill form" is pressed.
pub fn warm_up() {
    let _ = worker();
}

/// Reads a paste in the worker. `current` is the route of the operation on screen. The worker
/// first loads what this page has loaded (so it reads the paste against the same operations)
/// and the services the paste names. `Err` is a sentence for when the worker itself failed.
pub async fn fill(text: String, current: Option<String>) -> Result<Result<Filled, Failed>, String> {
    let worker = worker()?;
    let (services, operations) = catalog::loaded_sources();
    let request = object(&[
        ("text", JsValue::from_str(&text)),
        ("current", current.map_or(JsValue::UNDEFINED, |c| JsValue::from_str(&c))),
        ("services", string_array(&services)),
        ("operations", string_array(&operations)),
    ]);
    let channel = web_sys::MessageChannel::new().map_err(|e| format!("The paste reader could not be reached: {}", describe(&e)))?;
    let mut failed = None;
    let reply = js_sys::Promise::new(&mut |resolve, reject| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = worker.add_event_listener_with_callback("error", &reject);
        failed = Some(reject);
    });
    let sent = worker.post_message_with_transfer(&request, &js_sys::Array::of1(&channel.port2()));
    let answer = match sent {
        Ok(()) => wasm_bindgen_futures::JsFuture::from(reply).await,
        Err(e) => Err(e),
    };
    if let Some(reject) = failed {
        let _ = worker.remove_event_listener_with_callback("error", &reject);
    }
    channel.port1().close();
    match answer {
        Ok(event) => decode(&event.unchecked_into::<web_sys::MessageEvent>().data()),
        Err(e) => Err(format!("The paste reader stopped: {}", describe(&e))),
    }
}

/// The worker's side: answers each request on the port it came with.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
        let Ok(port) = event.ports().get(0).dyn_into::<web_sys::MessagePort>() else { return };
        let request = event.data();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = port.post_message(&answer(&request).await);
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}

async fn answer(request: &JsValue) -> JsValue {
    let text = string(request, "text").unwrap_or_default();
    // Loading failures are not reported here: the parse then says what it cannot find.
    for source in strings(request, "services") {
        if let Some((cloud, id)) = source.split_once('/').and_then(|(c, id)| Some((crate::core::model::Cloud::from_slug(c)?, id))) {
            let _ = super::load_service(cloud, id).await;
        }
    }
    for route in strings(request, "operations") {
        if let Some((cloud, service, operation)) = catalog::split_route(&route) {
            let _ = super::load_operation(cloud, service, operation).await;
        }
    }
    for (cloud, service) in paste::services_named(&text) {
        let _ = super::load_service(cloud, &service).await;
    }
    let current = string(request, "current").and_then(|route| catalog::find(&route));
    encode(&paste::fill::fill(&text, current))
}

fn encode(outcome: &Result<Filled, Failed>) -> JsValue {
    let filled = |f: &Filled| [("hash", JsValue::from_str(&f.hash)), ("note", JsValue::from_str(&f.note))];
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
    let filled = |value: &JsValue| Some(Filled { hash: string(value, "hash")?, note: string(value, "note")? });
    if let Some(message) = string(reply, "message") {
        let partial = get(reply, "partial").as_ref().and_then(filled);
        let dropped = get(reply, "dropped").and_then(|d| d.as_f64()).unwrap_or(0.0) as usize;
        return Ok(Err(Failed {
            message,
            line: string(reply, "line").unwrap_or_default(),
            caret: string(reply, "caret").unwrap_or_default(),
            hint: string(reply, "hint"),
            partial: partial.map(|p| (p, dropped)),
        }));
    }
    filled(reply).map(Ok).ok_or_else(|| "The paste reader gave an answer this page cannot read.".to_string())
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn string_array(items: &[String]) -> JsValue {
    items.iter().map(|s| JsValue::from_str(s)).collect::<js_sys::Array>().into()
}

fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn string(object: &JsValue, key: &str) -> Option<String> {
    get(object, key)?.as_string()
}

fn strings(object: &JsValue, key: &str) -> Vec<String> {
    get(object, key).map(|v| js_sys::Array::from(&v).iter().filter_map(|s| s.as_string()).collect()).unwrap_or_default()
}

/// A thrown value or an error event as one line of text.
fn describe(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| string(error, "message"))
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "the browser gave no reason".to_string())
}
