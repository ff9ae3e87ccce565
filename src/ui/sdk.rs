//! The SDK program panels (`out-python`, `out-js`), in the later module: the page leaves a slot
//! (`slots::SdkSlot`) and this panel takes it over after the first paint, so neither the panel
//! nor the program writers weigh on the page's own module. The panel reads what the page shows
//! (the route, the `out-json` document, the region and the AWS CLI version), asks the worker for
//! the program (`web::worker::sdk`) and shows it in an `OutputPanel` with its copy button. It
//! reads again when `out-json` changes or a control changes, and shows the newest answer only.
//! It asks first when the panel comes into view, so a visit that never scrolls to it does not
//! start the worker (which the paste box otherwise starts only when used).

use super::outputs::OutputPanel;
use crate::core::sdk::Sdk;
use crate::web::worker::sdk::{program, Shown};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The panel for `sdk` on the page of `route`.
#[component]
pub fn SdkPanel(sdk: Sdk, route: String) -> impl IntoView {
    let text = RwSignal::new(String::new());
    // The last state asked about, and the number of the newest question.
    let asked: Rc<RefCell<Option<Vec<String>>>> = Rc::default();
    let newest = Rc::new(Cell::new(0u32));
    let seen = Rc::new(Cell::new(false));
    let in_view = seen.clone();
    let refresh = Rc::new(move || {
        if !in_view.get() {
            return;
        }
        let Some(shown) = shown(&route) else { return };
        let key = vec![shown.json.clone(), shown.region.clone(), shown.awscli.clone()];
        if asked.borrow().as_ref() == Some(&key) {
            return;
        }
        *asked.borrow_mut() = Some(key);
        newest.set(newest.get().wrapping_add(1));
        let (number, newest) = (newest.get(), newest.clone());
        spawn_local(async move {
            let answer = program(sdk, &shown).await.unwrap_or_else(|why| sdk.comment(&why));
            if newest.get() == number {
                text.try_set(answer);
            }
        });
    });
    let watch = Watch::start(refresh.clone(), seen);
    // Stopped with the panel.
    StoredValue::new_local(watch);
    let testid = match sdk {
        Sdk::Python => "out-python",
        Sdk::JavaScript => "out-js",
    };
    view! { <OutputPanel title=sdk.title() testid=testid text=Signal::from(text)/> }
}

/// What the page shows for `route`, read from its controls and its `out-json`; `None` while
/// `out-json` is not there.
fn shown(route: &str) -> Option<Shown> {
    let document = web_sys::window()?.document()?;
    let json = document.query_selector("[data-testid=\"out-json\"]").ok()??.text_content()?;
    let value = |selector: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|control| js_sys::Reflect::get(&control, &JsValue::from_str("value")).ok())
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    Some(Shown {
        route: route.to_string(),
        json,
        region: value("[name=\"region\"]"),
        awscli: value("[name=\"awscli\"]"),
    })
}

/// Sets `seen` and calls `refresh` when the panel comes into view (an intersection observer),
/// then calls it when `out-json` changes (a mutation observer) and after any input or change
/// event of the page's controls; stops when dropped.
struct Watch {
    observer: Option<web_sys::MutationObserver>,
    _observed: Closure<dyn Fn()>,
    viewer: Option<web_sys::IntersectionObserver>,
    _viewed: Closure<dyn Fn(js_sys::Array)>,
    listener: JsValue,
}

impl Watch {
    fn start(refresh: Rc<dyn Fn()>, seen: Rc<Cell<bool>>) -> Watch {
        let first = refresh.clone();
        let viewed = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let visible = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if visible && !seen.get() {
                seen.set(true);
                first();
            }
        });
        let viewer = web_sys::IntersectionObserver::new(viewed.as_ref().unchecked_ref()).ok();
        let later = refresh.clone();
        let observed = Closure::<dyn Fn()>::new(move || later());
        let observer = web_sys::MutationObserver::new(observed.as_ref().unchecked_ref()).ok();
        let document = web_sys::window().and_then(|w| w.document());
        if let (Some(viewer), Some(panel)) = (
            &viewer,
            document.as_ref().and_then(|d| d.query_selector("[data-later=\"sdk\"]").ok()?),
        ) {
            viewer.observe(&panel);
        }
        if let (Some(observer), Some(target)) = (
            &observer,
            document.as_ref().and_then(|d| d.query_selector("[data-testid=\"out-json\"]").ok()?),
        ) {
            let options = web_sys::MutationObserverInit::new();
            options.set_child_list(true);
            options.set_character_data(true);
            options.set_subtree(true);
            let _ = observer.observe_with_options(&target, &options);
        }
        // After the page's own handlers: its outputs are up to date by the next task.
        let listener = Closure::<dyn Fn()>::new(move || {
            let refresh = refresh.clone();
            let later = Closure::once_into_js(move || refresh());
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(later.unchecked_ref());
            }
        })
        .into_js_value();
        if let Some(document) = &document {
            for event in ["input", "change"] {
                let _ = document.add_event_listener_with_callback(event, listener.unchecked_ref());
            }
        }
        Watch { observer, _observed: observed, viewer, _viewed: viewed, listener }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
        if let Some(viewer) = &self.viewer {
            viewer.disconnect();
        }
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            for event in ["input", "change"] {
                let _ = document
                    .remove_event_listener_with_callback(event, self.listener.unchecked_ref());
            }
        }
    }
}
