//! Secrets stay out of links and drafts (issue 30): members botocore marks `sensitive`, and the
//! Alibaba Cloud parameters whose names name a password, key or token, are left out of every
//! permalink and draft (`route::state_query`), are not read back from a crafted link, and a
//! paste hands them to the form in memory (`Filled::secrets`) instead of through its link.

use request_builder::core::cli::shell::Shell;
use request_builder::core::model::{catalog, AwsCli, Kind, Member, Operation};
use request_builder::core::outputs;
use request_builder::core::paste::fill::fill;
use request_builder::core::request::form::FormState;
use request_builder::core::route;

fn op(route: &str) -> &'static Operation {
    catalog::find(route).unwrap_or_else(|| panic!("{route} is not in the catalog"))
}

fn form_with(op: &Operation, values: &[(&str, &str)]) -> FormState {
    let mut form = FormState::new(op.default_region());
    for (path, value) in values {
        form.set(path, value);
    }
    form
}

fn query_of(link: &str) -> &str {
    link.split_once('?').map_or("", |(_, query)| query)
}

#[test]
fn passwords_and_keys_of_both_clouds_are_sensitive_and_their_neighbours_are_not() {
    for (route, secret, plain) in [
        ("aws/dms/CreateEndpoint", "Password", "Username"),
        ("aws/dms/CreateEndpoint", "MongoDbSettings.Password", "MongoDbSettings.Username"),
        ("aws/rds/CreateDBInstance", "MasterUserPassword", "MasterUsername"),
        ("aws/iam/CreateLoginProfile", "Password", "UserName"),
        ("aws/secretsmanager/CreateSecret", "SecretString", "Name"),
        ("aliyun/ecs/CreateInstance", "Password", "InstanceName"),
        ("aliyun/rds/CreateAccount", "AccountPassword", "AccountName"),
    ] {
        let op = op(route);
        assert!(op.is_sensitive(secret), "{route} {secret}");
        assert!(!op.is_sensitive(plain), "{route} {plain}");
    }
}

#[test]
fn a_link_and_a_draft_leave_secrets_out_and_keep_the_rest() {
    let op = op("aws/dms/CreateEndpoint");
    let form = form_with(
        op,
        &[
            ("EndpointIdentifier", "src"),
            ("Username", "admin"),
            ("Password", "S3cr3t-Pa55!"),
            ("MongoDbSettings.Password", "m0ng0-Pa55"),
        ],
    );
    let link = route::permalink(op, &form);
    assert!(!link.contains("S3cr3t") && !link.contains("m0ng0"), "{link}");
    assert!(!link.contains("Password"), "{link}");
    let back = route::form_from_query(op, query_of(&link));
    assert_eq!(back.get("Username"), "admin");
    assert_eq!(back.get("Password"), "");
    // The outputs keep the value: the user asked for this request.
    assert!(outputs(op, &form, Shell::Posix).cli.contains("S3cr3t-Pa55!"));
}

#[test]
fn a_crafted_link_or_an_older_draft_with_a_password_is_not_read_back() {
    let op = op("aws/dms/CreateEndpoint");
    let form = route::form_from_query(
        op,
        "region=us-east-1&Username=admin&Password=S3cr3t&MongoDbSettings.Password=x",
    );
    assert_eq!(form.get("Username"), "admin");
    assert_eq!(form.get("Password"), "");
    assert_eq!(form.get("MongoDbSettings.Password"), "");
}

#[test]
fn secrets_travel_apart_and_join_the_form_again() {
    let op = op("aliyun/ecs/CreateInstance");
    let form = form_with(op, &[("InstanceName", "web"), ("Password", "Ab1&=%+ é")]);
    let secrets = route::secrets_query(op, &form);
    assert!(!secrets.contains("web"), "{secrets}");
    let mut back = route::form_from_query(op, query_of(&route::permalink(op, &form)));
    assert_eq!(back.get("Password"), "");
    route::add_secrets(op, &mut back, &secrets);
    assert_eq!(back, form);
    // Only secrets are read from the secrets: a forged plain value there is ignored.
    let mut other = FormState::new(op.default_region());
    route::add_secrets(op, &mut other, "InstanceName=evil&region=cn-beijing");
    assert_eq!(other, FormState::new(op.default_region()));
}

#[test]
fn a_pasted_password_fills_the_form_without_entering_the_link() {
    let text = "aws dms create-endpoint --endpoint-identifier src --endpoint-type source \
                --engine-name mysql --username admin --password 'S3cr3t-Pa55!'";
    let filled = fill(text, None, AwsCli::V2).unwrap_or_else(|e| panic!("{}", e.message));
    assert!(!filled.hash.contains("S3cr3t"), "{}", filled.hash);
    let op = op("aws/dms/CreateEndpoint");
    let mut form = route::form_from_query(op, query_of(&filled.hash));
    route::add_secrets(op, &mut form, &filled.secrets);
    assert_eq!(form.get("Password"), "S3cr3t-Pa55!");
    assert_eq!(form.get("Username"), "admin");
}

