//! Aids for working a form, served by the later module once the page has painted, so the first
//! transfer carries none of them. They act on the form's elements (the UI contract's names),
//! never on its state: each change goes through the control's own `input` event.
//!
//! - **Red after a touch.** An invalid control turns red (`style/main.css`) only once it has a
//!   value, the user has been in it, or the user has asked for the request (a Copy button, Send).
//!   Until then a required field shows its mark and a quiet message.
//! - **Find a field.** A big form gets a filter above its fields (`core::search::fields`
//!   decides what shows), with "Required only".
//! - **Alibaba's `RegionId` follows Region** unless the user has set it to something else.
//! - **Load file.** A multi-line box (a document, JSON carried in a string) and a blob take a
//!   local file's text; the file never leaves the browser.
//! - **Deprecated and internal members** (last in each structure, `ui::fields`) fold behind
//!   one toggle.
//! - **Undo reset.** After "Reset form", a button puts the form back as it was, secrets included
//!   (the page hands them over in memory, `later::stash_undo`).

use super::later;
use crate::core::search::fields::{FieldFilter, FieldText};
use std::cell::RefCell;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Document, Element};

/// The mark of a control that has been touched or holds a value.
const TOUCHED: &str = "data-touched";
/// The mark, on the operation's page, that the user has asked for the request.
const ASKED: &str = "data-asked";
/// The mark of a form section the aids have taken on: the route they took it on for.
const AIDED: &str = "data-aided";
/// The mark of a form section whose changes the aids follow.
const OBSERVED: &str = "data-observed";
/// The mark of a field or group the filter hides.
const FILTERED: &str = "data-filtered";
/// Forms with more fields than this (or with folded structures) get the filter.
const FILTER_FROM_FIELDS: u32 = 10;
/// The filter's markup (its own ids; `name`s that are no member path).
const FILTER_HTML: &str = r#"<label for="field-filter">Find a field</label><input id="field-filter" name="fieldFilter" type="search" autocomplete="off" spellcheck="false" placeholder="a name or words from its help"><label class="filter-required"><input type="checkbox" id="field-filter-required" name="fieldFilterRequired"> Required only</label><p class="help filter-status" role="status"></p>"#;
/// The placeholder of a blob's control (`ui::fields`), by which the file loader finds blobs.
pub const BLOB_PLACEHOLDER: &str = "bytes as text (sent base64-encoded)";
/// The file loader's button text.
pub const LOAD_FILE: &str = "Load file";
/// The largest file the loader reads into a field.
/// (The value goes into the link and the draft, and every output is written from it on each
/// keystroke.)
const LOAD_MAX_BYTES: f64 = 1024.0 * 1024.0;
/// The undo button's text.
pub const UNDO_RESET: &str = "Undo reset";
/// The class of the button that folds a structure's deprecated and internal members.
const ASIDE_TOGGLE: &str = "aside-toggle";
/// The mark of a structure whose deprecated and internal members are unfolded.
const ASIDE_OPEN: &str = "data-aside-open";

thread_local! {
    /// The observer of the form on screen (`make_observer`).
    static OBSERVER: RefCell<Option<web_sys::MutationObserver>> = const { RefCell::new(None) };
    /// The Region control's last value: `RegionId` follows it while it still equals it.
    static LAST_REGION: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Installs the document's listeners, once.
pub fn serve() {
    let Some(document) = document() else { return };
    listen(&document, "focusout", |target| touch(&target));
    listen(&document, "change", |target| {
        if is_load_input(&target) {
            load_file(target);
        } else {
            touch(&target);
        }
    });
    listen(&document, "input", on_input);
    listen(&document, "click", on_click);
    OBSERVER.with(|observer| *observer.borrow_mut() = make_observer());
    // The page's CSS keeps an untouched field's red for when the aids are in (`style/main.css`).
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-aids", "");
    }
}

