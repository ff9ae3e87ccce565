//! Browser adapters: the only place that touches location, history, storage and the clipboard.
//!
//! Every function degrades quietly (returns a default or does nothing) when the browser API is
//! missing or refuses, because in wasm a panic would kill the page.

use wasm_bindgen::JsValue;

pub mod copy;
pub mod embed;
pub mod form_aids;
mod js;
pub mod later;
pub mod style;
pub mod worker;

/// The location hash, with its leading `#`, or "" when there is none.
pub fn hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Runs `then` once the page has painted: after two animation frames (the frame that shows
/// what is in the document now has been produced), in a task of its own, so that its work
/// never lengthens a frame. (Nothing runs when the browser has no window.)
pub fn after_paint(then: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(window) = web_sys::window() else { return };
    let task = Closure::once_into_js(then);
    let second = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(task.unchecked_ref());
        }
    });
    let first = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(second.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(first.unchecked_ref());
}

/// A form control's `value` (an input's, a select's, a textarea's); `None` for an element that
/// has none.
pub fn control_value(control: &JsValue) -> Option<String> {
    js_sys::Reflect::get(control, &JsValue::from_str("value")).ok()?.as_string()
}

/// Replaces the location hash without adding a history entry or firing `hashchange`.
pub fn replace_hash(hash: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(hash));
    }
}

/// The storage key of the AWS CLI version last chosen: forms that start empty take it, and
/// the paste box reads pastes as it (a preference, not a value of any form).
pub const AWSCLI_KEY: &str = "request-builder:awscli";

/// Reads a value from localStorage.
pub fn load(key: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.get_item(key).ok()?
}

/// Writes a value to localStorage; a full or disabled storage is ignored.
pub fn save(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// The embed mode the page runs in, from `embed=` in the query string or in the hash's
/// parameters (`#/aws/dms/StartReplicationTask?embed=1`): `1` hides the page chrome, `compact`
/// the paste box and the send panel too.
pub fn embed_mode() -> Option<&'static str> {
    let search = web_sys::window()?.location().search().unwrap_or_default();
    let hash = hash();
    let params = format!("{search}&{}", hash.split_once('?').map(|(_, q)| q).unwrap_or(""));
    params.split(['?', '&']).find_map(|pair| match pair {
        "embed=1" => Some("1"),
        "embed=compact" => Some("compact"),
        _ => None,
    })
}

/// Moves the focus to the heading of the operation page that a route just opened from the
/// picker shows, once it is there (its model may still be on its way), so a keyboard or screen
/// reader user starts on the new page, not on `<body>`. Gives up after 10 s, and leaves the
/// focus alone once it is somewhere else than the body.
pub fn focus_operation_heading() {
    use wasm_bindgen::{closure::Closure, JsCast};
    fn attempt(left: u32) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let elsewhere = document.active_element().is_some_and(|e| e.tag_name() != "BODY");
        let heading = document
            .query_selector("main.operation h1")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
        match heading {
            Some(heading) if !elsewhere => {
                let _ = heading.set_attribute("tabindex", "-1");
                let _ = heading.focus();
            }
            _ if left > 0 && heading.is_none() => {
                let next = Closure::once_into_js(move || attempt(left - 1));
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                        next.unchecked_ref(),
                        50,
                    );
                }
            }
            _ => {}
        }
    }
    attempt(200);
}

/// The message posted to the parent window in embed mode, so a docs portal can size the iframe:
/// `{ type: "request-builder:height", height: <CSS pixels> }`.
pub const HEIGHT_MESSAGE: &str = "request-builder:height";

/// Posts the document's height to the parent window now and whenever it changes.
pub fn post_height_to_parent() {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(window) = web_sys::window() else { return };
    let Some(root) = window.document().and_then(|d| d.document_element()) else { return };
    let post = move || {
        let Some(window) = web_sys::window() else { return };
        let Ok(Some(parent)) = window.parent() else { return };
        let height = window
            .document()
            .and_then(|d| d.document_element())
            .map(|e| e.scroll_height())
            .unwrap_or_default();
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        // The height is not a secret, and the portal's origin is not known here.
        let _ = parent.post_message(&message, "*");
    };
    post();
    let callback = Closure::<dyn FnMut()>::new(post);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    // The observer lives as long as the page.
    callback.forget();
}

/// A secret's Show button (right after its input): shows the input's text or masks it again,
/// and says which in `aria-pressed`. The DOM holds the state, so no field carries a signal.
pub fn toggle_reveal(event: web_sys::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(button) = event.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(input) = button.previous_element_sibling() else { return };
    let shown = input.get_attribute("type").as_deref() == Some("text");
    let _ = input.set_attribute("type", if shown { "password" } else { "text" });
    let _ = button.set_attribute("aria-pressed", if shown { "false" } else { "true" });
}

/// The command that starts the reference signing proxy for the origin this page is served
/// from (the proxy signs only for origins it is told; it has no default).
pub fn proxy_command() -> String {
    // `self.origin` through the page's one property reader: no binding of its own.
    let origin = js::string(&js_sys::global(), "origin").unwrap_or_default();
    ["cargo run --release -p signing-proxy -- --allow-origin ", &origin].concat()
}

