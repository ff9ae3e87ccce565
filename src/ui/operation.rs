//! One operation's page: owns the form state (the AWS CLI version with it) and the shell, and
//! derives every output from them.

use super::fields::{Fields, FormCtx};
use super::outputs::{IssueList, OutputPanel};
use crate::core::cli::shell::Shell;
use crate::core::model::{AwsCli, Cloud, Operation, Protocol};
use crate::core::request::form::FormState;
use crate::core::{outputs, route, wire, Outputs};
use crate::web::{self, AWSCLI_KEY};
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long typing must pause before the permalink and the draft are written.
const SAVE_DELAY: Duration = Duration::from_millis(250);

fn draft_key(op: &Operation) -> String {
    format!("request-builder:draft:{}", op.route())
}

/// The form for `op`: from the permalink's state when the link carries one, else from the
/// saved draft, else empty. `embed` (the embed mode, `web::embed_mode`) hides the page chrome
/// for the docs portal's iframe.
#[component]
pub fn OperationPage(
    op: &'static Operation,
    initial: Option<FormState>,
    embed: Option<&'static str>,
) -> impl IntoView {
    let empty = move || {
        let mut form = FormState::new(op.default_region());
        form.awscli = web::load(AWSCLI_KEY).and_then(|v| AwsCli::from_id(&v)).unwrap_or_default();
        form
    };
    let start = initial
        .or_else(|| web::load(&draft_key(op)).map(|draft| route::form_from_query(op, &draft)))
        .unwrap_or_else(empty);
    let v1_at_start = start.awscli == AwsCli::V1;
    let form = RwSignal::new(start);
    let shell = RwSignal::new(Shell::Posix);
    let out = Memo::new(move |_| form.with(|f| outputs(op, f, shell.get())));
    // A plain shared cell, not reactive storage: the cleanup below runs while the page's
    // reactive nodes are being disposed. The permalink's text is made when the timer fires,
    // not on every keystroke.
    let pending: Arc<Mutex<Option<TimeoutHandle>>> = Arc::default();
    let save_later = pending.clone();
    Effect::new(move |first_run: Option<()>| {
        form.track();
        if first_run.is_none() {
            return;
        }
        let mut slot = save_later.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(handle) = slot.take() {
            handle.clear();
        }
        let done = save_later.clone();
        let save = move || {
            done.lock().unwrap_or_else(|e| e.into_inner()).take();
            let Some(saved) = form.try_with_untracked(|f| route::state_query(op, f)) else {
                return;
            };
            let suffix = embed.map(|mode| format!("&embed={mode}")).unwrap_or_default();
            web::replace_hash(&format!("#/{}?{saved}{suffix}", op.route()));
            web::save(&draft_key(op), &saved);
        };
        *slot = set_timeout_with_handle(save, SAVE_DELAY).ok();
    });
    // Leaving the page within the delay: keep the draft, but never rewrite the address, which
    // by now belongs to the page being opened. (Cleanups run before the page's own signals are
    // disposed, so the form can still be read.)
    on_cleanup(move || {
        if let Some(handle) = pending.lock().unwrap_or_else(|e| e.into_inner()).take() {
            handle.clear();
            if let Some(state) = form.try_with_untracked(|f| route::state_query(op, f)) {
                web::save(&draft_key(op), &state);
            }
        }
    });
    let reset = move |_| {
        // For the later module's "Undo reset" (`web::form_aids`): the link and the secrets.
        form.with_untracked(|f| {
            web::later::stash_undo(&route::permalink(op, f), &route::secrets_query(op, f))
        });
        web::forget(&draft_key(op));
        // Which secrets commands read from the environment is kept, as the shell is.
        let mut fresh = empty();
        fresh.env = form.with_untracked(|f| f.env.clone());
        form.set(fresh);
    };
    let ctx = FormCtx::new(op, form, out);
    // What the first screen does not show (the panels below curl, the send panel, the region
    // suggestions) is built once that screen is painted: the form comes some 3 ms sooner on a
    // cold load (issue 13), and what those parts show does not change.
    let painted = RwSignal::new(false);
    web::after_paint(move || {
        painted.try_set(true);
    });
    let roa = matches!(op.protocol, Protocol::AliyunRoa { .. });
    let cli_name = match op.cloud {
        Cloud::Aws => "AWS CLI",
        Cloud::Aliyun => "Alibaba Cloud CLI",
    };
    view! {
        <main class="page operation">
            {embed.is_none().then(|| view! { <nav class="crumbs" aria-label="Breadcrumb"><a href="#/">"All operations"</a></nav> })}
            <header>
                <p class="service">{op.service_title}</p>
                <h1>{op.name}</h1>
                <p class="lead">{op.summary}</p>
                <button type="button" class="reset" on:click=reset>"Reset form"</button>
                // Served by the later module (`web::copy`): copies the page's link.
                <button type="button" class="reset copy-link">"Copy link"</button>
            </header>
            // Below the heading: the page says what it is before it offers to fill it.
            <super::slots::PasteSlot key=op.route()/>
            <div class="columns">
                <section class="form" aria-label="Parameters">
                    <div class="field">
                        // An id no member's control has (`fields::dom_id` starts with `f-`):
                        // MaxCompute has a member called `region`.
                        <label for="region">"Region"</label>
                        <input id="region" name="region" list="regions" autocomplete="off"
                            prop:value=move || form.with(|f| f.region.clone())
                            on:input=move |ev| form.update(|f| f.region = event_target_value(&ev))/>
                        <datalist id="regions">
                            {move || painted.get().then(|| op.regions().iter().map(|r| view! { <option value=r.as_str()/> }).collect_view().into_any())}
                        </datalist>
                        <p class="help">"Endpoint: " <code>{let endpoint = Memo::new(move |_| out.with(|o| o.endpoint.clone())); move || endpoint.get()}</code></p>
                    </div>
                    <Fields ctx=ctx shape=op.input prefix=String::new()/>
                </section>
                <section class="outputs" aria-label="Request">
                    <div class="field shell">
                        <label for="f-shell">"Shell"</label>
                        // The selects start from what they show and are only changed by the user
                        // (a paste or a link opens a new page), so their options need no reactive
                        // state: a few hundred bytes less in the first transfer.
                        <select id="f-shell" name="shell"
                            on:change=move |ev| shell.set(Shell::from_id(&event_target_value(&ev)).unwrap_or_default())>
                            {Shell::ALL.iter().map(|s| view! { <option value=s.id()>{s.label()}</option> }).collect_view()}
                        </select>
                        // Always built and hidden on Alibaba Cloud pages: a conditional view costs
                        // the first transfer more than the hidden element.
                        <span class="awscli" hidden=op.cloud != Cloud::Aws>
                            <label for="f-awscli">"AWS CLI"</label>
                            <select id="f-awscli" name="awscli" on:change=move |ev| {
                                let chosen = AwsCli::from_id(&event_target_value(&ev)).unwrap_or_default();
                                web::save(AWSCLI_KEY, chosen.id());
                                form.update(|f| f.awscli = chosen);
                            }>
                                <option value="v2">"v2"</option>
                                <option value="v1" selected=v1_at_start>"v1"</option>
                            </select>
                        </span>
                    </div>
                    <IssueList out=out/>
                    {if roa {
                        // The worker writes a ROA request into the later module's panels, from
                        // out-json (shown at once, for them to read).
                        view! {
                            <super::slots::RoaSlot op=op/>
                            <OutputPanel title="Parameters (JSON)" testid="out-json" text=output_text(out, |o| &o.json)/>
                        }.into_any()
                    } else {
                        view! {
                            <OutputPanel title=cli_name testid="out-cli" text=output_text(out, |o| &o.cli)/>
                            {
                                let warnings = Memo::new(move |_| out.with(|o| o.shell_warnings.clone()));
                                move || warnings.with(|w| (!w.is_empty()).then(|| view! {
                                    <ul class="shell-warnings">{w.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                                }))
                            }
                            <OutputPanel title="curl" testid="out-curl" text=output_text(out, |o| &o.curl)/>
                        }.into_any()
                    }}
                    {move || painted.get().then(|| view! {
                        {(!roa).then(|| view! {
                            <OutputPanel title="Parameters (JSON)" testid="out-json" text=output_text(out, |o| &o.json)/>
                            <OutputPanel title="HTTP request (unsigned)" testid="out-http" text=output_text(out, |o| &o.http)/>
                            <p class="help">{wire::signing_note(op)}</p>
                            <OutputPanel title="Body" testid="out-body" text=output_text(out, |o| &o.body)/>
                            <OutputPanel title="Query string" testid="out-query" text=output_text(out, |o| &o.query)/>
                        })}
                        <super::slots::SdkSlot op=op/>
                        <super::slots::SendSlot op=op out=out/>
                    }.into_any())}
                </section>
            </div>
        </main>
    }
}

/// One output's text, as a signal that changes only when that text does. (One function for all
/// panels: a closure per panel would compile the memo's code once per panel.)
fn output_text(out: Memo<Outputs>, pick: fn(&Outputs) -> &String) -> Signal<String> {
    Signal::from(Memo::new(move |_| out.with(|o| pick(o).clone())))
}
