//! The page's later module: a third wasm module (`src/later.rs`) that holds the views the first
//! screen of an operation does not need (the paste box, the send panel, the SDK program panel)
//! and the picker, which
//! is another route's screen. Trunk cannot split one module (Leptos' `#[lazy]` needs
//! cargo-leptos' wasm-split step), so they are a module of their own, with their own Leptos,
//! mounted into slots that the page leaves for them.
//!
//! Both ends live here. The page renders each slot (an element with `data-later="<part>"`, and
//! `data-key` when what it holds depends on the route) with a static copy of the view it will
//! hold, so the first paint looks as it will and nothing moves, and calls `announce` while
//! rendering one; the module's script is added after the first paint (at once, by
//! `index.html`, on the picker's route). The later module (`serve`) takes over each slot it
//! finds, once the render is over, keeping what was typed into the copy and where the caret
//! was. Leptos may rebuild a slot's element in place for the next route: a slot whose
//! `data-later` or `data-key` changed gets a new view (taking over what the old one showed),
//! and the view of a slot that left the page is disposed at the next look.
//!
//! They meet on one object, `window.__later`, and nothing else: the page's end writes
//! - `build`, the page's build id (`BUILD`), which the module checks before it mounts anything:
//!   `later-loader.js` has a fixed name, so a page cached from one deploy can meet the module of
//!   the next, whose views and messages may no longer fit it; the module then fails as below;
//! - `onfail()`, which says in each slot why the module could not load;
//! - `sendable(proxyUrl)`: the request on screen, for the send panel (`offer_send`);
//! - `loadedSources()`: which models the page has loaded, for the paste box
//!   (`offer_loaded_sources`);
//! - `registerModel(text, whole)`: takes a model the module fetched (`offer_register`,
//!   `load_into_page`);
//! - `undo`, `undoSecrets`: the form "Reset form" cleared (`stash_undo`), for "Undo reset";
//! - `secrets`, `secretsFor`: written by the paste box (`hand_secrets`) just before it opens a
//!   filled form's link, which leaves the secrets out; the page takes them once, for that
//!   route only (`take_secrets`). They live in memory, never in storage or history;
//!
//! and the module's end, or its loaders, write `scan()`, installed by the module when it starts;
//! `loading`, set once the script is on its way; and `failed`, why the module could not load (set
//! by `later-loader.js`, by the script's `error` event, by `index.html`, or by the build check).

use super::js::{get, number, object, set, string, string_array};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// What a slot holds: the value of its `data-later` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// `paste`: the paste box (`ui::paste`).
    Paste,
    /// `send`: the send panel (`ui::send`).
    Send,
    /// `picker`: the operation picker (`ui::picker`).
    Picker,
    /// `load`: fetches the model of the operation its `data-key` names (`ui::load`).
    Load,
    /// `sdk`: the SDK programs (Python, JavaScript) of the operation its `data-key` names
    /// (`ui::sdk`).
    Sdk,
    /// `roa`: the request panels of the ROA operation its `data-key` names (`ui::roa`).
    Roa,
}

impl Part {
    /// The part a slot's `data-later` names.
    pub fn from_name(name: &str) -> Option<Part> {
        match name {
            "paste" => Some(Part::Paste),
            "send" => Some(Part::Send),
            "picker" => Some(Part::Picker),
            "load" => Some(Part::Load),
            "sdk" => Some(Part::Sdk),
            "roa" => Some(Part::Roa),
            _ => None,
        }
    }
}

/// The loader script (`src/web/later-loader.js`): loads the module's glue and module.
const LOADER: &str = "later-loader.js";
/// The meeting's function the page installs for the send panel.
const SENDABLE: &str = "sendable";
/// The meeting's function the page installs for the paste box.
const LOADED: &str = "loadedSources";
/// The meeting's function the page installs for fetched models.
const REGISTER: &str = "registerModel";
/// The meeting's field that holds the page's build id.
const BUILD_KEY: &str = "build";
/// The meeting's fields that hold a paste's secrets and the route they belong to.
const SECRETS: &str = "secrets";
const SECRETS_FOR: &str = "secretsFor";

