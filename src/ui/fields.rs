//! Form controls generated from the model: one control per scalar member, a fieldset per
//! structure, add/remove buttons per list. Control names are the member paths of the UI
//! contract; messages come from the core's report, looked up by the same path.

use crate::core::form::{item, join, FormState};
use crate::core::model::{Kind, Member};
use crate::core::report::Severity;
use crate::core::Outputs;
use leptos::prelude::*;

/// What every control needs: the operation, the raw form state and the derived outputs.
#[derive(Clone, Copy)]
pub struct FormCtx {
    /// Raw strings as typed.
    pub form: RwSignal<FormState>,
    /// Outputs derived from the form (including the report).
    pub out: Memo<Outputs>,
}

/// The controls for a list of members under `prefix` ("" at the top level).
#[component]
pub fn Fields(ctx: FormCtx, members: &'static [Member], prefix: String) -> impl IntoView {
    members.iter().map(|member| member_view(ctx, member, join(&prefix, member.name))).collect_view()
}

/// A DOM id for a path: `Includes[0].Value` -> `f-Includes-0--Value`.
fn dom_id(path: &str) -> String {
    let safe: String = path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("f-{safe}")
}

fn member_view(ctx: FormCtx, member: &'static Member, path: String) -> AnyView {
    match &member.kind {
        Kind::Structure(children) => structure_view(ctx, member, children, path),
        Kind::List { item: item_kind, .. } => list_view(ctx, member, item_kind, path),
        _ => scalar_view(ctx, member, &member.kind, path, member.name.to_string()),
    }
}

fn structure_view(ctx: FormCtx, member: &'static Member, children: &'static [Member], path: String) -> AnyView {
    let required = if member.required { " (required)" } else { "" };
    view! {
        <fieldset class="structure">
            <legend>{member.name}{required}</legend>
            <p class="help">{member.doc}</p>
            <Fields ctx=ctx members=children prefix=path/>
        </fieldset>
    }
    .into_any()
}

fn list_view(ctx: FormCtx, member: &'static Member, item_kind: &'static Kind, path: String) -> AnyView {
    let form = ctx.form;
    let len = {
        let path = path.clone();
        Memo::new(move |_| form.with(|f| f.list_len(&path)))
    };
    let items = {
        let path = path.clone();
        move || {
            (0..len.get().unwrap_or(0))
                .map(|i| list_item_view(ctx, member, item_kind, path.clone(), i))
                .collect_view()
        }
    };
    let add = {
        let path = path.clone();
        move |_| form.update(|f| {
            f.add_item(&path);
        })
    };
    let unset = {
        let path = path.clone();
        move |_| form.update(|f| f.unset_list(&path))
    };
    let messages = messages_view(ctx, path.clone());
    view! {
        <fieldset class="list" aria-describedby=format!("{}-msg", dom_id(&path))>
            <legend>{member.name}</legend>
            <p class="help">{member.doc}</p>
            {items}
            {move || (len.get() == Some(0)).then(|| view! {
                <p class="empty-list">"Empty list: sent as []. "
                    <button type="button" aria-label=format!("Unset {}", member.name) on:click=unset.clone()>"Unset"</button>
                </p>
            })}
            {messages}
            <button type="button" class="add" aria-label=format!("Add {path}") on:click=add>"+ Add " {member.name}</button>
        </fieldset>
    }
    .into_any()
}

fn list_item_view(ctx: FormCtx, member: &'static Member, item_kind: &'static Kind, list: String, index: usize) -> AnyView {
    let path = item(&list, index);
    let remove = {
        let list = list.clone();
        move |_| ctx.form.update(|f| f.remove_item(&list, index))
    };
    let body = match item_kind {
        Kind::Structure(children) => view! { <Fields ctx=ctx members=children prefix=path.clone()/> }.into_any(),
        scalar => scalar_view(ctx, member, scalar, path.clone(), format!("{} {}", member.name, index + 1)),
    };
    view! {
        <div class="list-item" role="group" aria-label=format!("{} item {}", member.name, index + 1)>
            <div class="list-item-head">
                <span>{format!("{} #{}", member.name, index + 1)}</span>
                <button type="button" class="remove" aria-label=format!("Remove {path}") on:click=remove>"Remove"</button>
            </div>
            {body}
        </div>
    }
    .into_any()
}