/// Sets an attribute on `<html>` (theme, embed mode); an empty value removes it.
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = if value.is_empty() {
            root.remove_attribute(name)
        } else {
            root.set_attribute(name, value)
        };
    }
}

/// Removes a value from localStorage.
pub fn forget(key: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.remove_item(key);
    }
}

/// Navigates to a hash (adds a history entry and fires `hashchange`). The hash on screen
/// already fires `hashchange` alone, so the page builds its route again: a paste that differs
/// from the form only in its secrets, which links leave out, must still fill the form.
pub fn set_hash(hash: &str) {
    let Some(window) = web_sys::window() else { return };
    if window.location().hash().ok().as_deref() == Some(hash) {
        if let Ok(event) = web_sys::Event::new("hashchange") {
            let _ = window.dispatch_event(&event);
        }
    } else {
        let _ = window.location().set_hash(hash);
    }
}

/// The text of the first file dropped in a drag event, if any.
pub async fn dropped_text(event: web_sys::DragEvent) -> Option<String> {
    let file = event.data_transfer()?.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?;
    text.as_string()
}

/// Fetches a file of the static bundle (a service model, the operations index) as text.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    fetch_bundle_file(url).await.map_err(|(_, why)| why)
}

/// [`fetch_text`], telling a file the bundle does not have (`true`: a 404) from one that could
/// not be fetched or read.
async fn fetch_bundle_file(url: &str) -> Result<String, (bool, String)> {
    if let Some(promise) = prefetched(url) {
        if let Some(text) =
            wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_string())
        {
            return Ok(text);
        }
    }
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| (false, format!("could not fetch {url}: {e}")))?;
    if !response.ok() {
        return Err((response.status() == 404, format!("{url} answered {}", response.status())));
    }
    response.text().await.map_err(|e| (false, format!("could not read {url}: {e}")))
}

/// Installs what the pure core takes from the browser: its regular expressions and its
/// decimal reader. The page's `main` calls this before mounting.
pub fn install_platform() {
    crate::core::model::pattern::install(&BROWSER_REGEX);
    crate::core::float::install(browser_float);
}

/// `Number(text)`: correctly rounded, like Rust's and Python's readers; `NaN` for no number.
fn browser_float(text: &str) -> Option<f64> {
    use wasm_bindgen::JsCast;
    let number = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Number")).ok()?;
    let value = number
        .unchecked_ref::<js_sys::Function>()
        .call1(&JsValue::UNDEFINED, &JsValue::from_str(text))
        .ok()?
        .as_f64()?;
    (!value.is_nan()).then_some(value)
}

/// The browser's own regular expressions, for the models' patterns (no regex engine in the
/// wasm). Patterns are compiled once, with the `u` flag when they need Unicode classes.
pub struct BrowserRegex;

/// The one instance, installed at start-up.
pub static BROWSER_REGEX: BrowserRegex = BrowserRegex;

thread_local! {
    // Sorted by pattern. A model has a few dozen patterns; a vector keeps a hash table's code
    // (and std's SipHash) out of the wasm.
    static COMPILED: std::cell::RefCell<Vec<(String, Option<js_sys::RegExp>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Compiles a pattern, trying the `u` flag first; `None` when the browser cannot compile it.
fn compile(pattern: &str) -> Option<js_sys::RegExp> {
    let try_flags = |flags: &str| {
        let created = js_sys::Reflect::construct(
            &js_sys::RegExp::new("", "").constructor(),
            &js_sys::Array::of2(&JsValue::from_str(pattern), &JsValue::from_str(flags)),
        );
        created.ok().map(wasm_bindgen::JsCast::unchecked_into::<js_sys::RegExp>)
    };
    try_flags("u").or_else(|| try_flags(""))
}

impl crate::core::model::pattern::Matcher for BrowserRegex {
    fn is_match(&self, pattern: &str, value: &str) -> Option<bool> {
        COMPILED.with(|cache| {
            let mut cache = cache.borrow_mut();
            let at = match cache.binary_search_by(|(p, _)| p.as_str().cmp(pattern)) {
                Ok(at) => at,
                Err(at) => {
                    cache.insert(at, (pattern.to_string(), compile(pattern)));
                    at
                }
            };
            cache[at].1.as_ref().map(|re| re.test(value))
        })
    }
}

/// Makes the operation at (cloud, service, operation) findable in this module's catalog
/// (`fetch_model`).
pub async fn load_operation(
    cloud: crate::core::model::Cloud,
    service: &str,
    operation: &str,
) -> Result<(), String> {
    use crate::core::model::catalog;
    if catalog::find(&crate::core::model::names::route(cloud, service, operation)).is_some() {
        return Ok(());
    }
    let have_service = catalog::service(cloud, service).is_some();
    fetch_model(cloud, service, operation, have_service, catalog::register_model)
        .await
        .map_err(|e| e.to_string())
}

/// Fetches the model of the operation at (cloud, service, operation) and hands it to
/// `register`, which reads and keeps it or says why it cannot: that operation's own file (a few
/// KB), or, when there is none (no such operation, or models compiled without them) and the
/// service is not there yet (`have_service`), the whole service's (`whole`), so that the route
/// then says what exists.
pub async fn fetch_model(
    cloud: crate::core::model::Cloud,
    service: &str,
    operation: &str,
    have_service: bool,
    register: impl Fn(&str, bool) -> Result<(), String>,
) -> Result<(), ModelError> {
    use crate::core::{model::catalog, model::opfile};
    if let Ok(text) =
        fetch_text(&format!("models/{}", opfile::path(cloud, service, operation))).await
    {
        if register(&text, false).is_ok() {
            return Ok(());
        }
    }
    if have_service {
        return Ok(());
    }
    let url = format!("models/{}", catalog::file_name(cloud, service));
    let text = fetch_bundle_file(&url).await.map_err(|(missing, why)| {
        if missing {
            ModelError::Missing(why)
        } else {
            ModelError::Unreachable { url: url.clone(), why }
        }
    })?;
    register(&text, true).map_err(ModelError::Missing)
}

/// Why a service's model could not be had.
#[derive(Debug)]
pub enum ModelError {
    /// The bundle has no such service (or its file is not a model): no Retry can help.
    Missing(String),
    /// The file could not be fetched or read (offline, a server error): a Retry may help.
    Unreachable {
        /// The model file's URL.
        url: String,
        /// What failed.
        why: String,
    },
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::Missing(why) | ModelError::Unreachable { why, .. } => f.write_str(why),
        }
    }
}

