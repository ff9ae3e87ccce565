//! Component tests in headless Chromium (wasm-bindgen-test): the real page mounted into a
//! container, driven by DOM events, asserted on the UI contract's hooks.
#![cfg(target_arch = "wasm32")]

use request_builder::ui::App;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A mounted page inside its own container; unmounted and removed when dropped.
struct Page {
    container: HtmlElement,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

/// The showcase services' compiled models, registered as if fetched (the test runner serves
/// no bundle), after the browser's RegExp and number reader are installed, as the page's `main`
/// does.
fn models() {
    request_builder::web::install_platform();
    for text in [
        include_str!("../models/aws/dms.json"),
        include_str!("../models/aws/datasync.json"),
        include_str!("../models/aws/elasticache.json"),
        include_str!("../models/aliyun/smc.json"),
    ] {
        request_builder::core::model::catalog::register(text).unwrap();
    }
}

async fn open(hash: &str) -> Page {
    models();
    let window = web_sys::window().unwrap();
    // Every test starts from a clean page: no drafts or settings left by an earlier test.
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window.location().set_hash(hash).unwrap();
    let document = window.document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle =
        leptos::mount::mount_to(container.clone(), || leptos::prelude::IntoAny::into_any(App()));
    settle().await;
    Page { container, _handle: handle }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.container.remove();
    }
}

