//! The operation picker at `#/`: every operation, filtered by a search box.

use crate::core::catalog::OPERATIONS;
use leptos::prelude::*;

/// Lists the operations; typing filters across cloud, service and operation names.
#[component]
pub fn Picker() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let matches = move |text: &str| {
        let q = query.get().to_ascii_lowercase();
        q.split_whitespace().all(|word| text.to_ascii_lowercase().contains(word))
    };
    view! {
        <main class="page picker">
            <h1>"Cloud API request builder"</h1>
            <p class="lead">"Fill a form, get the exact request, CLI command and curl. Nothing is sent unless you ask."</p>
            <label for="op-search">"Search operations"</label>
            <input id="op-search" type="search" name="search" placeholder="dms, migration, aliyun…"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/>
            <ul class="op-list">
                {OPERATIONS.iter().map(|op| {
                    let haystack = format!("{} {} {} {} {}", op.cloud.slug(), op.service, op.service_title, op.name, op.summary);
                    view! {
                        <li style:display=move || if matches(&haystack) { "" } else { "none" }>
                            <a href=format!("#/{}", op.route())>
                                <span class="op-name">{op.name}</span>
                                <span class="op-service">{op.service_title}</span>
                            </a>
                            <p>{op.summary}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </main>
    }
}
