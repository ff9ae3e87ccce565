//! Regression tests for the Alibaba Cloud ROA requests that the bulk check against the SDKs
//! (tests/aliyun_bulk_conformance.rs) found wrong, one per finding, each on the operation it was
//! found on: every one failed there before its fix (session 17) and the bulk run over every
//! operation passes now. They need no SDK: the expected text is what the SDK sent.

use request_builder::core::cli::shell::Shell;
use request_builder::core::model::catalog;
use request_builder::core::outputs;
use request_builder::core::request::form::FormState;

fn op(route: &str) -> &'static request_builder::core::model::Operation {
    catalog::find(route).unwrap_or_else(|| panic!("{route} (run scripts/build-models)"))
}

/// The extraction saw modelstudio's `AccountIds` (a list the SDK flattens) as the wire name
/// `AccountIds.1` written as a comma list: the page sent `AccountIds.1=a,b`.
#[test]
fn regression_a_list_seen_with_a_flattened_key_is_flattened() {
    let op = op("aliyun/modelstudio/BatchAssignSeats");
    let mut form = FormState::new(op.default_region()).with("SeatType", "pro");
    form.set_list_len("AccountIds", Some(2));
    form.set("AccountIds[0]", "a");
    form.set("AccountIds[1]", "b");
    let out = outputs(op, &form, Shell::Posix);
    assert!(out.wire.query.contains("AccountIds.1=a&AccountIds.2=b"), "{}", out.wire.query);
}

/// aipodcast's SDK writes `voices` into its form body as one JSON text (`voices=["x"]`); the
/// page flattened it (`voices.1=x`).
#[test]
fn regression_a_form_body_member_the_sdk_writes_as_json_text() {
    let op = op("aliyun/aipodcast/PodcastTaskSubmit");
    let mut form = FormState::new(op.default_region());
    form.set_list_len("voices", Some(1));
    form.set("voices[0]", "x");
    let out = outputs(op, &form, Shell::Posix);
    assert!(out.wire.body.contains("voices=%5B%22x%22%5D"), "{}", out.wire.body);
}

/// airec's older SDK sends an unset list payload as `[]` (`UtilClient.to_array(None)`); the
/// page sent no body.
#[test]
fn regression_an_unset_list_payload_is_sent_as_the_sdk_sends_it() {
    let op = op("aliyun/airec/PushColdStartDocument");
    let form = FormState::new(op.default_region()).with("InstanceId", "i-1").with("TableName", "t");
    let out = outputs(op, &form, Shell::Posix);
    assert_eq!(out.wire.body, "[]");
}

/// opensearch's `DataSource` model writes its unset map of structures `plugins` as `{}`; the
/// page left it out.
#[test]
fn regression_an_unset_map_of_structures_is_written_as_an_empty_object() {
    let op = op("aliyun/opensearch/ValidateDataSources");
    let form = FormState::new(op.default_region()).with("body.type", "odps");
    let out = outputs(op, &form, Shell::Posix);
    assert!(out.wire.body.contains(r#""plugins":{}"#), "{}", out.wire.body);
}

/// Cloud Control's template is one label, `{RequestPath}`: the SDK sends the path as given; the
/// page percent-encoded its slashes.
#[test]
fn regression_a_template_that_is_one_label_is_the_path_as_given() {
    let op = op("aliyun/cloudcontrol/GetResources");
    let form = FormState::new(op.default_region())
        .with("RequestPath", "/api/v1/providers/aliyun/products/ECS/resources/Instance");
    let out = outputs(op, &form, Shell::Posix);
    assert_eq!(out.wire.path, "/api/v1/providers/aliyun/products/ECS/resources/Instance");
}
