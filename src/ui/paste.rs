//! The paste box: a pasted command or document (or a dropped text file) fills the form of the
//! operation it names. Nothing changes unless the whole paste parses.

use crate::core::model::AwsCli;
use crate::core::paste::fill::{Failed, Filled};
use crate::core::route::{self, Route};
use crate::web::{self, later, worker, AWSCLI_KEY};
use leptos::prelude::*;
use leptos::task::spawn_local;

thread_local! {
    /// What the paste box held when its page was left: the text, and the note of a paste that
    /// opened a filled form, for the box of the page it opened (taken once).
    static CARRIED: std::cell::RefCell<(String, Option<String>)> = const { std::cell::RefCell::new((String::new(), None)) };
}

/// A textarea and a `Fill form` button; parse errors show with a caret under the place. The
/// paste is read by the page's worker (`web::worker::paste`), started when the box gets focus.
#[component]
pub fn PasteBox(
    /// The text to start with (what was typed into the slot's copy).
    initial: String,
) -> impl IntoView {
    // Each page has its own box: the next one takes over the text, and the note of the paste
    // that opened it.
    let (carried, carried_note) = CARRIED.with(|c| {
        let mut carried = c.borrow_mut();
        (carried.0.clone(), carried.1.take())
    });
    let text = RwSignal::new(if initial.is_empty() { carried } else { initial });
    let error = RwSignal::new(None::<Failed>);
    let note = RwSignal::new(carried_note);
    Effect::new(move |_| {
        let typed = text.get();
        CARRIED.with(|c| c.borrow_mut().0 = typed);
    });
    let open = move |filled: Filled| {
        CARRIED.with(|c| c.borrow_mut().1 = Some(filled.note.clone()));
        note.set(Some(filled.note));
        error.set(None);
        later::hand_secrets(&filled.hash, &filled.secrets);
        web::set_hash(&filled.hash);
    };
    let fill = move |_| {
        // The operation on screen, from the address: this module has no models loaded, so
        // the route names a service to load, which is all the worker needs.
        let (current, awscli) = match route::parse(&web::hash()) {
            Route::Operation(op, form) => (Some(op.route()), form.map(|f| f.awscli)),
            Route::NeedsService { cloud, service, operation } => {
                (Some(crate::core::model::names::route(cloud, &service, &operation)), None)
            }
            _ => (None, None),
        };
        // The version on screen (the form's link carries a non-default one), else the one
        // last chosen.
        let awscli = awscli
            .or_else(|| web::load(AWSCLI_KEY).and_then(|v| AwsCli::from_id(&v)))
            .unwrap_or_default();
        let pasted = text.get_untracked();
        note.set(Some("Reading the paste…".to_string()));
        spawn_local(async move {
            match worker::paste::fill(pasted, current, awscli, &later::loaded_sources()).await {
                Ok(Ok(filled)) => open(filled),
                Ok(Err(failed)) => {
                    note.set(None);
                    error.set(Some(failed));
                }
                Err(problem) => {
                    note.set(None);
                    error.set(Some(Failed {
                        message: problem,
                        line: String::new(),
                        caret: String::new(),
                        hint: None,
                        partial: None,
                    }));
                }
            }
        });
    };
    let take = move |_| {
        if let Some((partial, _)) =
            error.with_untracked(|e| e.as_ref().and_then(|f| f.partial.clone()))
        {
            open(partial);
        }
    };
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        worker::warm_up();
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
                    on:focus=|_| worker::warm_up()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="button" on:click=fill>"Fill form"</button>
                {move || error.get().map(|e| view! {
                    <div class="paste-error" role="alert" data-testid="paste-error">
                        <p>{e.message}</p>
                        {(!e.caret.is_empty()).then(|| view! { <pre>{format!("{}\n{}", e.line, e.caret)}</pre> })}
                        {e.hint.map(|h| view! { <p class="hint">"Hint: " {h}</p> })}
                    </div>
                })}
                {move || error.with(|e| e.as_ref().and_then(|f| f.partial.as_ref().map(|(_, n)| *n))).map(|n| view! {
                    <button type="button" on:click=take>{format!("Fill with what parsed, dropping {n} problem(s)")}</button>
                })}
                {move || note.get().map(|n| view! { <p class="paste-note" role="status">{n}</p> })}
            </div>
        </div>
    }
}
