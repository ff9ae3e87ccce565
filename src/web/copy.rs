//! The Copy buttons of every output panel (`ui::outputs::OutputPanel`) and the page's Copy link
//! button, served by the later module: one click listener on the document copies exactly the
//! text of the button's panel, or the page's link.
//! The page's own module carries no copy code, so its first transfer does not pay for it.
//!
//! Copying tries the Clipboard API first. A page embedded in a cross-origin iframe without
//! `allow="clipboard-write"` is refused that, so the panel's text is then selected and
//! `document.execCommand("copy")` tried, which an iframe may still do on a click; when that is
//! refused too, the text stays selected and the button says to press Ctrl+C.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// What the button says after a copy: the text is on the clipboard.
pub const COPIED: &str = "Copied";
/// What the button says when the browser refused both ways: the text is selected.
pub const PRESS_TO_COPY: &str = "Selected: press Ctrl+C";
/// What a button with nothing on the page to select says when the browser refused the copy.
pub const NOT_COPIED: &str = "Could not copy";
/// The button's own label, back after a while.
const LABEL: &str = "Copy";
/// The link button's label (`button.copy-link`, beside Reset form), which copies the page's
/// link without any embed option (`route::full_page_url`).
const LINK_LABEL: &str = "Copy link";
/// How long the button shows what happened.
const SHOWN_MS: i32 = 2500;

/// Listens for clicks on `button.copy` for as long as the page lives.
pub fn serve_copy_buttons() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let Some(button) =
            target.as_ref().and_then(|e| e.closest("button.copy-link").ok().flatten())
        {
            let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
            copy_text(button, crate::core::route::full_page_url(&href), None, LINK_LABEL);
            return;
        }
        let button = target.and_then(|e| e.closest("button.copy").ok().flatten());
        let pre = button
            .as_ref()
            .and_then(|b| b.closest(".panel").ok().flatten())
            .and_then(|panel| panel.query_selector("pre").ok().flatten());
        if let (Some(button), Some(pre)) = (button, pre) {
            copy_panel(button, pre);
        }
    });
    let _ = document.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    listener.forget();
}

fn copy_panel(button: web_sys::Element, pre: web_sys::Element) {
    let text = pre.text_content().unwrap_or_default();
    copy_text(button, text, Some(pre), LABEL);
}

/// Copies `text`, falling back to selecting `shown` (the element that shows it) when there is
/// one; the button says what happened, then `label` again.
fn copy_text(
    button: web_sys::Element,
    text: String,
    shown: Option<web_sys::Element>,
    label: &'static str,
) {
    let Some(window) = web_sys::window() else { return };
    // Absent outside a secure context (an http page, or an iframe in one).
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .map(|c| c.unchecked_into::<web_sys::Clipboard>());
    let written = clipboard.map(|c| c.write_text(&text));
    wasm_bindgen_futures::spawn_local(async move {
        let api = match written {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        let said = if api || shown.as_ref().is_some_and(select_and_copy) {
            COPIED
        } else if shown.is_some() {
            PRESS_TO_COPY
        } else {
            NOT_COPIED
        };
        button.set_text_content(Some(said));
        let back = Closure::once_into_js(move || button.set_text_content(Some(label)));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                back.unchecked_ref(),
                SHOWN_MS,
            );
        }
    });
}

/// Selects the element's text and asks the browser to copy the selection.
fn select_and_copy(element: &web_sys::Element) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(Some(selection)) = window.get_selection() else { return false };
    if selection.select_all_children(element).is_err() {
        return false;
    }
    let document = window.document().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
    // `execCommand` through Reflect: web-sys marks it deprecated, and it is the only way left
    // to copy where the Clipboard API is refused.
    js_sys::Reflect::get(&document, &"execCommand".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&document, &"copy".into()).ok())
        .is_some_and(|copied| copied.is_truthy())
}
