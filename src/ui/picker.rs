//! The operation picker at `#/`: every operation of the operations index, searched as the
//! user types (service, operation name, CLI name, words of the summary), grouped by service,
//! with keyboard navigation. The page's worker reads the index and answers each query
//! (`web::worker::search`), so the page's thread never parses the 2 MB index. The index is
//! fetched only for the picker: by the worker that `index.html` starts on the picker's route,
//! or at the first query when the picker is opened from another page.

use crate::core::search::Shown;
use crate::web::{self, worker};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How many matches the list shows at once; the status says how many there are.
const SHOWN: usize = 60;
/// The most "Show all" lists: a whole service (EC2 has some 700 operations), not the index.
const MOST_SHOWN: usize = 2_000;

/// The worker's last answer and the query and selection it answers.
type Answer = (String, usize, Result<Shown, String>);

/// The rows of the last answer, when it has rows (not an error, not still loading).
fn listed(answer: &Option<Answer>) -> Option<&Shown> {
    answer.as_ref().and_then(|(_, _, answer)| answer.as_ref().ok())
}

/// Lists and searches the operations: the picker's contents (its slot is the page,
/// `ui::slots::PickerSlot`).
#[component]
pub fn Picker(
    /// The query to start with (what was typed into the slot's copy).
    initial: String,
) -> impl IntoView {
    // Adopts the worker `index.html` started on this route, or starts one (the picker was
    // opened from another page).
    worker::warm_up();
    let query = RwSignal::new(initial);
    let active = RwSignal::new(0usize);
    // Rows asked for: SHOWN, or more after "Show all"; a new query starts at SHOWN again.
    let limit = RwSignal::new(SHOWN);
    let shown = RwSignal::new(None::<Answer>);
    // Enter pressed before the answer to what is typed came: the answer opens its row.
    let enter_waits = RwSignal::new(false);
    let open = move |route: &str| {
        web::set_hash(&format!("#/{route}"));
        web::focus_operation_heading();
    };
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
            let now = move || {
                Some((
                    query.try_get_untracked()?,
                    active.try_get_untracked()?,
                    limit.try_get_untracked()?,
                ))
            };
            while let Some((q, a, l)) = now() {
                let answer = worker::search::show(&q, a, l).await;
                let (rows, chosen) = answer
                    .as_ref()
                    .map_or((0, None), |s| (s.routes.len(), s.routes.get(a).cloned()));
                if shown.try_set(Some((q.clone(), a, answer))).is_some() {
                    break; // the picker is gone
                }
                // Arrow keys pressed while the rows were on their way can point past them.
                if a > 0 && a >= rows {
                    active.try_set(0);
                }
                if now() == Some((q, a, l)) {
                    if enter_waits.try_get_untracked() == Some(true) {
                        enter_waits.try_set(false);
                        if let Some(route) = chosen {
                            open(&route);
                        }
                    }
                    break;
                }
            }
            asking.store(false, Relaxed);
        });
    };
    Effect::new(move |_| {
        query.track();
        active.track();
        limit.track();
        ask();
    });
    let rows_len = move || shown.with(|s| listed(s).map_or(0, |s| s.routes.len()));
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
                let (q, a) = (query.get_untracked(), active.get_untracked());
                // `None`: the answer to what is on screen is still on its way.
                let chosen = shown.with_untracked(|s| match s {
                    Some((sq, sa, answer)) if *sq == q && *sa == a => {
                        Some(answer.as_ref().ok().and_then(|s| s.routes.get(a).cloned()))
                    }
                    _ => None,
                });
                match chosen {
                    Some(Some(route)) => {
                        ev.prevent_default();
                        open(&route);
                    }
                    Some(None) => {}
                    None => {
                        ev.prevent_default();
                        enter_waits.set(true);
                    }
                }
            }
            _ => {}
        }
    };
    let status = move || {
        shown.with(|s| match s.as_ref().map(|(_, _, answer)| answer) {
            None => "Loading the operations index…".to_string(),
            Some(Err(error)) => format!("The operations index could not be loaded: {error}"),
            Some(Ok(shown)) => shown.status.clone(),
        })
    };
    // Until the index is read (or when it cannot be), the showcase the page knows by heart.
    let rows = move || {
        shown.with(|s| match listed(s) {
            Some(s) => s.rows_html.clone(),
            None => crate::core::search::showcase_rows_html(&query.get()),
        })
    };
    let more =
        move || shown.with(|s| listed(s).map_or(0, |s| s.total.saturating_sub(s.routes.len())));
    let show_all = move || {
        (more() > 0).then(|| {
            let total = shown.with(|s| listed(s).map_or(0, |s| s.total));
            let label = if total <= MOST_SHOWN {
                format!("Show all {total}")
            } else {
                format!("Show the first {MOST_SHOWN}")
            };
            view! {
                <button type="button" class="show-all"
                    on:click=move |_| limit.set(total.min(MOST_SHOWN))>{label}</button>
            }
        })
    };
    view! {
        <h1>"Cloud API request builder"</h1>
        <p class="lead">"Fill a form, get the exact request, CLI command and curl. Nothing is sent unless you ask."</p>
        <label for="op-search">"Search operations"</label>
        <input id="op-search" type="search" name="search" autofocus placeholder="dms start-replication-task, RunInstances, replication…"
            role="combobox" aria-controls="op-list" aria-expanded="true" autocomplete="off"
            aria-activedescendant=move || (active.get() < rows_len()).then(|| format!("op-{}", active.get()))
            prop:value=move || query.get()
            on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); limit.set(SHOWN); enter_waits.set(false); }
            on:keydown=on_key/>
        <p class="help" aria-live="polite" data-testid="picker-status">{status}</p>
        <ul class="op-list" id="op-list" role="listbox" aria-label="Operations" inner_html=rows></ul>
        {show_all}
    }
}
