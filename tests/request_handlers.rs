//! Regressions for botocore's request handlers (`botocore/handlers.py` and what the client
//! registers), one per handler the page carries over: each input is sent as botocore's client
//! sends it, handlers included; the expected texts are what botocore 1.44.8 sent for the same
//! input (docs/handlers.md lists every handler and where the page carries it).

use request_builder::core::cli::shell::Shell;
use request_builder::core::model::catalog;
use request_builder::core::model::Severity;
use request_builder::core::outputs;
use request_builder::core::request::form::FormState;

fn outputs_for(route: &str, form: &FormState) -> request_builder::core::Outputs {
    let op = catalog::find(route).unwrap_or_else(|| panic!("{route}: run scripts/build-models"));
    let out = outputs(op, form, Shell::Posix);
    let errors: Vec<String> = out
        .report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| i.to_string())
        .collect();
    assert!(errors.is_empty(), "{route}: {errors:?}");
    out
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