/// Lets Leptos run its scheduled effects (they run as tasks, not synchronously), and the page
/// build what it builds after its first paint (two animation frames).
async fn settle() {
    for _ in 0..2 {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            let callback = Closure::once_into_js(move || resolve.call0(&JsValue::NULL));
            web_sys::window().unwrap().request_animation_frame(callback.unchecked_ref()).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
    }
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let callback = Closure::once_into_js(move || resolve.call0(&JsValue::NULL));
            web_sys::window().unwrap().set_timeout_with_callback(callback.unchecked_ref()).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

impl Page {
    fn find(&self, selector: &str) -> Element {
        self.container
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn text(&self, testid: &str) -> String {
        self.find(&format!("[data-testid='{testid}']")).text_content().unwrap_or_default()
    }

    async fn type_into(&self, name: &str, value: &str) {
        let input: HtmlInputElement = self.find(&format!("input[name='{name}']")).unchecked_into();
        input.set_value(value);
        fire(&input, "input");
        settle().await;
    }

    async fn choose(&self, name: &str, value: &str) {
        let select: HtmlSelectElement =
            self.find(&format!("select[name='{name}']")).unchecked_into();
        select.set_value(value);
        fire(&select, "change");
        settle().await;
    }

    async fn click(&self, label: &str) {
        let button: HtmlElement =
            self.find(&format!("button[aria-label='{label}']")).unchecked_into();
        button.click();
        settle().await;
    }

    /// The message element a control points at with aria-describedby, if it is invalid.
    fn invalid_message(&self, selector: &str) -> Option<String> {
        let control = self.find(selector);
        (control.get_attribute("aria-invalid").as_deref() == Some("true")).then(|| {
            let id = control
                .get_attribute("aria-describedby")
                .expect("an invalid control names its message");
            let message = self
                .container
                .query_selector(&format!("#{id}"))
                .unwrap()
                .expect("the message exists");
            message.text_content().unwrap_or_default()
        })
    }
}

fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    target.dispatch_event(&Event::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
}

const DMS: &str = "#/aws/dms/StartReplicationTask";
const ARN: &str = "arn:aws:dms:us-east-1:123456789012:task:ABCDEF";

#[wasm_bindgen_test]
async fn typing_the_task_arn_updates_json_and_cli_at_once() {
    let page = open(DMS).await;
    page.type_into("ReplicationTaskArn", ARN).await;
    assert!(
        page.text("out-json").contains(&format!("\"ReplicationTaskArn\": \"{ARN}\"")),
        "{}",
        page.text("out-json")
    );
    assert!(
        page.text("out-cli").contains(&format!("--replication-task-arn {ARN}")),
        "{}",
        page.text("out-cli")
    );
    assert!(page
        .text("out-http")
        .contains("X-Amz-Target: AmazonDMSv20160101.StartReplicationTask"));
}

#[wasm_bindgen_test]
async fn an_invalid_value_is_marked_and_fixing_it_clears_the_mark_on_every_route() {
    let cases = [
        (DMS, "CdcStartTime", "1520511132000", "milliseconds", "1520511132"),
        (
            "#/aws/datasync/StartTaskExecution",
            "TaskArn",
            "task-1",
            "arn:aws:datasync",
            "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0",
        ),
        ("#/aws/elasticache/StartMigration", "ReplicationGroupId", "", "exactly one", "my-group"),
        ("#/aliyun/smc/StartReplicationJob", "OwnerId", "12x", "whole number", "12"),
    ];
    for (route, name, bad, message, good) in cases {
        let page = open(route).await;
        page.type_into(name, bad).await;
        let selector = format!("input[name='{name}']");
        let shown = page
            .invalid_message(&selector)
            .unwrap_or_else(|| panic!("{route} {name}={bad:?} is not marked invalid"));
        assert!(shown.contains(message), "{route} {name}: message {shown:?} lacks {message:?}");
        assert!(page.text("out-issues").contains(message));
        page.type_into(name, good).await;
        assert_eq!(
            page.invalid_message(&selector),
            None,
            "{route} {name}={good:?} is still marked invalid"
        );
    }
}

#[wasm_bindgen_test]
async fn a_hundred_thousand_characters_are_taken_without_a_freeze_or_panic_on_every_route() {
    let long = "é'\"$".repeat(25_000);
    for (route, name) in [
        (DMS, "CdcStopPosition"),
        ("#/aws/datasync/StartTaskExecution", "TaskArn"),
        ("#/aws/elasticache/StartMigration", "ReplicationGroupId"),
        ("#/aliyun/smc/StartReplicationJob", "JobId"),
    ] {
        let page = open(route).await;
        let started = js_sys::Date::now();
        page.type_into(name, &long).await;
        let took = js_sys::Date::now() - started;
        assert!(
            page.text("out-json").contains(&long.replace('\\', "\\\\").replace('"', "\\\"")),
            "{route}"
        );
        assert_eq!(
            page.find(&format!("input[name='{name}']"))
                .unchecked_into::<HtmlInputElement>()
                .value(),
            long,
            "{route}"
        );
        // Not a benchmark: a guard against the page hanging on a long value.
        assert!(took < 5_000.0, "{route}: {took} ms");
    }
}

#[wasm_bindgen_test]
async fn list_items_are_added_filled_and_removed_by_their_buttons() {
    let page = open("#/aws/datasync/StartTaskExecution").await;
    page.click("Add Includes").await;
    page.choose("Includes[0].FilterType", "SIMPLE_PATTERN").await;
    page.type_into("Includes[0].Value", "/logs|/tmp").await;
    assert!(
        page.text("out-cli").contains("--includes 'FilterType=SIMPLE_PATTERN,Value=/logs|/tmp'"),
        "{}",
        page.text("out-cli")
    );
    page.click("Add Includes").await;
    assert!(
        page.text("out-issues").contains("Includes takes at most 1 item(s)"),
        "{}",
        page.text("out-issues")
    );
    page.click("Remove Includes[0]").await;
    let value: HtmlInputElement = page.find("input[name='Includes[0].Value']").unchecked_into();
    assert_eq!(value.value(), "", "the second, empty item moved up");
    page.click("Remove Includes[0]").await;
    assert!(page.text("out-json").contains("\"Includes\": []"), "{}", page.text("out-json"));
}

#[wasm_bindgen_test]
async fn the_shell_selector_switches_quoting_and_continuations() {
    let page = open(DMS).await;
    page.type_into("ReplicationTaskArn", ARN).await;
    page.choose("StartReplicationTaskType", "start-replication").await;
    page.type_into("CdcStartPosition", "it's").await;
    assert!(page.text("out-cli").contains(r"'it'\''s'"), "{}", page.text("out-cli"));
    page.choose("shell", "powershell").await;
    assert!(page.text("out-cli").contains("'it''s'"), "{}", page.text("out-cli"));
    assert!(page.text("out-cli").contains(" `\n"), "{}", page.text("out-cli"));
    page.choose("shell", "cmd").await;
    assert!(page.text("out-cli").contains(" ^\n"), "{}", page.text("out-cli"));
}

/// Regression: following a link to another route left the picker on screen (the route closure
/// tracked a memo that had never been read, so it never re-ran).
#[wasm_bindgen_test]
async fn regression_hashchange_switches_the_page() {
    let page = open("#/").await;
    assert!(page.container.query_selector("input[name='ReplicationTaskArn']").unwrap().is_none());
    web_sys::window().unwrap().location().set_hash(DMS).unwrap();
    // The browser fires `hashchange` asynchronously.
    settle().await;
    settle().await;
    page.find("input[name='ReplicationTaskArn']");
}

/// A value that is not one of the enum's, from a link or a paste, stays visible and marked.
#[wasm_bindgen_test]
async fn an_enum_value_from_a_link_that_is_not_a_choice_stays_visible() {
    let page =
        open("#/aws/dms/StartReplicationTask?region=us-east-1&StartReplicationTaskType=restart")
            .await;
    let select: HtmlSelectElement =
        page.find("select[name='StartReplicationTaskType']").unchecked_into();
    assert_eq!(select.value(), "restart");
    let shown =
        page.invalid_message("select[name='StartReplicationTaskType']").expect("marked invalid");
    assert!(shown.contains("must be one of"), "{shown}");
    page.choose("StartReplicationTaskType", "reload-target").await;
    assert_eq!(page.invalid_message("select[name='StartReplicationTaskType']"), None);
}

#[wasm_bindgen_test]
async fn the_browsers_regexp_checks_model_patterns_at_the_field() {
    let page = open("#/aws/datasync/StartTaskExecution").await;
    page.type_into(
        "TaskArn",
        "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789ABCDEF0",
    )
    .await;
    let message = page
        .invalid_message("input[name='TaskArn']")
        .expect("a TaskArn off the model's pattern is invalid");
    assert!(message.contains("must look like arn:aws:datasync:"), "{message}");
    page.type_into(
        "TaskArn",
        "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0",
    )
    .await;
    assert_eq!(page.invalid_message("input[name='TaskArn']"), None);
}

/// In the page serde_json hands JSON numbers over as written (`arbitrary_precision`) and the
/// page reads them itself: each number of the fixture must read as it does natively.
#[wasm_bindgen_test]
fn json_numbers_read_in_the_page_as_natively() {
    models();
    use request_builder::core::json::{parse_json, Node};
    let fixture = include_str!("tables/json-numbers.tsv");
    let cases: Vec<(&str, &str)> = fixture
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    assert!(cases.len() > 10);
    for (text, read) in cases {
        let in_a_list = parse_json(&format!("[{text}]"));
        if read == "out of range" {
            assert!(in_a_list.unwrap_err().message.contains("number out of range"), "{text}");
        } else {
            assert_eq!(in_a_list.unwrap(), Node::List(vec![Node::Num(read.into())]), "{text}");
        }
    }
}

/// Regression (review): the native test of this ran where `arbitrary_precision` is off, so the
/// page's branch for an object keyed like serde_json's private number never ran. The same table
/// (tests/tables/number-keyed-values.txt), here in the page.
#[wasm_bindgen_test]
fn regression_an_object_keyed_like_a_serde_json_number_stays_an_object_in_the_page() {
    models();
    use request_builder::core::json::{parse_json, Node};
    let values: Vec<&str> = include_str!("tables/number-keyed-values.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert!(values.len() > 10);
    for value in values {
        let text = format!("{{\"$serde_json::private::Number\": {value}, \"B\": true}}");
        let expected = parse_json(value).ok().map(|node| {
            Node::Map(vec![
                ("$serde_json::private::Number".into(), node),
                ("B".into(), Node::Bool(true)),
            ])
        });
        assert_eq!(parse_json(&text).ok(), expected, "{text}");
    }
}

/// The page reads floats with the browser's `Number()` (no float tables in the wasm): it must
/// read exactly what Rust's and Python's readers read, and refuse what they refuse.
#[wasm_bindgen_test]
fn the_browser_reads_floats_exactly_as_rust_does() {
    models();
    use request_builder::core::request::build::parse_float;
    // The literals are the exact doubles the texts spell, digits and all (halfway cases).
    #[allow(clippy::excessive_precision)]
    let table: &[(&str, Option<f64>)] = &[
        ("1.5", Some(1.5)),
        ("-2e-3", Some(-2e-3)),
        ("0.1", Some(0.1)),
        (".5", Some(0.5)),
        ("5.", Some(5.0)),
        ("+7E2", Some(700.0)),
        ("667082108456853.25", Some(667082108456853.25)),
        ("2.2250738585072011e-308", Some(2.2250738585072011e-308)),
        ("1e400", Some(f64::INFINITY)),
        ("-inf", Some(f64::NEG_INFINITY)),
        ("1e", None),
        ("-", None),
        ("1.2.3", None),
        ("", None),
        ("0x10", None),
        (" 1", None),
    ];
    for (text, expected) in table {
        assert_eq!(parse_float(text), *expected, "{text:?}");
    }
}
