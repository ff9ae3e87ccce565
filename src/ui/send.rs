//! Sending through the user's signing proxy: the proxy URL (remembered, never in a link), an
//! explicit Send with a confirmation naming the operation and the target, and the answer. The
//! page's worker (`web::worker::send`) sends the request and words the answer.

use crate::core::model::Operation;
use crate::core::send::{check_proxy_url, proxy_request};
use crate::core::Outputs;
use crate::web::{self, worker};
use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::task::spawn_local;

const PROXY_KEY: &str = "request-builder:proxy-url";

/// The send panel for one operation.
#[component]
pub fn SendPanel(
    /// The operation on screen.
    op: &'static Operation,
    /// The built request, its wire form and its report.
    out: Memo<Outputs>,
) -> impl IntoView {
    let proxy = RwSignal::new(web::load(PROXY_KEY).unwrap_or_else(|| "http://127.0.0.1:8787".to_string()));
    let blocked = RwSignal::new(None::<String>);
    let summary = RwSignal::new(None::<String>);
    let response = RwSignal::new(String::new());
    let took = RwSignal::new(None::<u64>);
    let busy = RwSignal::new(false);
    let dialog = NodeRef::<Dialog>::new();
    let target = Memo::new(move |_| out.with(|o| o.endpoint.clone()));

    let ask = move |_| {
        let errors = out.with(|o| o.report.error_count());
        let problem = if errors > 0 {
            Some(format!("Sending is blocked: fix the {errors} error(s) listed under Checks first."))
        } else {
            check_proxy_url(&proxy.get()).err().map(|m| format!("Cannot send: {m}."))
        };
        blocked.set(problem.clone());
        if problem.is_none() {
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
        let outgoing = out.with(|o| proxy_request(op, &o.wire, &o.region, &proxy.get()));
        busy.set(true);
        summary.set(None);
        response.set(String::new());
        took.set(None);
        spawn_local(async move {
            match worker::send::send(outgoing).await {
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
        <div class="panel send">
            <h2>"Send through a signing proxy"</h2>
            <p class="help">"The page never holds credentials: your proxy signs the request. Run it with "
                <code>"cargo run -p signing-proxy"</code>" (see the README)."</p>
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
                <p>{format!("{} starts a job. It goes to ", op.name)}<code>{move || target.get()}</code>
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
        </div>
    }
}
