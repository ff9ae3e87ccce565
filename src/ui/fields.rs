//! Form controls generated from the model: one control per scalar member, a fieldset per
//! structure (folded until opened when the operation is large or the shape recursive), add and
//! remove buttons per list and map. Control names are the member paths of the UI contract;
//! messages come from the core's report, looked up by the same path.

use crate::core::model::{Check, Kind, Member, Operation, Structure};
use crate::core::request::form::{entry_key, entry_value, item, join, FormState};
use crate::core::request::report::{Issue, Severity};
use crate::core::Outputs;
use crate::web;
use leptos::prelude::*;

/// What every control needs: the raw form state, the derived outputs, whether optional
/// structures start folded, and the bound controls that follow them.
#[derive(Clone, Copy)]
pub struct FormCtx {
    /// Raw strings as typed.
    pub form: RwSignal<FormState>,
    /// Outputs derived from the form (including the report).
    pub out: Memo<Outputs>,
    /// Fold optional structures until opened (large operations).
    pub fold: bool,
    /// The operation (secrets that commands may read from the environment).
    op: &'static Operation,
    bound: StoredValue<Vec<Bound>>,
}

/// One control's view of the form: its value and the issues at its path. A keystroke changes
/// one value and a few issues, so one pass after each change updates only the controls whose
/// value or issues differ; the other controls' bindings do not run at all (with a memo per
/// control, every keystroke re-ran hundreds of lookups on a large operation).
#[derive(Clone)]
struct Bound {
    path: String,
    value: RwSignal<String>,
    issues: RwSignal<Vec<Issue>>,
}

impl FormCtx {
    /// The context for one operation's form, with the pass that keeps its controls in step.
    pub fn new(op: &'static Operation, form: RwSignal<FormState>, out: Memo<Outputs>) -> Self {
        let fold = should_fold(op.input);
        let bound = StoredValue::new(Vec::<Bound>::new());
        Effect::new(move |_| {
            form.with(|f| {
                out.with(|o| {
                    bound.with_value(|controls| {
                        for control in controls {
                            let value = f.get(&control.path);
                            if control.value.with_untracked(|v| v != value) {
                                control.value.set(value.to_string());
                            }
                            let same = control
                                .issues
                                .with_untracked(|old| old.iter().eq(o.report.at(&control.path)));
                            if !same {
                                control.issues.set(o.report.at(&control.path).cloned().collect());
                            }
                        }
                    })
                })
            })
        });
        FormCtx { form, out, fold, op, bound }
    }

    /// Binds a control at `path`, from the current state, until the control goes away.
    fn bind(self, path: &str) -> (RwSignal<String>, RwSignal<Vec<Issue>>) {
        let value = RwSignal::new(self.form.with_untracked(|f| f.get(path).to_string()));
        let issues =
            RwSignal::new(self.out.with_untracked(|o| o.report.at(path).cloned().collect()));
        self.bound.update_value(|controls| {
            controls.push(Bound { path: path.to_string(), value, issues })
        });
        let bound = self.bound;
        on_cleanup(move || {
            bound.try_update_value(|controls| controls.retain(|c| c.value != value));
        });
        (value, issues)
    }
}

/// The most scalar controls an operation may have before its optional structures fold.
const UNFOLDED_LEAVES: usize = 60;

/// Whether an operation's form is large enough (or recursive) to fold optional structures.
pub fn should_fold(input: &'static Structure) -> bool {
    fn leaves(shape: &'static Structure, seen: &mut Vec<*const Structure>, budget: &mut usize) {
        if seen.contains(&(shape as *const _)) {
            *budget = 0;
            return;
        }
        seen.push(shape);
        for member in shape.members() {
            if *budget == 0 {
                return;
            }
            kind_leaves(member.kind, seen, budget);
        }
        seen.pop();
    }
    fn kind_leaves(kind: &'static Kind, seen: &mut Vec<*const Structure>, budget: &mut usize) {
        match kind {
            Kind::Structure(shape) => leaves(shape, seen, budget),
            Kind::List { item, .. } => kind_leaves(item.kind, seen, budget),
            Kind::Map { value, .. } => kind_leaves(value.kind, seen, budget),
            _ => *budget = budget.saturating_sub(1),
        }
    }
    let mut budget = UNFOLDED_LEAVES;
    leaves(input, &mut Vec::new(), &mut budget);
    budget == 0
}

