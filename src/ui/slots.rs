//! The page's slots for the later module's views (`web::later`): the paste box, the send panel,
//! the SDK program panel, a ROA operation's request panels, the picker, and the loading of a
//! route's model. Each slot shows a static copy of its view (same elements, same text, controls
//! that take typing but do nothing yet), so the first paint looks as it will and nothing moves
//! when the real view takes over, and announces itself to the later module while it renders.
//! A copy's children are fixed (never conditional): the later module replaces them, and Leptos
//! may rebuild a slot in place for the next route, which must then find no child to insert. The send slot also offers the
//! request on screen to the send panel.

use super::send::initial_proxy_url;
use crate::core::model::{Operation, Protocol};
use crate::core::send::proxy_request;
use crate::core::Outputs;
use crate::web;
use crate::web::later::{self, Sendable};
use crate::web::worker::send;
use leptos::prelude::*;

/// The paste box's slot (`ui::paste`). `key` is the operation's route on its page: a page
/// rebuilt in place for the next operation then gets a new box, which takes over the text but
/// not the last paste's note.
#[component]
pub fn PasteSlot(#[prop(optional)] key: String) -> impl IntoView {
    later::announce();
    view! {
        <section class="paste-row" aria-label="Paste to fill" data-later="paste" data-key=key>
            <div class="paste">
                <h2 class="paste-title">"Paste a command or request to fill the form"</h2>
                // A file dropped before the paste box is in must not replace the page.
                <div class="paste-body" ondragover="event.preventDefault()" ondrop="event.preventDefault()">
                    <label for="paste-input">"aws or aliyun command, --cli-input-json document, JSON body, or query string (or drop a text file here)"</label>
                    <textarea id="paste-input" name="paste" rows="2" spellcheck="false"></textarea>
                    <button type="button" disabled>"Fill form"</button>
                </div>
            </div>
        </section>
    }
}

/// The send panel's slot (`ui::send`), for `op` and its outputs.
#[component]
pub fn SendSlot(op: &'static Operation, out: Memo<Outputs>) -> impl IntoView {
    later::announce();
    let offer = later::offer_send(move |proxy_url| {
        out.with_untracked(|o| Sendable {
            operation: op.name.to_string(),
            endpoint: o.endpoint.clone(),
            errors: o.report.error_count(),
            // The page's module cannot write a ROA request: the worker writes it from the
            // parameters, as it does for the ROA panels.
            request: if matches!(op.protocol, Protocol::AliyunRoa { .. }) {
                send::message_to_write(&op.route(), &o.json, &o.region, &proxy_url)
            } else {
                send::message(&proxy_request(op, &o.wire, &o.region, &proxy_url))
            },
        })
    });
    // Withdrawn with the page.
    StoredValue::new_local(offer);
    let proxy = initial_proxy_url();
    view! {
        <div class="panel send" data-later="send" data-key=op.route()>
            <h2>"Send through a signing proxy"</h2>
            <p class="help">"The page holds no credentials: your proxy signs. Start it for this page with "
                <code>{web::proxy_command()}</code>"."</p>
            <div class="field">
                <label for="f-proxy">"Proxy URL"</label>
                <input id="f-proxy" name="proxyUrl" type="url" autocomplete="off" spellcheck="false" value=proxy/>
            </div>
            <button type="button" class="send-button" disabled>"Send"</button>
            <h3 class="response-title">"Response"</h3>
            <pre data-testid="out-response" aria-live="polite" tabindex="0"></pre>
        </div>
    }
}

/// The SDK slot's panels (`ui::sdk`) for `op`: copies of the `OutputPanel`s it will hold
/// (`out-yaml`, AWS CLI v2's input document, hidden on Alibaba pages by `style/page.css`;
/// `out-python`, `out-js`), empty until the later module writes them.
#[component]
pub fn SdkSlot(op: &'static Operation) -> impl IntoView {
    later::announce();
    view! { <div data-later="sdk" data-key=op.route() inner_html=SDK_PANELS_HTML></div> }
}