/// Brings the aids to the operation's page on screen: called after each look for the later
/// module's slots, which every operation's page renders once it has painted.
pub fn enhance() {
    let Some(form) = form_section() else { return };
    // Leptos may rebuild one operation's page in place for the next: the section, and what the
    // aids added to it, can outlive its operation.
    let hash = super::hash();
    let route = hash.split('?').next().unwrap_or_default();
    if form.get_attribute(AIDED).as_deref() != Some(route) {
        let _ = form.set_attribute(AIDED, route);
        if let Some(old) = form.query_selector(":scope > .field-filter").ok().flatten() {
            old.remove();
        }
        for mark in [TOUCHED, FILTERED] {
            for marked in all(&form, &format!("[{mark}]")) {
                let _ = marked.remove_attribute(mark);
            }
        }
        if let Some(page) = form.closest("main.operation").ok().flatten() {
            let _ = page.remove_attribute(ASKED);
        }
        remove_undo();
        add_filter(&form);
        let region = value_of(form.query_selector("[name=\"region\"]").ok().flatten().as_ref());
        LAST_REGION.with(|last| *last.borrow_mut() = region.clone());
        follow_region(&form, &region, "");
    }
    OBSERVER.with(|observer| {
        if let Some(observer) = observer.borrow().as_ref() {
            if !form.has_attribute(OBSERVED) {
                // One observer, on the section on screen: one left behind would keep its page.
                observer.disconnect();
                let options = web_sys::MutationObserverInit::new();
                options.set_child_list(true);
                options.set_subtree(true);
                let _ = observer.observe_with_options(&form, &options);
                let _ = form.set_attribute(OBSERVED, "");
            }
        }
    });
    touch_filled_later();
    add_file_loaders(&form);
    fold_asides(&form);
}

/// Folds the deprecated and internal members (class `aside`, last in each structure:
/// `ui::fields::Fields`) behind one toggle per structure. They start open when one of them holds
/// a value (from a link, a draft, a paste). A toggle whose members went away goes too.
fn fold_asides(form: &Element) {
    let is_aside =
        |e: Option<Element>, class: &str| e.is_some_and(|e| e.class_list().contains(class));
    for toggle in all(form, &format!("button.{ASIDE_TOGGLE}")) {
        if !is_aside(toggle.next_element_sibling(), "aside") {
            toggle.remove();
        }
    }
    for first in all(form, ".aside:not(.aside + .aside)") {
        if is_aside(first.previous_element_sibling(), ASIDE_TOGGLE) {
            continue;
        }
        let (Some(parent), Some(document)) = (first.parent_element(), document()) else { continue };
        let Ok(toggle) = document.create_element("button") else { continue };
        let members = all(&parent, ":scope > .aside");
        let filled = members.iter().any(|member| {
            member.query_selector(".list-item").ok().flatten().is_some()
                || all(member, "input[name]:not([type=checkbox]), select[name], textarea[name]")
                    .iter()
                    .any(|control| !value_of(Some(control)).is_empty())
        });
        toggle.set_class_name(ASIDE_TOGGLE);
        let _ = toggle.set_attribute("type", "button");
        toggle.set_text_content(Some(&format!("Deprecated and internal ({})", members.len())));
        set_aside_open(&parent, &toggle, filled);
        let _ = first.before_with_node_1(&toggle);
    }
}

/// Opens or folds the deprecated and internal members under `parent`.
fn set_aside_open(parent: &Element, toggle: &Element, open: bool) {
    let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
    let _ = if open {
        parent.set_attribute(ASIDE_OPEN, "")
    } else {
        parent.remove_attribute(ASIDE_OPEN)
    };
}