/// The controls for the members of a structure under `prefix` ("" at the top level): required
/// members first, then the optional ones, then the deprecated and internal ones
/// (`Member::aside`), each marked in its label and by the class `aside`, which the later module
/// folds behind one toggle (`web::form_aids`). The order is the form's only: the request keeps
/// the model's.
#[component]
pub fn Fields(ctx: FormCtx, shape: &'static Structure, prefix: String) -> impl IntoView {
    let members = shape.members();
    let rank = |m: &&Member| (!m.required as u8) + m.aside.is_some() as u8;
    let ordered = (0..3).flat_map(move |r| members.iter().filter(move |m| rank(m) == r));
    ordered
        .map(|member| {
            let label = match member.aside {
                Some(aside) => format!("{} ({})", member.name, aside.word()),
                None => member.name.to_string(),
            };
            member_view(ctx, member, join(&prefix, member.name), label)
        })
        .collect_view()
}

/// A member's class: `usual`, or `aside` when the form sets it apart (`Fields`).
fn class_of(member: &Member, usual: &'static str, aside: &'static str) -> &'static str {
    if member.aside.is_some() {
        aside
    } else {
        usual
    }
}

/// A DOM id for a path: `Includes[0].Value` -> `f-Includes-0--Value`.
fn dom_id(path: &str) -> String {
    let safe: String =
        path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("f-{safe}")
}

fn member_view(ctx: FormCtx, member: &'static Member, path: String, label: String) -> AnyView {
    match member.kind {
        Kind::Structure(shape) => structure_view(ctx, member, shape, path, label),
        Kind::List { item: item_member, .. } => list_view(ctx, member, item_member, path, label),
        Kind::Map { key, value, .. } => map_view(ctx, member, key, value, path, label),
        _ => scalar_view(ctx, member, path, label),
    }
}

fn structure_view(
    ctx: FormCtx,
    member: &'static Member,
    shape: &'static Structure,
    path: String,
    label: String,
) -> AnyView {
    let required = if member.required { " (required)" } else { "" };
    // A list item is open from the start: it was just added to be filled, and each re-render of
    // the list would fold an empty one again.
    if !ctx.fold || member.required || path.ends_with(']') {
        return view! {
            <fieldset class=class_of(member, "structure", "structure aside")>
                <legend>{label}{required}</legend>
                <p class="help">{member.doc}</p>
                <Fields ctx=ctx shape=shape prefix=path/>
            </fieldset>
        }
        .into_any();
    }
    // Folded: the controls exist only once opened; a form that already holds values under the
    // structure (a link, a draft, a paste) opens it.
    let open = RwSignal::new(ctx.form.with_untracked(|f| f.has_any_under(&path)));
    let toggle = move |_| open.update(|o| *o = !*o);
    let body_path = path.clone();
    view! {
        <fieldset class=class_of(member, "structure folded", "structure folded aside")>
            <legend>
                <button type="button" class="fold" aria-expanded=move || open.get().to_string() aria-label=path.clone() on:click=toggle>
                    {move || if open.get() { "▾ " } else { "▸ " }}{label}
                </button>
            </legend>
            <p class="help">{member.doc}</p>
            {move || open.get().then(|| view! { <Fields ctx=ctx shape=shape prefix=body_path.clone()/> })}
        </fieldset>
    }
    .into_any()
}

fn list_view(
    ctx: FormCtx,
    member: &'static Member,
    item_member: &'static Member,
    path: String,
    label: String,
) -> AnyView {
    let form = ctx.form;
    let len = {
        let path = path.clone();
        Memo::new(move |_| form.with(|f| f.list_len(&path)))
    };
    let items = {
        let (path, label) = (path.clone(), label.clone());
        move || {
            (0..len.get().unwrap_or(0))
                .map(|i| {
                    let item_path = item(&path, i);
                    let body = member_view(
                        ctx,
                        item_member,
                        item_path.clone(),
                        format!("{label} {}", i + 1),
                    );
                    entry_view(ctx, path.clone(), i, format!("{label} item {}", i + 1), body)
                })
                .collect_view()
                .into_any()
        }
    };
    container_view(ctx, member, path, label, len, items)
}

