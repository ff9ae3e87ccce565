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
    let handle = window_event_listener(leptos::ev::hashchange, move |_| hash.set(crate::web::hash()));
    on_cleanup(move || handle.remove());
    // Only the route path picks the page; the permalink part is read once, when a page opens.
    let path = Memo::new(move |_| hash.with(|h| h.split('?').next().unwrap_or("").to_string()));
    move || {
        path.track();
        match route::parse(&hash.get_untracked()) {
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