/// Marks the controls that hold values once the page's values are in: in a page rebuilt in
/// place, a control can still show the last operation's value for a moment (Leptos sets
/// `prop:value` in an effect), which would mark it.
fn touch_filled_later() {
    let later = Closure::once_into_js(|| {
        if let Some(form) = form_section() {
            touch_filled(&form);
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback(later.unchecked_ref());
    }
}

/// Makes the one observer that keeps the aids on what the form adds later (an added item, an
/// opened structure, a list rebuilt): the file loaders, the touched marks of controls that hold
/// values, the filter. Most changes are a keystroke's messages, which add no control: those only
/// re-apply the filter, which costs nothing while it is empty.
fn make_observer() -> Option<web_sys::MutationObserver> {
    let changed = Closure::<dyn Fn(js_sys::Array)>::new(move |records: js_sys::Array| {
        let Some(form) = form_section() else { return };
        if records.iter().any(|record| adds_controls(&record)) {
            touch_filled_later();
            add_file_loaders(&form);
        }
        // Also on removals: a structure folded again takes its members, not the toggle.
        fold_asides(&form);
        apply_filter(&form);
    });
    let observer = web_sys::MutationObserver::new(changed.as_ref().unchecked_ref()).ok();
    changed.forget();
    observer
}

/// Whether a mutation record added a form control, or an element holding one.
fn adds_controls(record: &JsValue) -> bool {
    let Some(nodes) = js_sys::Reflect::get(record, &JsValue::from_str("addedNodes"))
        .ok()
        .and_then(|n| n.dyn_into::<web_sys::NodeList>().ok())
    else {
        return false;
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok())
        .any(|e| e.has_attribute("name") || e.query_selector("[name]").ok().flatten().is_some())
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// The form's section of the operation on screen.
fn form_section() -> Option<Element> {
    document()?.query_selector("main.operation section.form").ok().flatten()
}

fn listen(document: &Document, event: &str, then: fn(Element)) {
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
            then(target);
        }
    });
    // Captured: `focusout` and `change` are not for the page's own handlers to stop.
    let _ = document.add_event_listener_with_callback_and_bool(
        event,
        listener.as_ref().unchecked_ref(),
        true,
    );
    listener.forget();
}

/// A form control's value ("" for anything else).
fn value_of(control: Option<&Element>) -> String {
    control.and_then(|c| super::control_value(c)).unwrap_or_default()
}

/// Marks a member's control (one with a `name` inside the form) as touched.
fn touch(target: &Element) {
    let in_form = target.closest("main.operation section.form").ok().flatten().is_some();
    if in_form
        && target.has_attribute("name")
        && target.closest(".field-filter").ok().flatten().is_none()
    {
        let _ = target.set_attribute(TOUCHED, "");
    }
}

/// Marks every control that holds a value (from a link, a draft, a paste) as touched: what is
/// wrong in it shows at once.
fn touch_filled(form: &Element) {
    for control in all(form, "input[name], select[name], textarea[name]") {
        let checkbox = control.get_attribute("type").as_deref() == Some("checkbox");
        if !checkbox && !value_of(Some(&control)).is_empty() {
            let _ = control.set_attribute(TOUCHED, "");
        }
    }
}

fn on_input(target: Element) {
    if target.closest(".field-filter").ok().flatten().is_some() {
        if let Some(form) = form_section() {
            apply_filter(&form);
        }
        return;
    }
    touch(&target);
    let Some(form) = target.closest("main.operation section.form").ok().flatten() else { return };
    // A change to the form after a reset is the user's new form: undoing would drop it.
    remove_undo();
    if target.get_attribute("name").as_deref() == Some("region") {
        let region = value_of(Some(&target));
        let last =
            LAST_REGION.with(|last| std::mem::replace(&mut *last.borrow_mut(), region.clone()));
        follow_region(&form, &region, &last);
    }
}

/// On an Alibaba Cloud operation, sets `RegionId` to `region` while it is empty or still holds
/// the region it followed (`last`); one the user set to another region stays.
fn follow_region(form: &Element, region: &str, last: &str) {
    if !super::hash().starts_with("#/aliyun/") || region.is_empty() {
        return;
    }
    let Some(region_id) = form.query_selector("[name=\"RegionId\"]").ok().flatten() else { return };
    let current = value_of(Some(&region_id));
    if current == region || !(current.is_empty() || current == last) {
        return;
    }
    let _ =
        js_sys::Reflect::set(&region_id, &JsValue::from_str("value"), &JsValue::from_str(region));
    dispatch_input(&region_id);
}