/// Every top-level secret of every compiled operation: a value typed there never reaches the
/// link, and comes back through `secrets_query`.
#[test]
fn no_operation_puts_a_typed_secret_into_its_link() {
    let index = catalog::parse_index(
        &std::fs::read_to_string(catalog::models_dir().join("index.json")).expect("models built"),
    )
    .unwrap();
    let (mut secrets, mut aws, mut aliyun) = (0usize, 0usize, 0usize);
    for entry in &index {
        let service = catalog::service(entry.cloud, &entry.service).expect("service loads");
        for op in service.operations.iter() {
            let typed: Vec<&Member> = op
                .members()
                .iter()
                .filter(|m| m.sensitive && matches!(m.kind, Kind::String { .. }))
                .collect();
            for member in &typed {
                let form = form_with(op, &[(member.name, "zz-secret-value-zz")]);
                let link = route::permalink(op, &form);
                assert!(!link.contains("zz-secret"), "{} {}: {link}", op.route(), member.name);
                let mut back = route::form_from_query(op, query_of(&link));
                route::add_secrets(op, &mut back, &route::secrets_query(op, &form));
                assert_eq!(back, form, "{} {}", op.route(), member.name);
                secrets += 1;
                match op.route().split('/').next() {
                    Some("aws") => aws += 1,
                    _ => aliyun += 1,
                }
            }
        }
    }
    println!("{secrets} top-level secret members ({aws} AWS, {aliyun} Alibaba Cloud)");
    // botocore marks some 1,800 top-level string members sensitive; a lost flag shows here.
    assert!(aws > 1_000 && aliyun > 50, "{aws} AWS, {aliyun} Alibaba Cloud");
}

/// Issue 30, item 1: a runbook's command reads a secret from an environment variable. Each
/// shell gets its own reference, the other panels keep the value typed, the choice (not the
/// value) travels in the link, and an empty required secret is then no error.
#[test]
fn a_secret_that_commands_read_from_the_environment() {
    let dms = op("aws/dms/CreateEndpoint");
    let mut form = form_with(
        dms,
        &[
            ("EndpointIdentifier", "src"),
            ("EndpointType", "source"),
            ("EngineName", "mysql"),
            ("Password", "S3cr3t-Pa55!"),
        ],
    );
    form.toggle_env("Password");
    for (shell, reference) in [
        (Shell::Posix, "--password=\"$DMS_PASSWORD\""),
        (Shell::PowerShell, "\"--password=$env:DMS_PASSWORD\""),
        (Shell::PowerShell5, "\"--password=$env:DMS_PASSWORD\""),
        (Shell::Cmd, "\"--password=%DMS_PASSWORD%\""),
    ] {
        let out = outputs(dms, &form, shell);
        assert!(out.cli.contains(reference), "{shell:?}: {}", out.cli);
        assert!(!out.cli.contains("S3cr3t"), "{shell:?}: {}", out.cli);
        assert!(out.curl.contains("S3cr3t-Pa55!") && out.body.contains("S3cr3t-Pa55!"));
    }
    let link = route::permalink(dms, &form);
    assert!(link.contains(".env=Password") && !link.contains("S3cr3t"), "{link}");
    let back = route::form_from_query(dms, query_of(&link));
    assert!(back.reads_env("Password"));
    // A required secret left empty: the command still reads it, Checks says what is missing.
    let rds = op("aws/rds/CreateDBInstance");
    let mut form = form_with(
        rds,
        &[("DBInstanceIdentifier", "db1"), ("DBInstanceClass", "db.t3.micro"), ("Engine", "mysql")],
    );
    let before = outputs(rds, &form, Shell::Posix);
    form.toggle_env("MasterUserPassword");
    let after = outputs(rds, &form, Shell::Posix);
    assert!(
        after.cli.contains("--master-user-password=\"$RDS_MASTER_USER_PASSWORD\""),
        "{}",
        after.cli
    );
    assert_eq!(after.report.error_count(), before.report.error_count());
    // Alibaba Cloud: the flag, then the reference.
    let ecs = op("aliyun/ecs/CreateInstance");
    let mut form = form_with(ecs, &[("ImageId", "img"), ("InstanceType", "ecs.g6.large")]);
    form.toggle_env("Password");
    let out = outputs(ecs, &form, Shell::Posix);
    let at = out.cli.find("--Password \"$ECS_PASSWORD\"");
    assert!(at.is_some_and(|at| at < out.cli.find("--region").unwrap()), "{}", out.cli);
    assert!(!out.report.issues.iter().any(|i| i.path == "Password"), "{:?}", out.report.issues);
    // Only a top-level secret text has a variable; a crafted link asks in vain for others.
    assert_eq!(dms.env_name("Username"), None);
    assert_eq!(dms.env_name("MongoDbSettings"), None);
    let crafted = route::form_from_query(dms, ".env=Username,Password,Nope");
    assert_eq!(crafted.env, ["Password"]);
}

