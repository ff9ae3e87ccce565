//! Sending through the user's signing proxy: the proxy URL (remembered, never in a link), an
//! explicit Send with a confirmation naming the operation and the target, and the answer. The
//! page's worker (`web::worker::send`) sends the request and words the answer.

use crate::core::send::check_proxy_url;
use crate::web::{self, later, worker};
use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

const PROXY_KEY: &str = "request-builder:proxy-url";
const DEFAULT_PROXY_URL: &str = "http://127.0.0.1:8787";

/// The proxy URL to show: the one remembered from an earlier visit, else the reference proxy's
/// default address.
pub fn initial_proxy_url() -> String {
    web::load(PROXY_KEY).unwrap_or_else(|| DEFAULT_PROXY_URL.to_string())
}

/// The send panel's contents (its slot is the panel, `ui::slots::SendSlot`). The request, its
/// endpoint and its errors come from the operation's page when Send is pressed
/// (`web::later::sendable`); Confirm sends that request.
#[component]
pub fn SendPanel(
    /// The proxy URL to start with (what the slot's copy shows, maybe typed over).
    proxy_url: String,
) -> impl IntoView {
    // A URL typed into the slot's copy before this panel loaded had no handler to remember it.
    if proxy_url != initial_proxy_url() {
        web::save(PROXY_KEY, &proxy_url);
    }
    let proxy = RwSignal::new(proxy_url);
    let blocked = RwSignal::new(None::<String>);
    let summary = RwSignal::new(None::<String>);
    let response = RwSignal::new(String::new());
    let took = RwSignal::new(None::<u64>);
    let busy = RwSignal::new(false);
    // The operation and endpoint the confirmation names.
    let asked = RwSignal::new((String::new(), String::new()));
    // The request as it was when Send was pressed: what the confirmation names is what is sent.
    let pending = StoredValue::new_local(None::<JsValue>);
    let dialog = NodeRef::<Dialog>::new();

    let ask = move |_| {
        let offered = later::sendable(&proxy.get());
        let problem = match &offered {
            None => Some("Cannot send: no operation is on screen.".to_string()),
            Some(o) if o.errors > 0 => Some(format!(
                "Sending is blocked: fix the {} error(s) listed under Checks first.",
                o.errors
            )),
            Some(_) => check_proxy_url(&proxy.get()).err().map(|m| format!("Cannot send: {m}.")),
        };
        blocked.set(problem.clone());
        if let (None, Some(o)) = (problem, offered) {
            asked.set((o.operation, o.endpoint));
            pending.set_value(Some(o.request));
            // The worker sends the request; it loads while the user reads the confirmation.
            worker::warm_up();
            if let Some(dialog) = dialog.get() {
                let _ = dialog.show_modal();
            }
        }
    };
    let close = move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let confirm = move |_| {
        close();
        let Some(request) = pending.try_update_value(Option::take).flatten() else { return };
        busy.set(true);
        summary.set(None);
        response.set(String::new());
        took.set(None);
        spawn_local(async move {
            match worker::send::send(&request).await {
                Ok(shown) => {
                    summary.set(shown.summary);
                    response.set(shown.response);
                    took.set(shown.took_ms);
                }
                Err(sentence) => {
                    summary.set(None);
                    response.set(sentence);
                }
            }
            busy.set(false);
        });
    };
    view! {
        <h2>"Send through a signing proxy"</h2>
        <p class="help">"The page holds no credentials: your proxy signs. Start it for this page with "
                <code data-testid="proxy-command">{web::proxy_command()}</code>"."</p>
        <div class="field">
            <label for="f-proxy">"Proxy URL"</label>
            <input id="f-proxy" name="proxyUrl" type="url" autocomplete="off" spellcheck="false"
                prop:value=move || proxy.get()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    web::save(PROXY_KEY, &value);
                    proxy.set(value);
                }/>
        </div>
        <button type="button" class="send-button" on:click=ask disabled=move || busy.get()>
            {move || if busy.get() { "Sending…" } else { "Send" }}
        </button>
        {move || blocked.get().map(|m| view! { <p class="msg error" role="alert">{m}</p> })}
        <dialog node_ref=dialog aria-labelledby="send-title">
            <h2 id="send-title">"Send this request?"</h2>
            <p>{move || format!("{} starts a job. It goes to ", asked.with(|a| a.0.clone()))}<code>{move || asked.with(|a| a.1.clone())}</code>
                " through the proxy at "<code>{move || proxy.get()}</code>"."</p>
            <div class="dialog-buttons">
                <button type="button" on:click=confirm>"Confirm send"</button>
                <button type="button" on:click=move |_| close()>"Cancel"</button>
            </div>
        </dialog>
        {move || took.get().map(|ms| view! { <p class="help">{format!("Answered in {ms} ms.")}</p> })}
        {move || summary.get().map(|s| view! { <p class="msg error" data-testid="response-summary">{s}</p> })}
        <h3 class="response-title">"Response"</h3>
        <pre data-testid="out-response" aria-live="polite" tabindex="0">{move || response.get()}</pre>
    }
}