/// Tells the page a control's value changed, as typing would.
fn dispatch_input(control: &Element) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
        let _ = control.dispatch_event(&event);
    }
}

fn on_click(target: Element) {
    let closest = |selector: &str| target.closest(selector).ok().flatten();
    if closest("button.copy, button.send-button").is_some() {
        if let Some(page) =
            document().and_then(|d| d.query_selector("main.operation").ok().flatten())
        {
            let _ = page.set_attribute(ASKED, "");
        }
    }
    if let Some(toggle) = closest(&format!("button.{ASIDE_TOGGLE}")) {
        if let Some(parent) = toggle.parent_element() {
            let open = toggle.get_attribute("aria-expanded").as_deref() != Some("true");
            set_aside_open(&parent, &toggle, open);
        }
        return;
    }
    if let Some(button) = closest("button.load-file") {
        let input = button
            .parent_element()
            .and_then(|p| p.query_selector("input.load-input").ok().flatten());
        if let Some(input) = input.and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok()) {
            input.click();
        }
        return;
    }
    if closest("button.undo").is_some() {
        undo_reset();
    } else if let Some(reset) = closest("button.reset:not(.copy-link)") {
        // After the page's own handler has reset the form and stashed what it held.
        let offer = Closure::once_into_js(move || offer_undo(&reset));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(offer.unchecked_ref());
        }
    }
}

/// Shows "Undo reset" beside the header's buttons, when the page stashed a form to go back to.
fn offer_undo(reset: &Element) {
    if let Some(form) = form_section() {
        // The reset form's controls hold only what the page starts with.
        for control in all(&form, &format!("[{TOUCHED}]")) {
            let _ = control.remove_attribute(TOUCHED);
        }
        if let Some(page) = form.closest("main.operation").ok().flatten() {
            let _ = page.remove_attribute(ASKED);
        }
        let region = value_of(form.query_selector("[name=\"region\"]").ok().flatten().as_ref());
        LAST_REGION.with(|last| *last.borrow_mut() = region.clone());
        follow_region(&form, &region, "");
    }
    if !later::has_undo()
        || reset
            .parent_element()
            .and_then(|p| p.query_selector("button.undo").ok().flatten())
            .is_some()
    {
        return;
    }
    let Some(document) = document() else { return };
    let Ok(button) = document.create_element("button") else { return };
    let _ = button.set_attribute("type", "button");
    button.set_class_name("reset undo");
    button.set_text_content(Some(UNDO_RESET));
    let anchor =
        reset.parent_element().and_then(|p| p.query_selector("button.copy-link").ok().flatten());
    let _ = anchor.unwrap_or_else(|| reset.clone()).after_with_node_1(&button);
}

/// Takes the undo away, and the form it would bring back with it (secrets included).
fn remove_undo() {
    if let Some(button) = document().and_then(|d| d.query_selector("button.undo").ok().flatten()) {
        button.remove();
        later::take_undo();
    }
}

/// Opens the stashed form: its link, with its secrets handed over in memory as a paste does.
fn undo_reset() {
    let undo = later::take_undo();
    remove_undo();
    if let Some((hash, secrets)) = undo {
        later::hand_secrets(&hash, &secrets);
        super::set_hash(&hash);
    }
}

/// Every element under `root` that `selector` finds.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

/// Adds the filter above the fields of a big form.
fn add_filter(form: &Element) {
    let fields = all(form, ".field").len() as u32;
    let folded = form.query_selector("fieldset.folded").ok().flatten().is_some();
    if fields <= FILTER_FROM_FIELDS && !folded {
        return;
    }
    let Some(document) = document() else { return };
    let Ok(filter) = document.create_element("div") else { return };
    filter.set_class_name("field-filter");
    let _ = filter.set_attribute("role", "search");
    filter.set_inner_html(FILTER_HTML);
    let _ = form.prepend_with_node_1(&filter);
}