/// Regression: the link's key for the environment choice was `env`, which is also a member's
/// name (dianjin CommercializeFetch `env`): a link to such a form lost that member's value.
#[test]
fn regression_a_member_named_env_keeps_its_value_in_a_link() {
    let op = op("aliyun/dianjin/CommercializeFetch");
    assert!(op.members().iter().any(|m| m.name == "env"));
    let form = form_with(op, &[("env", "prod")]);
    let back = route::form_from_query(op, query_of(&route::permalink(op, &form)));
    assert_eq!(back.get("env"), "prod");
}

/// Parsing is the inverse of printing for the environment too: the command the page writes for
/// a secret read from the environment pastes back as that choice, with no value, in each shell
/// and for both clouds. Other variables are still refused, at their place.
#[test]
fn a_command_that_reads_a_secret_from_the_environment_pastes_back_as_that_choice() {
    let dms = op("aws/dms/CreateEndpoint");
    let mut form = form_with(
        dms,
        &[("EndpointIdentifier", "src"), ("EndpointType", "source"), ("EngineName", "mysql")],
    );
    form.toggle_env("Password");
    let ecs = op("aliyun/ecs/CreateInstance");
    let mut ecs_form = form_with(ecs, &[("ImageId", "img"), ("InstanceType", "ecs.g6.large")]);
    ecs_form.toggle_env("Password");
    for shell in Shell::ALL {
        for (op, form) in [(dms, &form), (ecs, &ecs_form)] {
            let command = outputs(op, form, shell).cli;
            let filled = fill(&command, None, AwsCli::default())
                .unwrap_or_else(|e| panic!("{shell:?} {}: {command}\n{e:?}", op.name));
            let back = route::form_from_query(op, query_of(&filled.hash));
            assert_eq!(back.env, ["Password"], "{shell:?}: {command}\n{}", filled.hash);
            assert_eq!(back.get("Password"), "", "{shell:?}: {command}");
            assert_eq!(back.get("EndpointIdentifier"), form.get("EndpointIdentifier"));
            assert!(filled.secrets.is_empty(), "{shell:?}: {}", filled.secrets);
        }
    }
    // A variable the page would not write for this secret, and one in another member, are
    // refused where they stand; the hint names the variable the page reads.
    let other = "aws dms create-endpoint --endpoint-identifier src --endpoint-type source --engine-name mysql --password=\"$PW\"";
    let failed = fill(other, None, AwsCli::default()).unwrap_err();
    assert!(failed.message.contains("would expand"), "{failed:?}");
    let column = failed.caret.chars().count() - 1;
    assert_eq!(failed.line.chars().skip(column).take(3).collect::<String>(), "$PW", "{failed:?}");
    assert!(failed.hint.as_deref().is_some_and(|h| h.contains("DMS_PASSWORD")), "{failed:?}");
    let elsewhere = "aws dms create-endpoint --endpoint-identifier \"$DMS_PASSWORD\" --endpoint-type source --engine-name mysql";
    let failed = fill(elsewhere, None, AwsCli::default()).unwrap_err();
    assert!(failed.message.contains("would expand"), "{failed:?}");
    // Regression: text that merely looks like the paste's own marks (the private-use characters
    // U+E000 and U+E001, as icon fonts put into copied pages) is a value like any other.
    let look_alike = "aws dms create-endpoint --endpoint-identifier 'a\u{E000}x\u{E001}b' --endpoint-type source --engine-name mysql";
    let filled = fill(look_alike, None, AwsCli::default()).unwrap_or_else(|e| panic!("{e:?}"));
    let back = route::form_from_query(dms, query_of(&filled.hash));
    assert_eq!(back.get("EndpointIdentifier"), "a\u{E000}x\u{E001}b");
    // Single quotes keep it literal, as before.
    let literal = "aws dms create-endpoint --endpoint-identifier src --endpoint-type source --engine-name mysql --password '$DMS_PASSWORD'";
    let filled = fill(literal, None, AwsCli::default()).unwrap();
    assert!(filled.secrets.contains("DMS_PASSWORD"), "{}", filled.secrets);
}
