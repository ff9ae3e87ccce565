//! Leptos components: thin wiring from signals to `core` functions, nothing more.
//!
//! Inventory: [`App`] (routing, theme, embed mode), `operation` (one operation's page and its
//! state), `fields` (form controls generated from the model), `outputs` (preview panels with
//! copy buttons), `slots` (where the later module's views go). The later module
//! (`web::later`, started by `later::serve`) holds `picker` (operation picker), `paste` (paste
//! to fill), `send` (the proxy send flow), `sdk` (the SDK program panel), `roa` (a ROA operation's request panels) and `load`
//! (fetching a route's model).

mod fields;
pub mod later;
mod load;
mod operation;
mod outputs;
mod paste;
mod picker;
mod roa;
mod sdk;
mod send;
mod slots;
mod watch;

use crate::core::model::catalog;
use crate::core::route::{self, Route};
use crate::web;
use leptos::prelude::*;

/// Where the colour theme choice is kept.
const THEME_KEY: &str = "request-builder:theme";

/// The whole page: follows the location hash and shows the picker or one operation.
#[component]
pub fn App() -> impl IntoView {
    let hash = RwSignal::new(web::hash());
    // The paste box (in the later module) reads pastes against the models loaded here.
    web::later::offer_loaded_sources();
    // The page lives as long as the window; `try_set` because a test may unmount it first.
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| {
        hash.try_set(web::hash());
    });
    let embed = web::embed_mode();
    if let Some(mode) = embed {
        web::set_root_attribute("data-embed", mode);
        web::post_height_to_parent();
    }
    // The page's own permalink updates use `history.replaceState`, which fires no
    // `hashchange`; so a change here is a navigation (a link, the address bar, back/forward),
    // and the page is rebuilt from the new hash.
    // Bumped when a service model arrives, so the route is parsed again with it loaded.
    let models = RwSignal::new(0u32);
    // The later module fetches the models of routes not loaded yet (`slots::LoadSlot`).
    web::later::offer_register(move |text, whole| {
        let registered = catalog::register_model(text, whole);
        if registered.is_ok() {
            models.try_update(|n| *n += 1);
        }
        registered
    });
    let page = move || {
        match (models.get(), route::parse(&hash.get())).1 {
        Route::Picker => view! { <slots::PickerSlot/> }.into_any(),
        Route::NeedsService { cloud, service, operation } => {
            view! { <slots::LoadSlot route=crate::core::model::names::route(cloud, &service, &operation) service=service/> }.into_any()
        }
        Route::Operation(op, mut form) => {
            // A paste's secrets, which its link leaves out, arrive in memory.
            if let (Some(form), Some(secrets)) = (form.as_mut(), web::later::take_secrets(&op.route())) {
                route::add_secrets(op, form, &secrets);
            }
            view! { <operation::OperationPage op=op initial=form embed=embed/> }.into_any()
        }
        Route::NotFound(path) => view! {
            <main class="page">
                <h1>"No such operation"</h1>
                <p>"Nothing lives at " <code>{path}</code> ". "<a href="#/">"Pick an operation"</a></p>
            </main>
        }
        .into_any(),
    }
    };
    view! {
        {embed.is_none().then(|| view! { <ThemeToggle/> })}
        {page}
    }
}

/// Cycles the colour theme: follow the system, light, dark. Remembered across visits.
#[component]
fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(web::load(THEME_KEY).unwrap_or_default());
    // Only a change is applied and saved: index.html has already applied the saved theme, and a
    // page load writes nothing to storage.
    Effect::new(move |first_run: Option<()>| {
        let value = theme.get();
        if first_run.is_some() {
            web::set_root_attribute("data-theme", &value);
            web::save(THEME_KEY, &value);
        }
    });
    let next = move |_| {
        theme.update(|t| {
            *t = match t.as_str() {
                "" => "light",
                "light" => "dark",
                _ => "",
            }
            .to_string()
        })
    };
    let label = move || match theme.get().as_str() {
        "light" => "Theme: light",
        "dark" => "Theme: dark",
        _ => "Theme: system",
    };
    view! {
        <header class="topbar">
            <a class="home" href="#/">"Request builder"</a>
            <button type="button" class="theme" on:click=next>{label}</button>
        </header>
    }
}