/// The static copy of `ui::sdk`'s panels, as HTML (as `ROA_PANELS_HTML`; a test keeps it the
/// same as the view's panels).
pub const SDK_PANELS_HTML: &str = r#"<div class="panel yaml"><div class="panel-head"><h2 id="out-yaml-title">Parameters (YAML)</h2><button class="copy" type="button" aria-label="Copy Parameters (YAML)" disabled>Copy</button></div><pre data-testid="out-yaml" aria-labelledby="out-yaml-title" tabindex="0"></pre></div><div class="panel"><div class="panel-head"><h2 id="out-python-title">Python</h2><button class="copy" type="button" aria-label="Copy Python" disabled>Copy</button></div><pre data-testid="out-python" aria-labelledby="out-python-title" tabindex="0"></pre></div><div class="panel"><div class="panel-head"><h2 id="out-js-title">JavaScript</h2><button class="copy" type="button" aria-label="Copy JavaScript" disabled>Copy</button></div><pre data-testid="out-js" aria-labelledby="out-js-title" tabindex="0"></pre></div>"#;

/// A ROA operation's request panels' slot (`ui::roa`): copies of the panels it will hold,
/// empty until the later module writes them (the page's module has no ROA writer).
#[component]
pub fn RoaSlot(op: &'static Operation) -> impl IntoView {
    later::announce();
    view! { <div data-later="roa" data-key=op.route() inner_html=ROA_PANELS_HTML></div> }
}

/// The static copy of `ui::roa`'s panels, as HTML: one string costs the page's module less than
/// the code that would build the elements (a test keeps it the same as the view's panels).
pub const ROA_PANELS_HTML: &str = r#"<div class="panel"><div class="panel-head"><h2 id="out-cli-title">Alibaba Cloud CLI</h2><button class="copy" type="button" aria-label="Copy Alibaba Cloud CLI" disabled>Copy</button></div><pre data-testid="out-cli" aria-labelledby="out-cli-title" tabindex="0"></pre></div><div class="panel"><div class="panel-head"><h2 id="out-curl-title">curl</h2><button class="copy" type="button" aria-label="Copy curl" disabled>Copy</button></div><pre data-testid="out-curl" aria-labelledby="out-curl-title" tabindex="0"></pre></div><div class="panel"><div class="panel-head"><h2 id="out-http-title">HTTP request (unsigned)</h2><button class="copy" type="button" aria-label="Copy HTTP request (unsigned)" disabled>Copy</button></div><pre data-testid="out-http" aria-labelledby="out-http-title" tabindex="0"></pre></div><p class="help">Signing (ACS3-HMAC-SHA256) adds x-acs-date, x-acs-signature-nonce, x-acs-content-sha256 and Authorization.</p><div class="panel"><div class="panel-head"><h2 id="out-body-title">Body</h2><button class="copy" type="button" aria-label="Copy Body" disabled>Copy</button></div><pre data-testid="out-body" aria-labelledby="out-body-title" tabindex="0"></pre></div><div class="panel"><div class="panel-head"><h2 id="out-query-title">Query string</h2><button class="copy" type="button" aria-label="Copy Query string" disabled>Copy</button></div><pre data-testid="out-query" aria-labelledby="out-query-title" tabindex="0"></pre></div>"#;

/// The picker's slot (`ui::picker`).
#[component]
pub fn PickerSlot() -> impl IntoView {
    later::announce();
    view! {
        <main class="page picker">
            // The slot is inside the route's root: a root is rebuilt in place by the next route's.
            <div data-later="picker">
                <h1>"Cloud API request builder"</h1>
                <p class="lead">"Fill a form, get the exact request, CLI command and curl. Nothing is sent unless you ask."</p>
                <label for="op-search">"Search operations"</label>
                <input id="op-search" type="search" name="search" autofocus placeholder="dms start-replication-task, RunInstances, replication…"
                    role="combobox" aria-controls="op-list" aria-expanded="true" autocomplete="off"/>
                <p class="help" aria-live="polite" data-testid="picker-status">"Loading the operations index…"</p>
                <ul class="op-list" id="op-list" role="listbox" aria-label="Operations"
                    inner_html=crate::core::search::SHOWCASE_ROWS_HTML></ul>
            </div>
            // After the search and its list, which is what most people come for.
            <PasteSlot/>
        </main>
    }
}

/// The slot for a route whose model is not loaded yet (`ui::load`), named by `route`
/// (`aws/dms/StartReplicationTask`).
#[component]
pub fn LoadSlot(route: String, service: String) -> impl IntoView {
    later::announce();
    view! {
        <main class="page">
            <div data-later="load" data-key=route>
                <p class="loading" aria-live="polite">"Loading the " {service} " model…"</p>
            </div>
        </main>
    }
}
