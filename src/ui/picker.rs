//! The operation picker at `#/`: every operation of the operations index, searched as the
//! user types (service, operation name, CLI name, words of the summary), grouped by service,
//! with keyboard navigation. The page's worker reads the index and answers each query
//! (`web::worker::search`), so the page's thread never parses the 2 MB index; the index is
//! fetched on the picker's route only, by the worker that `index.html` starts there.

use crate::core::search::Shown;
use crate::web::{self, worker};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How many matches the list shows at once; the status says how many there are.
const SHOWN: usize = 60;

/// Lists and searches the operations.
#[component]
pub fn Picker() -> impl IntoView {
    // Adopts the worker `index.html` started (or starts one) before the first query.
    worker::warm_up();
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let shown = RwSignal::new(None::<Result<Shown, String>>);
    // One question to the worker at a time; when it answers, ask again if the query or the
    // selection moved meanwhile. So answers never arrive out of order, and a fast typist's
    // intermediate queries are skipped, not queued.
    // A plain shared flag, not reactive storage: the task below may outlive the picker.
    let asking = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let ask = move || {
        use std::sync::atomic::Ordering::Relaxed;
        if asking.swap(true, Relaxed) {
            return;
        }
        let asking = asking.clone();
        spawn_local(async move {
            let now = move || Some((query.try_get_untracked()?, active.try_get_untracked()?));
            while let Some(asked) = now() {
                let answer = worker::search::show(&asked.0, asked.1, SHOWN).await;
                if shown.try_set(Some(answer)).is_some() || now() == Some(asked) {
                    break;
                }
            }
            asking.store(false, Relaxed);
        });
    };
    Effect::new(move |_| {
        query.track();
        active.track();
        ask();
    });
    let open = move |route: &str| web::set_hash(&format!("#/{route}"));
    let rows_len = move || shown.with(|s| s.as_ref().and_then(|s| s.as_ref().ok()).map_or(0, |s| s.routes.len()));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let len = rows_len();
        match ev.key().as_str() {
            "ArrowDown" if len > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % len);
            }
            "ArrowUp" if len > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + len - 1) % len);
            }
            "Enter" => {
                let route = shown.with(|s| s.as_ref().and_then(|s| s.as_ref().ok()).and_then(|s| s.routes.get(active.get_untracked()).cloned()));
                if let Some(route) = route {
                    ev.prevent_default();
                    open(&route);
                }
            }
            _ => {}
        }
    };
    let status = move || shown.with(|s| match s {
        None => "Loading the operations index…".to_string(),
        Some(Err(error)) => format!("The operations index could not be loaded: {error}"),
        Some(Ok(shown)) => shown.status.clone(),
    });
    let rows = move || shown.with(|s| s.as_ref().and_then(|s| s.as_ref().ok()).map(|s| s.rows_html.clone()).unwrap_or_default());
    view! {
        <main class="page picker">
            <h1>"Cloud API request builder"</h1>
            <p class="lead">"Fill a form, get the exact request, CLI command and curl. Nothing is sent unless you ask."</p>
            <label for="op-search">"Search operations"</label>
            <input id="op-search" type="search" name="search" placeholder="dms start-replication-task, RunInstances, replication…"
                role="combobox" aria-controls="op-list" aria-expanded="true" autocomplete="off"
                aria-activedescendant=move || (rows_len() > 0).then(|| format!("op-{}", active.get()))
                prop:value=move || query.get()
                on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); }
                on:keydown=on_key/>
            <p class="help" aria-live="polite" data-testid="picker-status">{status}</p>
            <ul class="op-list" id="op-list" role="listbox" aria-label="Operations" inner_html=rows></ul>
        </main>
    }
}
