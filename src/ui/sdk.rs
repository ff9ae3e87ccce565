//! The SDK program panels (`out-python`, `out-js`) and AWS CLI v2's YAML input document
//! (`out-yaml`, AWS operations only), in the later module: the page leaves a slot
//! (`slots::SdkSlot`) and this panel takes it over after the first paint, so neither the panel
//! nor the program writers weigh on the page's own module. The panel reads what the page shows
//! (the route, the `out-json` document, the region and the AWS CLI version), asks the worker for
//! the program (`web::worker::sdk`) and shows it in an `OutputPanel` with its copy button. It
//! reads again when `out-json` changes or a control changes, and shows the newest answer only.
//! It asks first when the panel comes into view, so a visit that never scrolls to it does not
//! start the worker (which the paste box otherwise starts only when used).

use super::outputs::OutputPanel;
use super::watch::{shown, Watch};
use crate::core::sdk::Sdk;
use crate::web::worker::sdk::{program, Writing};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The panel for `writing` on the page of `route`.
#[component]
pub fn SdkPanel(writing: Writing, route: String) -> impl IntoView {
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
            let answer = program(writing, &shown).await.unwrap_or_else(|why| writing.comment(&why));
            if newest.get() == number {
                text.try_set(answer);
            }
        });
    });
    let watch = Watch::start(refresh.clone(), Some((seen, "[data-later=\"sdk\"]")));
    // Stopped with the panel.
    StoredValue::new_local(watch);
    let testid = match writing {
        Writing::InputYaml => "out-yaml",
        Writing::Program(Sdk::Python) => "out-python",
        Writing::Program(Sdk::JavaScript) => "out-js",
    };
    view! { <OutputPanel title=writing.title() testid=testid text=Signal::from(text)/> }
}