/// Issue messages at exactly `path`, under an id that controls point `aria-describedby` at.
fn messages_view(ctx: FormCtx, path: String) -> impl IntoView {
    let id = format!("{}-msg", dom_id(&path));
    let issues = Memo::new(move |_| {
        ctx.out.with(|o| o.report.at(&path).map(|i| (i.severity, i.kind.to_string())).collect::<Vec<_>>())
    });
    view! {
        <div id=id class="messages" aria-live="polite">
            {move || issues.get().into_iter().map(|(severity, text)| {
                let class = if severity == Severity::Error { "msg error" } else { "msg warning" };
                view! { <p class=class>{text}</p> }
            }).collect_view()}
        </div>
    }
}

fn scalar_view(ctx: FormCtx, member: &'static Member, kind: &'static Kind, path: String, label: String) -> AnyView {
    let form = ctx.form;
    let id = dom_id(&path);
    let msg_id = format!("{id}-msg");
    let help_id = format!("{id}-help");
    let has_issue = {
        let path = path.clone();
        Memo::new(move |_| ctx.out.with(|o| o.report.at(&path).map(|i| i.severity).max()))
    };
    let invalid = move || (has_issue.get() == Some(Severity::Error)).then_some("true");
    let described_by = {
        let (msg_id, help_id) = (msg_id.clone(), help_id.clone());
        move || if has_issue.get().is_some() { msg_id.clone() } else { help_id.clone() }
    };
    let value = {
        let path = path.clone();
        move || form.with(|f| f.get(&path).to_string())
    };
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| form.update(|f| f.set(&path, &event_target_value(&ev)))
    };
    let control = match kind {
        Kind::Enum { values, .. } => {
            let choices: Vec<&'static str> = values.iter().map(|v| v.value).collect();
            select_view(id.clone(), path.clone(), member.required, choices, value, on_input, invalid, described_by)
        }
        Kind::Boolean => {
            select_view(id.clone(), path.clone(), false, vec!["true", "false"], value, on_input, invalid, described_by)
        }
        _ => {
            let placeholder = match kind {
                Kind::Timestamp => "2026-03-08T12:12:12Z or 1772971932",
                Kind::Integer(_) | Kind::Long(_) => "a whole number",
                _ => "",
            };
            view! {
                <input id=id.clone() name=path.clone() type="text" autocomplete="off" spellcheck="false"
                    placeholder=placeholder
                    aria-invalid=invalid aria-describedby=described_by
                    prop:value=value on:input=on_input/>
            }
            .into_any()
        }
    };
    let required = member.required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> });
    let enum_docs = match kind {
        Kind::Enum { values, .. } if values.iter().any(|v| !v.doc.is_empty()) => Some(view! {
            <dl class="enum-docs">
                {values.iter().map(|v| view! { <dt>{v.value}</dt><dd>{v.doc}</dd> }).collect_view()}
            </dl>
        }),
        _ => None,
    };
    view! {
        <div class="field">
            <label for=id>{label}{required}</label>
            {control}
            <p class="help" id=help_id>{member.doc}</p>
            {enum_docs}
            {messages_view(ctx, path)}
        </div>
    }
    .into_any()
}

#[allow(clippy::too_many_arguments)]
fn select_view(
    id: String,
    path: String,
    required: bool,
    choices: Vec<&'static str>,
    value: impl Fn() -> String + Clone + Send + Sync + 'static,
    on_input: impl FnMut(leptos::ev::Event) + 'static,
    invalid: impl Fn() -> Option<&'static str> + Send + Sync + 'static,
    described_by: impl Fn() -> String + Send + Sync + 'static,
) -> AnyView {
    let empty_label = if required { "— choose —" } else { "not set" };
    // A value from a link or a paste that is not a choice stays visible (and reported).
    let foreign = {
        let (value, choices) = (value.clone(), choices.clone());
        move || {
            let current = value();
            (!current.is_empty() && !choices.contains(&current.as_str()))
                .then(|| view! { <option value=current.clone() selected=true>{format!("{current} (not a valid value)")}</option> })
        }
    };
    view! {
        <select id=id name=path aria-invalid=invalid aria-describedby=described_by on:change=on_input>
            <option value="" selected={let value = value.clone(); move || value().is_empty()}>{empty_label}</option>
            {foreign}
            {choices.into_iter().map(|choice| {
                let value = value.clone();
                view! { <option value=choice selected=move || value() == choice>{choice}</option> }
            }).collect_view()}
        </select>
    }
    .into_any()
}
