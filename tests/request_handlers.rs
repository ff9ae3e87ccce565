//! Regressions for botocore's request handlers (`botocore/handlers.py` and what the client
//! registers), one per handler the page carries over: each input is sent as botocore's client
//! sends it, handlers included; the expected texts are what botocore 1.44.8 sent for the same
//! input (docs/handlers.md lists every handler and where the page carries it).

mod common;

use request_builder::core::request::form::FormState;

fn outputs_for(route: &str, form: &FormState) -> request_builder::core::Outputs {
    common::valid_outputs(route, form)
}

const SCRIPT: &str = "#!/bin/bash\necho hello > /tmp/hi\n";
/// `base64.b64encode(SCRIPT.encode('utf-8'))`.
const SCRIPT_BASE64: &str = "IyEvYmluL2Jhc2gKZWNobyBoZWxsbyA+IC90bXAvaGkK";

#[test]
fn ec2_run_instances_user_data_is_base64_on_the_wire() {
    let form = FormState::new("us-east-1")
        .with("ImageId", "ami-12345678")
        .with("MinCount", "1")
        .with("MaxCount", "1")
        .with("UserData", SCRIPT);
    let out = outputs_for("aws/ec2/RunInstances", &form);
    // base64_encode_user_data, then the form encoding (`+` `/` `=` escaped).
    let encoded = SCRIPT_BASE64.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    assert!(out.wire.body.contains(&format!("UserData={encoded}")), "out-body: {}", out.wire.body);
    assert!(out.http.contains(&format!("UserData={encoded}")), "out-http: {}", out.http);
    assert!(out.curl.contains(&format!("UserData={encoded}")), "curl: {}", out.curl);
    // The CLI encodes the raw text itself (tests/aws_cli.rs runs it).
    assert!(out.cli.contains("--user-data '#!/bin/bash"), "out-cli: {}", out.cli);
}

#[test]
fn autoscaling_create_launch_configuration_user_data_is_base64_on_the_wire() {
    let form =
        FormState::new("us-east-1").with("LaunchConfigurationName", "lc").with("UserData", SCRIPT);
    let out = outputs_for("aws/autoscaling/CreateLaunchConfiguration", &form);
    let encoded = SCRIPT_BASE64.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    assert!(out.wire.body.contains(&format!("UserData={encoded}")), "out-body: {}", out.wire.body);
    assert!(out.cli.contains("--user-data '#!/bin/bash"), "out-cli: {}", out.cli);
}

#[test]
fn s3_get_object_asks_for_the_checksum_by_default() {
    let form = FormState::new("us-east-1").with("Bucket", "my-bucket").with("Key", "k");
    let out = outputs_for("aws/s3api/GetObject", &form);
    assert!(
        out.wire.headers.contains(&("x-amz-checksum-mode".to_string(), "ENABLED".to_string())),
        "out-http: {}",
        out.http
    );
    assert!(!out.cli.contains("--checksum-mode"), "the CLI adds it itself: {}", out.cli);
    let chosen = outputs_for("aws/s3api/GetObject", &form.clone().with("ChecksumMode", "ENABLED"));
    let modes = chosen.wire.headers.iter().filter(|(n, _)| n == "x-amz-checksum-mode").count();
    assert_eq!(modes, 1, "{}", chosen.http);
}

#[test]
fn endpoint_discovery_operations_carry_the_api_version_header() {
    let out = outputs_for("aws/dynamodb/DescribeEndpoints", &FormState::new("us-east-1"));
    assert!(out.http.contains("\nx-amz-api-version: 2012-08-10\n"), "out-http: {}", out.http);
}

#[test]
fn s3_get_bucket_location_is_path_style() {
    let form = FormState::new("us-east-1").with("Bucket", "my-bucket");
    let out = outputs_for("aws/s3api/GetBucketLocation", &form);
    assert_eq!(
        (out.wire.host.as_str(), out.wire.path.as_str(), out.wire.query.as_str()),
        ("s3.amazonaws.com", "/my-bucket", "location")
    );
}