fn map_view(
    ctx: FormCtx,
    member: &'static Member,
    key: &'static Member,
    value: &'static Member,
    path: String,
    label: String,
) -> AnyView {
    let form = ctx.form;
    let len = {
        let path = path.clone();
        Memo::new(move |_| form.with(|f| f.list_len(&path)))
    };
    let entries = {
        let (path, label) = (path.clone(), label.clone());
        move || {
            (0..len.get().unwrap_or(0))
                .map(|i| {
                    let entry = item(&path, i);
                    let body = view! {
                        {scalar_view(ctx, key, entry_key(&entry), format!("{label} {} key", i + 1))}
                        {member_view(ctx, value, entry_value(&entry), format!("{label} {} value", i + 1))}
                    }
                    .into_any();
                    entry_view(ctx, path.clone(), i, format!("{label} entry {}", i + 1), body)
                })
                .collect_view()
                .into_any()
        }
    };
    container_view(ctx, member, path, label, len, entries)
}

/// One list item or map entry with its remove button.
fn entry_view(ctx: FormCtx, list: String, index: usize, name: String, body: AnyView) -> AnyView {
    let path = item(&list, index);
    let remove = move |_| ctx.form.update(|f| f.remove_item(&list, index));
    let group = name.clone();
    view! {
        <div class="list-item" role="group" aria-label=group>
            <div class="list-item-head">
                <span>{name}</span>
                <button type="button" class="remove" aria-label=format!("Remove {path}") on:click=remove>"Remove"</button>
            </div>
            {body}
        </div>
    }
    .into_any()
}

/// The fieldset around a list's items or a map's entries, with its add and unset buttons.
fn container_view(
    ctx: FormCtx,
    member: &'static Member,
    path: String,
    label: String,
    len: Memo<Option<usize>>,
    rows: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    let form = ctx.form;
    let add = {
        let path = path.clone();
        move |_| {
            form.update(|f| {
                f.add_item(&path);
            })
        }
    };
    let unset = {
        let path = path.clone();
        move |_| form.update(|f| f.unset_list(&path))
    };
    let empty_text = if matches!(member.kind, Kind::Map { .. }) {
        "Empty map: sent as {}. "
    } else {
        "Empty list: sent as []. "
    };
    let (_, issues) = ctx.bind(&path);
    let messages = messages_view(&path, issues);
    let unset_label = format!("Unset {label}");
    view! {
        <fieldset class=class_of(member, "list", "list aside") aria-describedby=format!("{}-msg", dom_id(&path))>
            <legend>{label.clone()}{if member.required { " (required)" } else { "" }}</legend>
            <p class="help">{member.doc}</p>
            {rows}
            {move || (len.get() == Some(0)).then(|| view! {
                <p class="empty-list">{empty_text}
                    <button type="button" aria-label=unset_label.clone() on:click=unset.clone()>"Unset"</button>
                </p>
            })}
            {messages}
            <button type="button" class="add" aria-label=format!("Add {path}") on:click=add>"+ Add " {label}</button>
        </fieldset>
    }
    .into_any()
}

/// Issue messages at exactly `path`, under an id that controls point `aria-describedby` at.
fn messages_view(path: &str, issues: RwSignal<Vec<Issue>>) -> impl IntoView {
    let id = format!("{}-msg", dom_id(path));
    view! {
        <div id=id class="messages" aria-live="polite">
            {move || issues.with(|issues| issues.iter().map(|issue| {
                let class = if issue.severity == Severity::Error { "msg error" } else { "msg warning" };
                view! { <p class=class>{issue.kind.to_string()}</p> }
            }).collect_view())}
        </div>
    }
}

