//! A ROA operation's request panels (`out-cli`, `out-curl`, `out-http`, `out-body`,
//! `out-query`), in the later module: the page's own module carries no ROA writer (it would add
//! some 3 KB to the first transfer of every operation link), so it leaves a slot
//! (`slots::RoaSlot`) and this view fills it with what the worker writes
//! (`web::worker::outputs`) from what the page shows. It asks at once and again whenever
//! `out-json` or a control changes, and shows the newest answer only.

use super::outputs::OutputPanel;
use super::watch::{shown, Watch};
use crate::core::wire::ACS3_SIGNING_NOTE;
use crate::web::worker::outputs::{written, Written};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The panels for the ROA operation of `route`.
#[component]
pub fn RoaPanels(route: String) -> impl IntoView {
    let texts = RwSignal::new(Written::default());
    let asked = Rc::new(RefCell::new(None));
    let newest = Rc::new(Cell::new(0u32));
    let refresh = Rc::new(move || {
        let Some(shown) = shown(&route) else { return };
        if asked.borrow().as_ref() == Some(&shown) {
            return;
        }
        *asked.borrow_mut() = Some(shown.clone());
        newest.set(newest.get().wrapping_add(1));
        let (number, newest) = (newest.get(), newest.clone());
        spawn_local(async move {
            let answer = written(&shown).await.unwrap_or_else(|why| Written {
                cli: why.clone(),
                curl: why,
                ..Written::default()
            });
            if newest.get() == number {
                texts.try_set(answer);
            }
        });
    });
    let watch = Watch::start(refresh.clone(), None);
    refresh();
    // Stopped with the panels.
    StoredValue::new_local(watch);
    let text = |pick: fn(&Written) -> &String| {
        Signal::from(Memo::new(move |_| texts.with(|t| pick(t).clone())))
    };
    view! {
        <OutputPanel title="Alibaba Cloud CLI" testid="out-cli" text=text(|t| &t.cli)/>
        {move || texts.with(|t| (!t.shell_warnings.is_empty()).then(|| view! {
            <ul class="shell-warnings">{t.shell_warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
        }))}
        <OutputPanel title="curl" testid="out-curl" text=text(|t| &t.curl)/>
        <OutputPanel title="HTTP request (unsigned)" testid="out-http" text=text(|t| &t.http)/>
        <p class="help">{ACS3_SIGNING_NOTE}</p>
        <OutputPanel title="Body" testid="out-body" text=text(|t| &t.body)/>
        <OutputPanel title="Query string" testid="out-query" text=text(|t| &t.query)/>
    }
}
