//! Preview panels: each shows one output and copies exactly its text.

use crate::core::request::report::Severity;
use crate::core::Outputs;
use leptos::prelude::*;

/// A titled `<pre>` with a copy button; `testid` is the UI contract's output id. The button is
/// served by the later module (`web::copy`), which copies exactly the `<pre>`'s text.
#[component]
pub fn OutputPanel(
    title: &'static str,
    testid: &'static str,
    text: Signal<String>,
) -> impl IntoView {
    let heading_id = format!("{testid}-title");
    view! {
        <div class="panel">
            <div class="panel-head">
                <h2 id=heading_id.clone()>{title}</h2>
                <button type="button" class="copy" aria-label=format!("Copy {title}")>"Copy"</button>
            </div>
            <pre data-testid=testid aria-labelledby=heading_id tabindex="0">{move || text.get()}</pre>
        </div>
    }
}

/// Every validation message of the form (`out-issues`), errors first. The list is rebuilt only
/// when the issues change, not on every keystroke.
#[component]
pub fn IssueList(out: Memo<Outputs>) -> impl IntoView {
    let issues = Memo::new(move |_| {
        out.with(|o| {
            let errors = o.report.issues.iter().filter(|i| i.severity == Severity::Error);
            let warnings = o.report.issues.iter().filter(|i| i.severity != Severity::Error);
            errors.chain(warnings).cloned().collect::<Vec<_>>()
        })
    });
    view! {
        <div class="panel issues">
            <h2>"Checks"</h2>
            <ul data-testid="out-issues" aria-live="polite">
                {move || issues.with(|issues| issues.iter().map(|issue| {
                    let class = if issue.severity == Severity::Error { "error" } else { "warning" };
                    view! { <li class=class>{issue.to_string()}</li> }
                }).collect_view())}
            </ul>
            {move || issues.with(|i| i.is_empty()).then(|| view! { <p class="ok">"No problems found."</p> })}
        </div>
    }
}