/// This build's id: a hash of the crate's sources (build.rs), the same in the page and the
/// later module when they come from one build.
pub const BUILD: &str = env!("REQUEST_BUILDER_BUILD_ID");

/// The function at `object[key]`, if there is one.
fn function(object: &JsValue, key: &str) -> Option<js_sys::Function> {
    get(object, key)?.dyn_into().ok()
}

/// `window.__later`, made when missing.
fn meeting() -> JsValue {
    let window = js_sys::global();
    if let Some(found) = get(&window, "__later").filter(JsValue::is_object) {
        return found;
    }
    let object: JsValue = js_sys::Object::new().into();
    set(&window, "__later", &object);
    object
}

/// Page end: a slot is being rendered (it is in the document once the render is over). The
/// module looks for it; before the module is in, its script is added after the first paint.
pub fn announce() {
    let meeting = meeting();
    set(&meeting, BUILD_KEY, &JsValue::from_str(BUILD));
    if let Some(scan) = function(&meeting, "scan") {
        let _ = scan.call0(&meeting);
        return;
    }
    if get(&meeting, "onfail").is_none() {
        set(&meeting, "onfail", &Closure::<dyn Fn()>::new(show_failure).into_js_value());
    }
    if get(&meeting, "failed").is_some() {
        // After the render that announced the slot is over.
        if let Some(window) = web_sys::window() {
            window.queue_microtask(Closure::once_into_js(show_failure).unchecked_ref());
        }
    } else if !get(&meeting, "loading").is_some_and(|v| v.is_truthy()) {
        set(&meeting, "loading", &JsValue::TRUE);
        load_after_paint();
    }
}

/// Says in each slot that its part could not load, and why; the rest of the page works on.
fn show_failure() {
    let why = string(&meeting(), "failed").unwrap_or_default();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(slots) = document.query_selector_all("[data-later]") else { return };
    for index in 0..slots.length() {
        let Some(slot) = slots.item(index).and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if slot.query_selector(".later-failed").ok().flatten().is_some() {
            continue;
        }
        let Ok(message) = document.create_element("p") else { continue };
        message.set_class_name("msg error later-failed");
        let _ = message.set_attribute("role", "alert");
        message.set_text_content(Some(&format!(
            "This part of the page could not load ({why}). Reload the page to try again."
        )));
        let _ = slot.append_child(&message);
    }
}

/// Adds the loader script once the page has painted (`web::after_paint`), so that fetching
/// and compiling the module never delays the form.
fn load_after_paint() {
    super::after_paint(|| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(script) = document.create_element("script") else { return };
        let _ = script.set_attribute("src", LOADER);
        let failed = Closure::once_into_js(|| {
            set(&meeting(), "failed", &JsValue::from_str("later-loader.js did not load"));
            show_failure();
        });
        let _ = script.add_event_listener_with_callback("error", failed.unchecked_ref());
        if let Some(head) = document.head() {
            let _ = head.append_child(&script);
        }
    });
}

/// What a send panel needs from the operation's page, at the moment it asks.
pub struct Sendable {
    /// The operation's name, for the confirmation.
    pub operation: String,
    /// The endpoint the request is for.
    pub endpoint: String,
    /// How many errors the form has (sending is blocked until there are none).
    pub errors: usize,
    /// The worker's message that sends the request (`web::worker::send::message`).
    pub request: JsValue,
}

/// Page end: while the returned guard lives, a send panel can ask for the request on screen
/// (`window.__later.sendable(proxyUrl)`).
pub fn offer_send(sendable: impl Fn(String) -> Sendable + 'static) -> SendOffer {
    let function = Closure::<dyn Fn(String) -> JsValue>::new(move |proxy_url| {
        let offered = sendable(proxy_url);
        object(&[
            ("operation", JsValue::from_str(&offered.operation)),
            ("endpoint", JsValue::from_str(&offered.endpoint)),
            ("errors", JsValue::from_f64(offered.errors as f64)),
            ("request", offered.request),
        ])
    })
    .into_js_value();
    set(&meeting(), SENDABLE, &function);
    SendOffer(function)
}

/// Withdraws the offer when dropped, unless another page has made its own since.
pub struct SendOffer(JsValue);