fn scalar_view(ctx: FormCtx, member: &'static Member, path: String, label: String) -> AnyView {
    let kind = member.kind;
    let form = ctx.form;
    let id = dom_id(&path);
    let msg_id = format!("{id}-msg");
    let help_id = format!("{id}-help");
    let (value, issues) = ctx.bind(&path);
    let worst = move || issues.with(|issues| issues.iter().map(|i| i.severity).max());
    let invalid = move || (worst() == Some(Severity::Error)).then_some("true");
    let described_by = {
        let (msg_id, help_id) = (msg_id.clone(), help_id.clone());
        move || if worst().is_some() { msg_id.clone() } else { help_id.clone() }
    };
    let value = move || value.get();
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| form.update(|f| f.set(&path, &event_target_value(&ev)))
    };
    // A secret typed into a text input is masked until the user asks to see it.
    let masked =
        member.sensitive && !matches!(kind, Kind::Enum { .. } | Kind::Boolean | Kind::Document);
    let multi_line =
        matches!(kind, Kind::Document) || (!masked && member.checks.contains(&Check::Json));
    let control = match kind {
        Kind::Enum { values, .. } => {
            let choices: Vec<&'static str> = values.iter().map(|v| v.value).collect();
            select_view(id.clone(), path.clone(), member.required, choices, value, on_input, invalid, described_by)
        }
        Kind::Boolean => {
            select_view(id.clone(), path.clone(), false, vec!["true", "false"], value, on_input, invalid, described_by)
        }
        // A document, or JSON carried in a string (`Check::Json`): pretty-printed JSON keeps its
        // lines.
        _ if multi_line => view! {
            <textarea id=id.clone() name=path.clone() rows="3" spellcheck="false" placeholder="{\"key\": \"value\"}"
                aria-invalid=invalid aria-describedby=described_by
                prop:value=value on:input=on_input></textarea>
        }
        .into_any(),
        _ => {
            let placeholder = match kind {
                _ if masked => "secret: kept out of links and drafts",
                Kind::Timestamp { .. } => "2026-03-08T12:12:12Z or 1772971932",
                Kind::Integer(_) | Kind::Long(_) => "a whole number",
                Kind::Float(_) => "a number, e.g. 1.5",
                Kind::Blob { .. } => web::form_aids::BLOB_PLACEHOLDER,
                _ => "",
            };
            view! {
                <input id=id.clone() name=path.clone() type=if masked { "password" } else { "text" }
                    autocomplete="off" spellcheck="false" placeholder=placeholder
                    aria-invalid=invalid aria-describedby=described_by
                    prop:value=value on:input=on_input/>
            }
            .into_any()
        }
    };
    // Show and hide again (`web::toggle_reveal`). A runbook's command may read a top-level
    // secret from the environment (`FormState::env`): only its box changes that choice on a
    // page (a reset keeps it), so the box needs no reactive state, and one HTML string costs the
    // first transfer less than the elements' code.
    let secret = masked.then(|| {
        let name = member.name;
        let env = ctx.op.env_name(&path).map(|var| {
            let checked = if form.with_untracked(|f| f.reads_env(name)) { " checked" } else { "" };
            format!(
                r#"<label><input type="checkbox" name="env" value="{name}"{checked}> Commands read it from <code>{var}</code></label>"#
            )
        });
        view! {
            <button type="button" class="reveal" aria-pressed="false"
                on:click=web::toggle_reveal>"Show"</button>
            <span class="env" on:change=move |_| form.update(|f| f.toggle_env(name))
                inner_html=env.unwrap_or_default()></span>
        }
    });
    let required =
        member.required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> });
    let enum_docs = match kind {
        Kind::Enum { values, .. } if values.iter().any(|v| !v.doc.is_empty()) => Some(view! {
            <dl class="enum-docs">
                {values.iter().map(|v| view! { <dt>{v.value}</dt><dd>{v.doc}</dd> }).collect_view()}
            </dl>
        }),
        _ => None,
    };
    view! {
        <div class=class_of(member, "field", "field aside")>
            <label for=id>{label}{required}</label>
            {control}
            {secret}
            <p class="help" id=help_id>{member.doc}</p>
            {enum_docs}
            {messages_view(&path, issues)}
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
