//! The operation picker at `#/`: every operation of the operations index, searched as the
//! user types (service, operation name, CLI name, words of the summary), grouped by service,
//! with keyboard navigation. The index is fetched when the picker opens, never at start-up.

use crate::core::catalog::{self, SHOWCASE};
use crate::core::search::{self, Entry};
use leptos::prelude::*;

/// How many matches the list shows at once; the count says how many there are.
const SHOWN: usize = 60;

/// Lists and searches the operations.
#[component]
pub fn Picker() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let index = RwSignal::new(None::<Result<std::sync::Arc<Vec<Entry>>, String>>);
    let active = RwSignal::new(0usize);
    leptos::task::spawn_local(async move {
        let loaded = match crate::web::fetch_text("models/index.json").await {
            Ok(text) => catalog::parse_index(&text).map(|services| std::sync::Arc::new(search::entries(&services))),
            Err(error) => Err(error),
        };
        index.try_set(Some(loaded));
    });
    // The last query and all its matches: typing on only narrows them.
    let last = StoredValue::new((String::new(), Vec::<usize>::new()));
    // The shown matches (indices into the index) and how many match in all.
    let found = Memo::new(move |_| {
        let q = query.get();
        index.with(|index| match index {
            Some(Ok(entries)) if q.trim().is_empty() => {
                ((0..entries.len()).filter(|&i| SHOWCASE.contains(&entries[i].route.as_str())).collect::<Vec<usize>>(), 0)
            }
            Some(Ok(entries)) => {
                let matches = last.with_value(|(previous, matches)| {
                    search::matching(entries, &q, search::refines(previous, &q).then_some(matches.as_slice()))
                });
                let (best, total) = search::best(entries, &q, &matches, SHOWN);
                last.set_value((q.clone(), matches));
                (best, total)
            }
            _ => (Vec::new(), 0),
        })
    });
    let open = move |route: &str| crate::web::set_hash(&format!("#/{route}"));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let len = found.with(|(shown, _)| shown.len());
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
                let chosen = found.with(|(shown, _)| shown.get(active.get_untracked()).copied());
                let route = chosen.and_then(|i| index.with(|index| match index {
                    Some(Ok(entries)) => entries.get(i).map(|e| e.route.clone()),
                    _ => None,
                }));
                if let Some(route) = route {
                    ev.prevent_default();
                    open(&route);
                }
            }
            _ => {}
        }
    };
    let status = move || match index.get() {
        None => "Loading the operations index…".to_string(),
        Some(Err(error)) => format!("The operations index could not be loaded: {error}"),
        Some(Ok(entries)) if query.get().trim().is_empty() => {
            format!("The showcase operations. Type to search all {} operations.", entries.len())
        }
        Some(Ok(_)) => search::match_status(found.with(|(_, total)| *total), SHOWN),
    };
    // The rows as one piece of HTML, set in one step when the matches or the active row change.
    let rows = move || index.with(|index| found.with(|(shown, _)| match index {
        Some(Ok(entries)) => search::rows_html(entries, shown, active.get()),
        _ => String::new(),
    }));
    view! {
        <main class="page picker">
            <h1>"Cloud API request builder"</h1>
            <p class="lead">"Fill a form, get the exact request, CLI command and curl. Nothing is sent unless you ask."</p>
            <label for="op-search">"Search operations"</label>
            <input id="op-search" type="search" name="search" placeholder="dms start-replication-task, RunInstances, replication…"
                role="combobox" aria-controls="op-list" aria-expanded="true" autocomplete="off"
                aria-activedescendant=move || (found.with(|(shown, _)| !shown.is_empty())).then(|| format!("op-{}", active.get()))
                prop:value=move || query.get()
                on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); }
                on:keydown=on_key/>
            <p class="help" aria-live="polite" data-testid="picker-status">{status}</p>
            <ul class="op-list" id="op-list" role="listbox" aria-label="Operations" inner_html=rows></ul>
        </main>
    }
}