impl Drop for SendOffer {
    fn drop(&mut self) {
        let meeting = meeting();
        if get(&meeting, SENDABLE).as_ref() == Some(&self.0) {
            let _ = js_sys::Reflect::delete_property(
                meeting.unchecked_ref::<js_sys::Object>(),
                &JsValue::from_str(SENDABLE),
            );
        }
    }
}

/// Later end: what the operation's page offers for a proxy at `proxy_url`; `None` when no
/// operation's page is on screen.
pub fn sendable(proxy_url: &str) -> Option<Sendable> {
    let offered = function(&meeting(), SENDABLE)?
        .call1(&JsValue::UNDEFINED, &JsValue::from_str(proxy_url))
        .ok()?;
    Some(Sendable {
        operation: string(&offered, "operation")?,
        endpoint: string(&offered, "endpoint")?,
        errors: number(&offered, "errors")? as usize,
        request: get(&offered, "request")?,
    })
}

/// Page end: lets the paste box read which services and operations the page has loaded
/// (`catalog::loaded_sources`): a paste is read against them.
pub fn offer_loaded_sources() {
    let function = Closure::<dyn Fn() -> JsValue>::new(|| {
        let (services, operations) = crate::core::model::catalog::loaded_sources();
        object(&[("services", string_array(&services)), ("operations", string_array(&operations))])
    })
    .into_js_value();
    set(&meeting(), LOADED, &function);
}

