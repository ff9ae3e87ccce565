//! The page's worker: a second wasm module, run as a Web Worker, that reads pastes (`paste`),
//! sends requests to the signing proxy (`send`), searches the operations index for the picker
//! (`search`), writes the SDK programs (`sdk`) and a ROA operation's request (`outputs`). Their code (the paste parsers, the fetch to the proxy, the wording of its answer,
//! the index reader) stays out of the page's own module and its first transfer: the worker loads
//! when the paste box gets focus, Send is pressed or the picker opens. And a long paste, a large
//! service model or the 2 MB index never blocks the page's thread.
//!
//! Both ends live here: the asking end's (`warm_up`, and each job's call; the later module's
//! views ask, `web::later`) and the worker's (`serve`).
//! A request is a plain object naming its `job`, and carries its own `MessageChannel`, so
//! replies never need matching (only `search-prepare`, posted by `index.html`, has no reply). A
//! worker that fails is dropped; the next request starts a new one.

pub mod outputs;
pub mod paste;
pub mod sdk;
pub mod search;
pub mod send;

use super::js::{get, number, object, string, string_array, strings};
use std::cell::RefCell;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The worker's script (`src/web/worker-loader.js`), which loads the glue and module that
/// Trunk writes next to index.html (`data-type="worker"`).
const SCRIPT: &str = "worker-loader.js";

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
}

/// The running worker: the one `index.html` started (on the picker's route), else one started
/// on first use.
fn worker() -> Result<web_sys::Worker, String> {
    WORKER.with(|slot| {
        if let Some(worker) = slot.borrow().as_ref() {
            return Ok(worker.clone());
        }
        let worker = match started_early() {
            Some(worker) => worker,
            None => web_sys::Worker::new(SCRIPT).map_err(|e| describe(&e))?,
        };
        // An uncaught error (its module did not load, or it trapped) leaves the worker unusable,
        // maybe before any request is waiting: drop it, so the next request starts a new one.
        let failed = worker.clone();
        let drop_failed = Closure::once_into_js(move || {
            WORKER.with(|slot| {
                if slot.borrow().as_ref().is_some_and(|w| {
                    AsRef::<JsValue>::as_ref(w) == AsRef::<JsValue>::as_ref(&failed)
                }) {
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

/// The worker that `index.html` started for the picker (`window.__worker`), taken once; `None`
/// when there is none or it could not load.
fn started_early() -> Option<web_sys::Worker> {
    let early = crate::web::take_global("__worker")?.dyn_into::<web_sys::Worker>().ok()?;
    if get(&early, "failed").is_some() {
        early.terminate();
        return None;
    }
    Some(early)
}

/// Starts (or adopts) the worker ahead of a request (the paste box got focus, Send was pressed,
/// the picker opened), so that its module is loaded by the time the request comes.
pub fn warm_up() {
    let _ = worker();
}

/// Sends one request to the worker and waits for its reply. `Err` says why the worker could
/// not answer (it did not start, or failed while working).
async fn ask(request: &JsValue) -> Result<JsValue, String> {
    let worker = worker()?;
    let channel = web_sys::MessageChannel::new().map_err(|e| describe(&e))?;
    let mut failed = None;
    let reply = js_sys::Promise::new(&mut |resolve, reject| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = worker.add_event_listener_with_callback("error", &reject);
        failed = Some(reject);
    });
    let sent = worker.post_message_with_transfer(request, &js_sys::Array::of1(&channel.port2()));
    let answer = match sent {
        Ok(()) => wasm_bindgen_futures::JsFuture::from(reply).await,
        Err(e) => Err(e),
    };
    if let Some(reject) = failed {
        let _ = worker.remove_event_listener_with_callback("error", &reject);
    }
    channel.port1().close();
    answer
        .map(|event| event.unchecked_into::<web_sys::MessageEvent>().data())
        .map_err(|e| describe(&e))
}

/// The worker's side: answers each request on the port it came with.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let request = event.data();
            if string(&request, "job").as_deref() == Some(search::PREPARE) {
                // No reply: a failure reaches the queries waiting on this reading, and the next query
                // reads the index again.
                wasm_bindgen_futures::spawn_local(async {
                    let _ = search::read_index().await;
                });
                return;
            }
            let Ok(port) = event.ports().get(0).dyn_into::<web_sys::MessagePort>() else { return };
            wasm_bindgen_futures::spawn_local(async move {
                let reply = match string(&request, "job").as_deref() {
                    Some(outputs::JOB) => outputs::answer(&request).await,
                    Some(paste::JOB) => paste::answer(&request).await,
                    Some(sdk::JOB) => sdk::answer(&request).await,
                    Some(search::JOB) => search::answer(&request).await,
                    Some(send::JOB) => send::answer(&request).await,
                    _ => JsValue::UNDEFINED,
                };
                let _ = port.post_message(&reply);
            });
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}

/// A thrown value or an error event as one line of text.
fn describe(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| string(error, "message"))
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "the browser gave no reason".to_string())
}