/// The text of the first element under `root` that `selector` finds.
fn text_at(root: &Element, selector: &str) -> String {
    root.query_selector(selector).ok().flatten().and_then(|e| e.text_content()).unwrap_or_default()
}

/// Shows the fields and groups the filter lets through and hides the others.
fn apply_filter(form: &Element) {
    let query = value_of(form.query_selector("#field-filter").ok().flatten().as_ref());
    let required_only = form
        .query_selector("#field-filter-required")
        .ok()
        .flatten()
        .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("checked")).ok())
        .is_some_and(|v| v.is_truthy());
    let filter = FieldFilter::new(&query, required_only);
    if filter.is_empty() {
        // The form as it was; the usual case, on every keystroke's change to the form.
        for hidden in all(form, &format!("[{FILTERED}]")) {
            let _ = hidden.remove_attribute(FILTERED);
        }
        if let Some(status) = form.query_selector(".filter-status").ok().flatten() {
            if status.text_content().is_some_and(|t| !t.is_empty()) {
                status.set_text_content(Some(""));
            }
        }
        return;
    }
    let set = |element: &Element, shown: bool| {
        let _ = if shown {
            element.remove_attribute(FILTERED)
        } else {
            element.set_attribute(FILTERED, "")
        };
    };
    let fields = all(form, ".field");
    let mut total = 0;
    for field in &fields {
        let control = field.query_selector("[name]").ok().flatten();
        let path = control.and_then(|c| c.get_attribute("name")).unwrap_or_default();
        if path == "region" {
            continue;
        }
        total += 1;
        let label = text_at(field, "label");
        let help = text_at(field, ":scope > p.help:not(.load-status)");
        let required = field.query_selector(".req").ok().flatten().is_some();
        set(field, filter.shows(FieldText { path: &path, label: &label, help: &help, required }));
    }
    // Inner groups first: a group shows when it matches itself or holds anything that shows.
    for group in all(form, "fieldset").iter().rev() {
        let legend = text_at(group, ":scope > legend");
        let path = group
            .query_selector(":scope > legend > button.fold")
            .ok()
            .flatten()
            .and_then(|b| b.get_attribute("aria-label"))
            .unwrap_or_default();
        let help = text_at(group, ":scope > p.help");
        let own = FieldText {
            path: &path,
            label: &legend,
            help: &help,
            required: legend.contains("(required)"),
        };
        let holds = group
            .query_selector(&format!(".field:not([{FILTERED}]), fieldset:not([{FILTERED}])"))
            .ok()
            .flatten()
            .is_some();
        // A group named by the words shows all it holds; with "Required only" alone, a required
        // group shows its required members, or all of them when none is (one must be chosen).
        if filter.shows(own) && (filter.has_words() || !holds) {
            set(group, true);
            for inside in all(group, &format!("[{FILTERED}]")) {
                set(&inside, true);
            }
        } else {
            set(group, holds);
        }
    }
    // A structure's deprecated and internal members (`fold_asides`): their toggle shows while
    // one of them does, and then they open, so that the match can be seen.
    for toggle in all(form, &format!("button.{ASIDE_TOGGLE}")) {
        let Some(parent) = toggle.parent_element() else { continue };
        let shows = parent
            .query_selector(&format!(":scope > .aside:not([{FILTERED}])"))
            .ok()
            .flatten()
            .is_some();
        set(&toggle, shows);
        if shows {
            set_aside_open(&parent, &toggle, true);
        }
    }
    let hidden_by = format!("[{FILTERED}]");
    let shown = fields
        .iter()
        .filter(|f| f.query_selector("[name=\"region\"]").ok().flatten().is_none())
        .filter(|f| f.closest(&hidden_by).ok().flatten().is_none())
        .count();
    let folded = all(form, "fieldset.folded button.fold[aria-expanded=\"false\"]").len();
    let said = filter.status(shown, total, folded);
    if let Some(status) = form.query_selector(".filter-status").ok().flatten() {
        // Only a change: the text is in the observed form, and each write is a mutation.
        if status.text_content().unwrap_or_default() != said {
            status.set_text_content(Some(&said));
        }
    }
}