/// Fetches a service's compiled model from the bundle (`models/<cloud>/<service>.json`) and
/// registers it with the catalog; a service already loaded is not fetched again.
pub async fn load_service(cloud: crate::core::model::Cloud, service: &str) -> Result<(), String> {
    if crate::core::model::catalog::service(cloud, service).is_some() {
        return Ok(());
    }
    let url = format!("models/{}", crate::core::model::catalog::file_name(cloud, service));
    let text = fetch_text(&url).await?;
    crate::core::model::catalog::register(&text).map(|_| ())
}

/// Runs `mount` once the model that `index.html` prefetched for an operation route (if any)
/// has arrived and is registered, so the page's first render is that operation's form: no
/// loading step, no frame of it, no second render. Until then the static placeholder of
/// `index.html` shows; it is removed just before mounting. Any failure leaves the normal path
/// (the page fetches the model itself and says what went wrong).
///
/// `index.html` starts the module from `<head>`, while the parser may still be at work, so the
/// module can be ready before the body is parsed: then it waits for the document, or the app
/// would mount with no body, and the placeholder, parsed later, would stay below it.
pub fn mount_after_prefetch(mount: impl FnOnce() + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        register_prefetched_operation(&hash()).await;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        // The placeholder is the body's last element: once it is parsed, so is the body.
        if document.get_element_by_id("boot").is_none() && document.ready_state() == "loading" {
            document_parsed(&document).await;
        }
        if let Some(placeholder) = document.get_element_by_id("boot") {
            placeholder.remove();
        }
        mount();
    });
}

/// Resolves at `DOMContentLoaded`.
async fn document_parsed(document: &web_sys::Document) {
    let parsed = js_sys::Promise::new(&mut |resolve, _| {
        let _ = document.add_event_listener_with_callback("DOMContentLoaded", &resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(parsed).await;
}

async fn register_prefetched_operation(hash: &str) {
    use crate::core::{model::catalog, model::opfile, route};
    let route::Route::NeedsService { cloud, service, operation } = route::parse(hash) else {
        return;
    };
    let url = format!("models/{}", opfile::path(cloud, &service, &operation));
    let Some(promise) = prefetched(&url) else { return };
    if let Some(text) =
        wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_string())
    {
        let _ = catalog::register_operation(&text);
    }
}

/// Takes `window[table][key]` out of its table.
fn take_global_entry(table: &str, key: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    let table =
        js_sys::Reflect::get(&window, &JsValue::from_str(table)).ok().filter(|t| t.is_object())?;
    take_property(&table, key)
}

/// Takes `window[name]` (what `index.html` left for the page) out of the window.
pub(crate) fn take_global(name: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    take_property(&window, name)
}

/// Takes `object[key]` out of `object`, when it is set.
fn take_property(object: &JsValue, key: &str) -> Option<JsValue> {
    use wasm_bindgen::JsCast;
    let key = JsValue::from_str(key);
    let value = js_sys::Reflect::get(object, &key).ok().filter(|v| !v.is_undefined())?;
    let _ = js_sys::Reflect::delete_property(object.unchecked_ref::<js_sys::Object>(), &key);
    Some(value)
}

/// The fetch that `index.html` starts for the route's operation model while the
/// wasm is still loading (`window.__prefetch[url]`: a promise of the text, or of null on
/// failure, when the page then fetches again). Taken once.
fn prefetched(url: &str) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    take_global_entry("__prefetch", url)?.dyn_into::<js_sys::Promise>().ok()
}