#[test]
fn ec2_copy_snapshot_without_a_presigned_url_is_a_warning() {
    let form = FormState::new("us-east-1")
        .with("SourceRegion", "us-west-2")
        .with("SourceSnapshotId", "snap-1234567890abcdef0");
    let out = outputs_for("aws/ec2/CopySnapshot", &form);
    assert!(
        out.shell_warnings.iter().any(|w| w.starts_with("The AWS CLI adds PresignedUrl")),
        "{:?}",
        out.shell_warnings
    );
    let signed = outputs_for("aws/ec2/CopySnapshot", &form.with("PresignedUrl", "https://x"));
    assert!(!signed.shell_warnings.iter().any(|w| w.contains("PresignedUrl")));
}

#[test]
fn timestream_endpoint_discovery_is_a_warning() {
    let out = outputs_for(
        "aws/timestream-query/Query",
        &FormState::new("us-east-1").with("QueryString", "SELECT 1"),
    );
    assert!(
        out.shell_warnings
            .iter()
            .any(|w| w.starts_with("The AWS CLI first calls DescribeEndpoints")),
        "{:?}",
        out.shell_warnings
    );
}

#[test]
fn a_large_put_metric_data_body_warns_that_the_cli_compresses_it() {
    let small =
        FormState::new("us-east-1").with("Namespace", "ns").with("MetricData[0].MetricName", "m");
    let out = outputs_for("aws/cloudwatch/PutMetricData", &small);
    assert!(!out.shell_warnings.iter().any(|w| w.contains("gzip")), "{:?}", out.shell_warnings);
    let mut large = small.clone().with_list("MetricData", 60);
    for i in 0..60 {
        large.set(&format!("MetricData[{i}].MetricName"), &"m".repeat(250));
    }
    let out = outputs_for("aws/cloudwatch/PutMetricData", &large);
    assert!(out.wire.body.len() >= 10_240, "{} bytes: {}", out.wire.body.len(), out.wire.body);
    assert!(out.shell_warnings.iter().any(|w| w.contains("gzip")), "{:?}", out.shell_warnings);
}

#[test]
fn s3_sse_c_keys_travel_base64_with_their_md5() {
    let key = "0123456789abcdef0123456789abcdef";
    let form = FormState::new("us-east-1")
        .with("Bucket", "my-bucket")
        .with("Key", "k")
        .with("CopySource", "src-bucket/k")
        .with("SSECustomerAlgorithm", "AES256")
        .with("SSECustomerKey", key)
        .with("CopySourceSSECustomerAlgorithm", "AES256")
        .with("CopySourceSSECustomerKey", key);
    let out = outputs_for("aws/s3api/CopyObject", &form);
    // botocore: base64.b64encode(key), base64.b64encode(md5(key).digest()).
    let (encoded, md5) =
        ("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "hRasmdxgYDKV3nvbahU1MA==");
    for prefix in ["x-amz-server-side-encryption", "x-amz-copy-source-server-side-encryption"] {
        let header = |suffix: &str| {
            let name = format!("{prefix}-customer-{suffix}");
            out.wire
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(&name))
                .map(|(_, v)| v.clone())
        };
        assert_eq!(header("key").as_deref(), Some(encoded), "{}", out.http);
        assert_eq!(header("key-md5").as_deref(), Some(md5), "{}", out.http);
    }
    assert!(out.cli.contains(&format!("--sse-customer-key {key}")), "out-cli: {}", out.cli);
    // A typed MD5 leaves the key as typed, as botocore does.
    let typed = FormState::new("us-east-1")
        .with("Bucket", "my-bucket")
        .with("Key", "k")
        .with("SSECustomerAlgorithm", "AES256")
        .with("SSECustomerKey", key)
        .with("SSECustomerKeyMD5", "bWQ1");
    let out = outputs_for("aws/s3api/HeadObject", &typed);
    assert!(
        out.wire
            .headers
            .contains(&("x-amz-server-side-encryption-customer-key".to_string(), key.to_string())),
        "{}",
        out.http
    );
}
