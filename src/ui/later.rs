//! The later module's views (`web::later`): mounts the paste box, the send panel, the SDK
//! program panel, a ROA operation's request panels and the picker into the slots the page leaves for them. Each takes over its slot's static copy: what was
//! typed there is kept, and so is the focus and the caret.

use super::{
    load::LoadModel, paste::PasteBox, picker::Picker, roa::RoaPanels, sdk::SdkPanel,
    send::SendPanel,
};
use crate::web::later::{self, Part};
use crate::web::worker::sdk::Writing;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Starts serving the page's slots.
pub fn serve() {
    crate::web::style::add_later_style();
    crate::web::copy::serve_copy_buttons();
    crate::web::embed::add_full_page_link();
    crate::web::form_aids::serve();
    later::serve(mount_part);
}

fn mount_part(part: Part, slot: web_sys::HtmlElement) -> Box<dyn std::any::Any> {
    let focus = Focus::inside(&slot);
    let typed = typed_into(
        &slot,
        match part {
            Part::Paste => "textarea",
            Part::Send | Part::Picker | Part::Load | Part::Sdk | Part::Roa => "input",
        },
    );
    slot.set_inner_html("");
    let handle: Box<dyn std::any::Any> = match part {
        Part::Paste => Box::new(leptos::mount::mount_to(
            slot,
            move || view! { <PasteBox initial=typed.unwrap_or_default()/> },
        )),
        Part::Send => Box::new(leptos::mount::mount_to(slot, move || {
            view! { <SendPanel proxy_url=typed.unwrap_or_else(super::send::initial_proxy_url)/> }
        })),
        Part::Picker => Box::new(leptos::mount::mount_to(
            slot,
            move || view! { <Picker initial=typed.unwrap_or_default()/> },
        )),
        Part::Load => {
            let route = slot.get_attribute("data-key").unwrap_or_default();
            Box::new(leptos::mount::mount_to(slot, move || view! { <LoadModel route=route/> }))
        }
        Part::Roa => {
            let route = slot.get_attribute("data-key").unwrap_or_default();
            Box::new(leptos::mount::mount_to(slot, move || view! { <RoaPanels route=route/> }))
        }
        Part::Sdk => {
            let route = slot.get_attribute("data-key").unwrap_or_default();
            // The YAML input document is AWS CLI v2's: Alibaba pages leave it out (the static
            // copy hides it there).
            let aws = route.starts_with("aws/");
            Box::new(leptos::mount::mount_to(slot, move || {
                Writing::ALL
                    .into_iter()
                    .filter(|w| aws || *w != Writing::InputYaml)
                    .map(|writing| view! { <SdkPanel writing=writing route=route.clone()/> })
                    .collect_view()
            }))
        }
    };
    if let Some(focus) = focus {
        // After the view's first values are in: Leptos sets `prop:value` in a microtask, and
        // setting a control's value moves its caret to the end.
        if let Some(window) = web_sys::window() {
            window.queue_microtask(
                wasm_bindgen::closure::Closure::once_into_js(move || focus.restore())
                    .unchecked_ref(),
            );
        }
    }
    handle
}

/// The value of the copy's control, `None` when it has none.
fn typed_into(slot: &web_sys::HtmlElement, selector: &str) -> Option<String> {
    let control = slot.query_selector(selector).ok().flatten()?;
    crate::web::control_value(&control)
}

/// The focused control inside a slot: its id and its selection.
struct Focus {
    id: String,
    selection: (JsValue, JsValue),
}

impl Focus {
    fn inside(slot: &web_sys::HtmlElement) -> Option<Focus> {
        let active = slot.owner_document()?.active_element()?;
        if !slot.contains(Some(&active)) || active.id().is_empty() {
            return None;
        }
        let read = |key: &str| {
            js_sys::Reflect::get(&active, &JsValue::from_str(key)).unwrap_or(JsValue::NULL)
        };
        Some(Focus { id: active.id(), selection: (read("selectionStart"), read("selectionEnd")) })
    }

    /// Focuses the control with the same id in the mounted view, with the same selection.
    fn restore(self) {
        let Some(control) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&self.id))
        else {
            return;
        };
        let Ok(control) = control.dyn_into::<web_sys::HtmlElement>() else { return };
        let _ = control.focus();
        if let Ok(select) = js_sys::Reflect::get(&control, &JsValue::from_str("setSelectionRange"))
            .and_then(|f| f.dyn_into::<js_sys::Function>())
        {
            if self.selection.0.as_f64().is_some() {
                let _ = select.call2(&control, &self.selection.0, &self.selection.1);
            }
        }
    }
}
