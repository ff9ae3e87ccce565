//! Leptos components: thin wiring from signals to `core` functions, nothing more.
//!
//! Inventory: [`App`] (routing), `picker` (operation picker), `operation` (one operation's
//! page and its state), `fields` (form controls generated from the model), `outputs`
//! (preview panels with copy buttons).

mod fields;
mod operation;
mod outputs;
mod picker;

use crate::core::route::{self, Route};
use leptos::prelude::*;

/// The whole page: follows the location hash and shows the picker or one operation.
#[component]
pub fn App() -> impl IntoView {
    let hash = RwSignal::new(crate::web::hash());
    // The page lives as long as the window; `try_set` because a test may unmount it first.
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| {
        hash.try_set(crate::web::hash());
    });
    // The page's own permalink updates use `history.replaceState`, which fires no
    // `hashchange`; so a change here is a navigation (a link, the address bar, back/forward),
    // and the page is rebuilt from the new hash.
    move || {
        match route::parse(&hash.get()) {
            Route::Picker => view! { <picker::Picker/> }.into_any(),
            Route::Operation(op, form) => view! { <operation::OperationPage op=op initial=form/> }.into_any(),
            Route::NotFound(path) => view! {
                <main class="page">
                    <h1>"No such operation"</h1>
                    <p>"Nothing lives at " <code>{path}</code> ". "<a href="#/">"Pick an operation"</a></p>
                </main>
            }
            .into_any(),
        }
    }
}