/// Whether an element is a file loader's input.
fn is_load_input(element: &Element) -> bool {
    element.matches("input.load-input").unwrap_or(false)
}

/// Gives each multi-line box and blob a "Load file" button (with its file input, hidden) and a
/// line that says what was loaded.
fn add_file_loaders(form: &Element) {
    let Some(document) = document() else { return };
    let selector = format!("textarea[name], input[placeholder=\"{BLOB_PLACEHOLDER}\"]");
    for control in all(form, &selector) {
        let Some(field) = control.parent_element() else { continue };
        if field.query_selector(":scope > .load-file").ok().flatten().is_some() {
            continue;
        }
        let name = control.get_attribute("name").unwrap_or_default();
        let (Ok(button), Ok(input), Ok(status)) = (
            document.create_element("button"),
            document.create_element("input"),
            document.create_element("p"),
        ) else {
            continue;
        };
        let _ = button.set_attribute("type", "button");
        button.set_class_name("load-file");
        let _ = button.set_attribute("aria-label", &format!("{LOAD_FILE} into {name}"));
        button.set_text_content(Some(LOAD_FILE));
        let _ = input.set_attribute("type", "file");
        input.set_class_name("load-input");
        let _ = input.set_attribute("hidden", "");
        let _ = input.set_attribute("data-for", &name);
        status.set_class_name("load-status");
        let _ = status.set_attribute("role", "status");
        let _ = control.after_with_node_3(&button, &input, &status);
    }
}

/// Reads the file chosen in a loader's input into its field's control, as typing would put it
/// there; says what happened on the field's status line.
fn load_file(input: Element) {
    let field = input.parent_element();
    let name = input.get_attribute("data-for").unwrap_or_default();
    let control = field.as_ref().and_then(|f| {
        f.query_selector(&format!(":scope > [name=\"{}\"]", name.replace('"', "\\\"")))
            .ok()
            .flatten()
    });
    let status =
        field.as_ref().and_then(|f| f.query_selector(":scope > .load-status").ok().flatten());
    let file = input
        .clone()
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
        .and_then(|i| i.files())
        .and_then(|files| files.get(0));
    let (Some(control), Some(file)) = (control, file) else { return };
    let say = move |text: &str| {
        if let Some(status) = &status {
            status.set_text_content(Some(text));
        }
    };
    let file_name = file.name();
    if file.size() > LOAD_MAX_BYTES {
        say(&format!("{file_name} is larger than 1 MB: not loaded."));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => {
                say(&format!("{file_name} could not be read."));
                return;
            }
        };
        // Choosing the same file again is a new load.
        let _ = js_sys::Reflect::set(&input, &JsValue::from_str("value"), &JsValue::from_str(""));
        let one_line = control.tag_name() == "INPUT";
        match String::from_utf8(bytes) {
            // A one-line box would drop the line breaks without a word.
            Ok(text) if one_line && text.contains(['\n', '\r']) => say(&format!(
                "{file_name} has line breaks, which this one-line field cannot hold. Not loaded."
            )),
            Ok(text) => {
                // As `File.text()` reads it: an editor's byte order mark is not part of the text.
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                let _ = js_sys::Reflect::set(&control, &JsValue::from_str("value"), &JsValue::from_str(&text));
                dispatch_input(&control);
                say(&format!("Loaded {file_name} ({} bytes).", text.len()));
            }
            Err(_) => say(&format!(
                "{file_name} is not UTF-8 text: this field takes text, and a blob its bytes as UTF-8 \
                 text. Not loaded."
            )),
        }
    });
}
