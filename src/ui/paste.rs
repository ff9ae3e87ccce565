//! The paste box: a pasted command or document (or a dropped text file) fills the form of the
//! operation it names. Nothing changes unless the whole paste parses.

use crate::core::paste::{self, ParseError, Pasted};
use crate::core::route::{self, Route};
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A textarea and a `Fill form` button; parse errors show with a caret under the place.
#[component]
pub fn PasteBox(
    /// The location hash, to know which operation is on screen.
    hash: RwSignal<String>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ParseError>);
    let note = RwSignal::new(None::<String>);
    // What a failed paste would still fill, when the problems are only in some options.
    let partial = RwSignal::new(None::<Pasted>);
    let open_pasted = move |pasted: Pasted| {
        let mut message = format!("Filled {} from the paste", pasted.op.name);
        if !pasted.ignored.is_empty() {
            message.push_str(&format!("; ignored {}", pasted.ignored.join(", ")));
        }
        if !pasted.dropped.is_empty() {
            let dropped: Vec<&str> = pasted.dropped.iter().map(|e| e.message.as_str()).collect();
            message.push_str(&format!("; dropped: {}", dropped.join("; ")));
        }
        message.push('.');
        note.set(Some(message));
        error.set(None);
        partial.set(None);
        web::set_hash(&route::permalink(pasted.op, &pasted.form));
    };
    let parse_now = move || {
        let current = match route::parse(&hash.get_untracked()) {
            Route::Operation(op, _) => Some(op),
            _ => None,
        };
        match text.with_untracked(|t| paste::parse(t, current)) {
            Ok(pasted) => open_pasted(pasted),
            Err(e) => {
                note.set(None);
                error.set(Some(e));
                let lenient = text.with_untracked(|t| paste::parse_taking_what_parsed(t, current));
                partial.set(lenient.ok().filter(|p| !p.dropped.is_empty()));
            }
        }
    };
    // The services a command names are fetched first, so the parse sees their operations.
    let fill = move |_| {
        let needed = text.with_untracked(|t| paste::services_named(t));
        spawn_local(async move {
            for (cloud, service) in needed {
                // A service that cannot be loaded is reported by the parse ("no such service").
                let _ = web::load_service(cloud, &service).await;
            }
            parse_now();
        });
    };
    let take = move |_| {
        if let Some(pasted) = partial.get_untracked() {
            open_pasted(pasted);
        }
    };
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        spawn_local(async move {
            if let Some(content) = web::dropped_text(ev).await {
                text.set(content);
            }
        });
    };
    view! {
        <div class="paste">
            <h2 class="paste-title">"Paste a command or request to fill the form"</h2>
            <div class="paste-body" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=drop>
                <label for="paste-input">"aws or aliyun command, --cli-input-json document, JSON body, or query string (or drop a text file here)"</label>
                <textarea id="paste-input" name="paste" rows="2" spellcheck="false"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="button" on:click=fill>"Fill form"</button>
                {move || error.get().map(|e| {
                    let (line, caret) = e.caret();
                    view! {
                        <div class="paste-error" role="alert" data-testid="paste-error">
                            <p>{e.message.clone()}</p>
                            <pre>{format!("{line}\n{caret}")}</pre>
                            {e.hint.clone().map(|h| view! { <p class="hint">"Hint: " {h}</p> })}
                        </div>
                    }
                })}
                {move || partial.with(|p| p.as_ref().map(|p| p.dropped.len())).map(|n| view! {
                    <button type="button" on:click=take>{format!("Fill with what parsed, dropping {n} problem(s)")}</button>
                })}
                {move || note.get().map(|n| view! { <p class="paste-note" role="status">{n}</p> })}
            </div>
        </div>
    }
}
