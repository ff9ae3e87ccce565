//! An embed's "Open full page" link, added by the later module: it opens the page that the
//! iframe shows, with the form as it is now, in a tab of its own (`route::full_page_url`).

use wasm_bindgen::{closure::Closure, JsCast};

/// The link's text.
pub const FULL_PAGE: &str = "Open full page";

/// Adds the link when the page runs embedded (`web::embed_mode`).
pub fn add_full_page_link() {
    if super::embed_mode().is_none() {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Ok(link), Some(body)) = (document.create_element("a"), document.body()) else { return };
    link.set_class_name("full-page");
    let _ = link.set_attribute("target", "_blank");
    let _ = link.set_attribute("rel", "noopener");
    link.set_text_content(Some(FULL_PAGE));
    let point = link.clone();
    // The address follows the form (the page rewrites its hash as it is typed in), so the link
    // takes it when it is about to be used: hovered, focused or clicked.
    let aim = Closure::<dyn Fn()>::new(move || {
        if let Some(href) = web_sys::window().and_then(|w| w.location().href().ok()) {
            let _ = point.set_attribute("href", &crate::core::route::full_page_url(&href));
        }
    });
    for event in ["pointerover", "focus", "click"] {
        let _ = link.add_event_listener_with_callback(event, aim.as_ref().unchecked_ref());
    }
    if let Ok(f) = aim.as_ref().clone().dyn_into::<js_sys::Function>() {
        let _ = f.call0(&wasm_bindgen::JsValue::UNDEFINED);
    }
    aim.forget();
    let _ = body.append_child(&link);
}
