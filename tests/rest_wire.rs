//! Regressions of the REST renderers (`wire::rest`, `rest_json`, `rest_xml`), one per bug the
//! every-operation comparison with botocore found; the expected texts are what botocore 1.44.8's
//! serializer sent for the same input in `tests/bulk_conformance.rs`.

mod common;

use request_builder::core::cli::shell::Shell;
use request_builder::core::model::catalog;
use request_builder::core::model::Severity;
use request_builder::core::outputs;
use request_builder::core::request::form::FormState;

fn wire(route: &str, form: &FormState) -> request_builder::core::wire::WireRequest {
    common::valid_outputs(route, form).wire
}

#[test]
fn an_empty_query_list_still_appends_the_separator_to_the_templates_query() {
    let form = FormState::new("us-east-1")
        .with("applicationId", "a1234567-89ab-cdef-0123-456789abcdef")
        .with_list("userGroups", 0);
    let wire = wire("aws/qbusiness/ChatSync", &form);
    assert_eq!(wire.path, "/applications/a1234567-89ab-cdef-0123-456789abcdef/conversations");
    assert_eq!(wire.query, "sync&");
}

#[test]
fn a_structure_whose_only_member_is_an_empty_flattened_list_is_a_short_empty_element() {
    let form = FormState::new("us-east-1")
        .with("Bucket", "my-bucket")
        .with_list("LifecycleConfiguration.Rules", 0);
    let wire = wire("aws/s3api/PutBucketLifecycleConfiguration", &form);
    assert_eq!(
        wire.body,
        "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\" />"
    );
    assert_eq!((wire.method, wire.path.as_str(), wire.query.as_str()), ("PUT", "/", "lifecycle"));
}

#[test]
fn a_content_length_member_is_the_only_content_length_header() {
    let form = FormState::new("us-east-1")
        .with("Bucket", "bkt")
        .with("Key", "a/b c")
        .with("Body", "hello")
        .with("ContentLength", "5");
    let wire = wire("aws/s3api/PutObject", &form);
    let lengths: Vec<&str> = wire
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(lengths, ["5"]);
    assert_eq!(wire.path, "/a/b%20c", "greedy label keeps `/`");
}

#[test]
fn a_host_label_outside_host_name_characters_is_an_error() {
    let op = catalog::find("aws/s3control/GetPublicAccessBlock").expect("model");
    let form = FormState::new("us-east-1").with("AccountId", "12345/6789012");
    let report = request_builder::core::request::build::build(op, &form).report;
    assert!(
        report.issues.iter().any(|i| i.path == "AccountId" && i.severity == Severity::Error),
        "{:?}",
        report.issues
    );
}

#[test]
fn route53_ids_are_cut_to_their_last_segment_as_botocore_does() {
    let form = FormState::new("us-east-1").with("Id", "/hostedzone/Z123");
    let wire = wire("aws/route53/GetHostedZone", &form);
    assert_eq!(wire.path, "/2013-04-01/hostedzone/Z123");
}

#[test]
fn s3_list_objects_default_to_url_encoded_keys_and_copy_sources_are_quoted() {
    let form = FormState::new("us-east-1").with("Bucket", "my-bucket");
    assert_eq!(wire("aws/s3api/ListObjectsV2", &form).query, "list-type=2&encoding-type=url");
    let form = FormState::new("us-east-1")
        .with("Bucket", "b")
        .with("Key", "k")
        .with("CopySource", "src/a b*?versionId=v1")
        .with("PartNumber", "1")
        .with("UploadId", "u");
    let wire = wire("aws/s3api/UploadPartCopy", &form);
    let source =
        wire.headers.iter().find(|(n, _)| n == "x-amz-copy-source").map(|(_, v)| v.as_str());
    assert_eq!(source, Some("src/a%20b%2A?versionId=v1"));
}

#[test]
fn a_streaming_answer_takes_the_clis_outfile_and_pastes_back() {
    let form = FormState::new("us-east-1").with("Bucket", "my-bucket").with("Key", "a.txt");
    let op = catalog::find("aws/s3api/GetObject").expect("model");
    let out = outputs(op, &form, Shell::Posix);
    assert!(out.cli.starts_with("aws s3api get-object outfile "), "{}", out.cli);
    let pasted = request_builder::core::paste::parse(&out.cli, None).expect("pastes");
    assert_eq!(pasted.form, form);
}

#[test]
fn a_streaming_upload_names_a_file_for_the_cli_and_curl() {
    let form = FormState::new("us-east-1")
        .with("Bucket", "my-bucket")
        .with("Key", "a.txt")
        .with("Body", "./photo.jpg");
    let op = catalog::find("aws/s3api/PutObject").expect("model");
    let out = outputs(op, &form, Shell::Posix);
    assert!(out.cli.contains("--body ./photo.jpg"), "{}", out.cli);
    assert!(out.curl.contains("--data-binary @./photo.jpg"), "{}", out.curl);
    assert!(
        out.shell_warnings.iter().any(|w| w.contains("does not read files")),
        "{:?}",
        out.shell_warnings
    );
}

/// Checked by hand with the AWS CLI's `--debug` ("Endpoint provider result"):
/// `https://amzn-s3-demo-bucket.s3.amazonaws.com` in us-east-1 and
/// `https://s3.eu-west-1.amazonaws.com/my.dotted.bucket` for a bucket with dots.
#[test]
fn s3_buckets_are_addressed_as_the_cli_does_by_default() {
    let form = FormState::new("us-east-1").with("Bucket", "amzn-s3-demo-bucket");
    let acl = wire("aws/s3api/GetBucketAcl", &form);
    assert_eq!(
        (acl.host.as_str(), acl.path.as_str(), acl.query.as_str()),
        ("amzn-s3-demo-bucket.s3.amazonaws.com", "/", "acl")
    );
    let form =
        FormState::new("eu-west-1").with("Bucket", "my.dotted.bucket").with("Key", "a/b.txt");
    let object = wire("aws/s3api/GetObject", &form);
    assert_eq!(
        (object.host.as_str(), object.path.as_str()),
        ("s3.eu-west-1.amazonaws.com", "/my.dotted.bucket/a/b.txt")
    );
}
