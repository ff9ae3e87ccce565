//! What the later module's panels that follow the page's request (`sdk`, `roa`) share: reading
//! what the page shows (its `out-json`, region, shell and AWS CLI version), and watching for it
//! to change.

use crate::web::worker::outputs::Shown;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// What the page shows for `route`, read from its controls and its `out-json`; `None` while
/// `out-json` is not there.
pub fn shown(route: &str) -> Option<Shown> {
    let document = web_sys::window()?.document()?;
    let json = document.query_selector("[data-testid=\"out-json\"]").ok()??.text_content()?;
    let value = |selector: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|control| crate::web::control_value(&control))
            .unwrap_or_default()
    };
    Some(Shown {
        route: route.to_string(),
        json,
        region: value("[name=\"region\"]"),
        shell: value("[name=\"shell\"]"),
        awscli: value("[name=\"awscli\"]"),
    })
}

/// Calls `refresh` when `out-json` changes (a mutation observer) and after any input or change
/// event of the page's controls; with `seen`, also sets it and calls `refresh` when the panel
/// (its selector) comes into view (an intersection observer). Stops when dropped.
pub struct Watch {
    observer: Option<web_sys::MutationObserver>,
    _observed: Closure<dyn Fn()>,
    viewer: Option<web_sys::IntersectionObserver>,
    _viewed: Closure<dyn Fn(js_sys::Array)>,
    listener: JsValue,
}

impl Watch {
    pub fn start(refresh: Rc<dyn Fn()>, seen: Option<(Rc<Cell<bool>>, &'static str)>) -> Watch {
        let first = refresh.clone();
        let panel = seen.as_ref().map(|(_, selector)| selector.to_string());
        let viewed = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let visible = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if let Some((seen, _)) = &seen {
                if visible && !seen.get() {
                    seen.set(true);
                    first();
                }
            }
        });
        let viewer = panel
            .is_some()
            .then(|| web_sys::IntersectionObserver::new(viewed.as_ref().unchecked_ref()).ok())
            .flatten();
        let later = refresh.clone();
        let observed = Closure::<dyn Fn()>::new(move || later());
        let observer = web_sys::MutationObserver::new(observed.as_ref().unchecked_ref()).ok();
        let document = web_sys::window().and_then(|w| w.document());
        if let (Some(viewer), Some(panel)) =
            (&viewer, document.as_ref().zip(panel).and_then(|(d, p)| d.query_selector(&p).ok()?))
        {
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