/// Later end: the services and operations the page has loaded, as it offers them: an object
/// of two string arrays, `services` and `operations`, which goes into the worker's paste
/// message as it is (`undefined` when the page offers none).
pub fn loaded_sources() -> JsValue {
    function(&meeting(), LOADED)
        .and_then(|f| f.call0(&JsValue::UNDEFINED).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

/// Page end: lets the later module hand over a model it fetched: `register` reads and keeps
/// it (an operation's own file, or a whole service's when `whole`), or says why it cannot.
pub fn offer_register(register: impl Fn(&str, bool) -> Result<(), String> + 'static) {
    let function =
        Closure::<dyn Fn(String, bool) -> JsValue>::new(move |text: String, whole| match register(
            &text, whole,
        ) {
            Ok(()) => JsValue::UNDEFINED,
            Err(error) => JsValue::from_str(&error),
        })
        .into_js_value();
    set(&meeting(), REGISTER, &function);
}

/// Later end: fetches the model of the operation at (cloud, service, operation)
/// (`web::fetch_model`) and hands it to the page, which then shows the route again. The page
/// asks only for routes whose service it has not loaded.
pub async fn load_into_page(
    cloud: crate::core::model::Cloud,
    service: &str,
    operation: &str,
) -> Result<(), super::ModelError> {
    super::fetch_model(cloud, service, operation, false, |text, whole| {
        let register = function(&meeting(), REGISTER).ok_or("the page is gone")?;
        let answer = register
            .call2(&JsValue::UNDEFINED, &JsValue::from_str(text), &JsValue::from_bool(whole))
            .unwrap_or(JsValue::UNDEFINED);
        answer.as_string().map_or(Ok(()), Err)
    })
    .await
}

/// Later end: installs `scan` and looks for slots now. `mount_part` mounts a part into a slot
/// and returns what unmounts it when dropped.
pub fn serve(mount_part: fn(Part, web_sys::HtmlElement) -> Box<dyn std::any::Any>) {
    let scan = Closure::<dyn Fn()>::new(move || {
        // After the page's render is over (it announces a slot while rendering it).
        let look = Closure::once_into_js(move || scan_now(mount_part));
        if let Some(window) = web_sys::window() {
            window.queue_microtask(look.unchecked_ref());
        }
    })
    .into_js_value();
    set(&meeting(), "scan", &scan);
    scan_now(mount_part);
}

/// A mounted view: its slot, the slot's mark when it was mounted (`mark`), and what unmounts it.
type Mounted = (web_sys::HtmlElement, String, Box<dyn std::any::Any>);

thread_local! {
    static MOUNTED: std::cell::RefCell<Vec<Mounted>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What a slot holds: its `data-later` and `data-key`; `None` once it holds nothing of ours.
fn mark(slot: &web_sys::HtmlElement) -> Option<String> {
    Some(format!(
        "{}\n{}",
        slot.get_attribute("data-later")?,
        slot.get_attribute("data-key").unwrap_or_default()
    ))
}

/// Mounts the slots not mounted yet, or holding another part or key than when they were
/// mounted, and disposes the views whose slot has left the page or changed.
fn scan_now(mount_part: fn(Part, web_sys::HtmlElement) -> Box<dyn std::any::Any>) {
    let meeting = meeting();
    if string(&meeting, BUILD_KEY).is_some_and(|page| page != BUILD) {
        // Said here, on every look, not through the page's `onfail`: on the picker's route the
        // module can start before the page has installed it, and a slot rendered later needs
        // the message too (`show_failure` skips the slots that have it).
        set(
            &meeting,
            "failed",
            &JsValue::from_str("the page and this part come from different builds"),
        );
        show_failure();
        return;
    }
    let stale: Vec<Mounted> = MOUNTED.with(|m| {
        let mut mounted = m.borrow_mut();
        let (kept, stale) = mounted
            .drain(..)
            .partition(|(slot, was, _)| slot.is_connected() && mark(slot).as_ref() == Some(was));
        *mounted = kept;
        stale
    });
    let Some(slots) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("[data-later]").ok())
    else {
        return;
    };
    for index in 0..slots.length() {
        let Some(slot) = slots.item(index).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if MOUNTED.with(|m| m.borrow().iter().any(|(s, _, _)| *s == slot)) {
            continue;
        }
        let (Some(part), Some(mark)) =
            (slot.get_attribute("data-later").as_deref().and_then(Part::from_name), mark(&slot))
        else {
            continue;
        };
        // A changed slot still shows the stale view: the new one takes over what it shows.
        let handle = mount_part(part, slot.clone());
        MOUNTED.with(|m| m.borrow_mut().push((slot, mark, handle)));
    }
    // Dropped last, outside the borrow: disposing a view runs its cleanups.
    drop(stale);
    super::form_aids::enhance();
}

/// The meeting's fields that hold the form a reset cleared: its link and its secrets.
const UNDO: &str = "undo";
const UNDO_SECRETS: &str = "undoSecrets";

/// Page end: "Reset form" keeps what the form held (its permalink hash and
/// `route::secrets_query`) for the later module's "Undo reset" (`web::form_aids`), in memory.
pub fn stash_undo(hash: &str, secrets: &str) {
    let meeting = meeting();
    set(&meeting, UNDO, &JsValue::from_str(hash));
    set(&meeting, UNDO_SECRETS, &JsValue::from_str(secrets));
}

/// Module end: whether a reset left a form to go back to.
pub fn has_undo() -> bool {
    get(&meeting(), UNDO).is_some()
}

/// Module end: the form a reset cleared (its hash and secrets), taken once.
pub fn take_undo() -> Option<(String, String)> {
    let meeting = meeting();
    let hash = string(&meeting, UNDO)?;
    let secrets = string(&meeting, UNDO_SECRETS).unwrap_or_default();
    set(&meeting, UNDO, &JsValue::UNDEFINED);
    set(&meeting, UNDO_SECRETS, &JsValue::UNDEFINED);
    Some((hash, secrets))
}

/// Module end: the secrets of a filled form (`route::secrets_query`), for the form the page
/// opens next at `hash`'s route. An empty query clears what an earlier paste left.
pub fn hand_secrets(hash: &str, secrets: &str) {
    let meeting = meeting();
    let path = hash.split('?').next().unwrap_or_default();
    let route = path.trim_start_matches('#').trim_start_matches('/');
    set(&meeting, SECRETS, &JsValue::from_str(secrets));
    set(&meeting, SECRETS_FOR, &JsValue::from_str(route));
}

/// Page end: the secrets handed over for the form of `route` (`aws/dms/CreateEndpoint`),
/// taken once; `None` when there are none for it.
pub fn take_secrets(route: &str) -> Option<String> {
    let meeting = meeting();
    let secrets = string(&meeting, SECRETS).filter(|s| !s.is_empty())?;
    if string(&meeting, SECRETS_FOR)? != route {
        return None;
    }
    set(&meeting, SECRETS, &JsValue::UNDEFINED);
    Some(secrets)
}
