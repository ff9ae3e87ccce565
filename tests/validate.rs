//! Every validation rule, valid and invalid, with its edges. Each case starts from a valid form
//! for its operation, applies a few changes, and lists every issue expected: path, severity and
//! a fragment of the message. Nothing else may be reported.

use request_builder::core::model::catalog;
use request_builder::core::model::Severity::{self, Error, Warning};
use request_builder::core::request::build::build;
use request_builder::core::request::form::FormState;
use request_builder::core::request::value::Value;

const DMS: &str = "aws/dms/StartReplicationTask";
const DATASYNC: &str = "aws/datasync/StartTaskExecution";
const ELASTICACHE: &str = "aws/elasticache/StartMigration";
const SMC: &str = "aliyun/smc/StartReplicationJob";

fn base(route: &str) -> FormState {
    match route {
        DMS => FormState::new("us-east-1")
            .with("ReplicationTaskArn", "arn:aws:dms:us-east-1:123456789012:task:ABCDEFGHIJ")
            .with("StartReplicationTaskType", "start-replication"),
        DATASYNC => FormState::new("us-east-1")
            .with("TaskArn", "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0"),
        ELASTICACHE => FormState::new("us-east-1").with("ReplicationGroupId", "my-group"),
        SMC => FormState::new("cn-hangzhou").with("JobId", "j-bp1a2b3c4d5e"),
        _ => unreachable!(),
    }
}

/// A change to the base form: set a value (empty unsets it) or set a list's length.
enum Change {
    Set(&'static str, &'static str),
    List(&'static str, Option<usize>),
}
use Change::{List, Set};

struct Case {
    name: &'static str,
    route: &'static str,
    changes: Vec<Change>,
    expected: Vec<(&'static str, Severity, &'static str)>,
}

fn case(
    name: &'static str,
    route: &'static str,
    changes: Vec<Change>,
    expected: Vec<(&'static str, Severity, &'static str)>,
) -> Case {
    Case { name, route, changes, expected }
}

fn run(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for case in cases {
        let op = catalog::find(case.route).unwrap();
        let mut form = base(case.route);
        for change in &case.changes {
            match change {
                Set(path, value) => form.set(path, value),
                List(path, len) => form.set_list_len(path, *len),
            }
        }
        let before = form.clone();
        let report = build(op, &form).report;
        assert_eq!(form, before, "{}: building changed the form", case.name);
        let got: Vec<(String, Severity, String)> = report
            .issues
            .iter()
            .map(|i| (i.path.clone(), i.severity, i.kind.to_string()))
            .collect();
        let matches = got.len() == case.expected.len()
            && case.expected.iter().all(|(path, severity, fragment)| {
                got.iter().any(|(p, s, m)| p == path && s == severity && m.contains(fragment))
            });
        if !matches {
            failures.push(format!(
                "{}:\n  expected {:?}\n  got      {:?}",
                case.name, case.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_base_forms_are_valid() {
    for route in [DMS, DATASYNC, ELASTICACHE, SMC] {
        let report = build(catalog::find(route).unwrap(), &base(route)).report;
        assert!(report.issues.is_empty(), "{route}: {:?}", report.issues);
    }
}

#[test]
fn dms_rules() {
    run(vec![
        case(
            "both CDC starts",
            DMS,
            vec![
                Set("CdcStartTime", "2018-03-08T12:12:12"),
                Set("CdcStartPosition", "checkpoint:V1#1"),
            ],
            vec![
                ("CdcStartTime", Error, "set only one"),
                ("CdcStartPosition", Error, "set only one"),
            ],
        ),
        case("start time alone", DMS, vec![Set("CdcStartTime", "2018-03-08T12:12:12")], vec![]),
        case(
            "start position alone",
            DMS,
            vec![Set("CdcStartPosition", "mysql-bin-changelog.000024:373")],
            vec![],
        ),
        case("zone-less timestamp", DMS, vec![Set("CdcStartTime", "2018-03-08 12:12:12")], vec![]),
        case("date only", DMS, vec![Set("CdcStartTime", "2018-03-08")], vec![]),
        case("epoch seconds", DMS, vec![Set("CdcStartTime", "1520511132")], vec![]),
        case(
            "epoch milliseconds",
            DMS,
            vec![Set("CdcStartTime", "1520511132000")],
            vec![("CdcStartTime", Error, "milliseconds")],
        ),
        case(
            "leap second",
            DMS,
            vec![Set("CdcStartTime", "2016-12-31T23:59:60Z")],
            vec![("CdcStartTime", Error, "leap second")],
        ),
        case(
            "garbage time",
            DMS,
            vec![Set("CdcStartTime", "next tuesday")],
            vec![("CdcStartTime", Error, "ISO 8601")],
        ),
        case(
            "time with spaces around",
            DMS,
            vec![Set("CdcStartTime", " 2018-03-08 ")],
            vec![("CdcStartTime", Warning, "whitespace")],
        ),
        case(
            "unknown task type",
            DMS,
            vec![Set("StartReplicationTaskType", "restart")],
            vec![(
                "StartReplicationTaskType",
                Error,
                "start-replication, resume-processing, reload-target",
            )],
        ),
        case(
            "task type empty is absent",
            DMS,
            vec![Set("StartReplicationTaskType", "")],
            vec![("StartReplicationTaskType", Error, "required")],
        ),
        case(
            "ARN missing",
            DMS,
            vec![Set("ReplicationTaskArn", "")],
            vec![("ReplicationTaskArn", Error, "required")],
        ),
        case(
            "ARN short account",
            DMS,
            vec![Set("ReplicationTaskArn", "arn:aws:dms:us-east-1:12345678901:task:X")],
            vec![("ReplicationTaskArn", Error, "arn:aws:dms:<region>")],
        ),
        case(
            "ARN of another service",
            DMS,
            vec![Set("ReplicationTaskArn", "arn:aws:rds:us-east-1:123456789012:task:X")],
            vec![("ReplicationTaskArn", Error, "arn:aws:dms:<region>")],
        ),
        case(
            "ARN in another region",
            DMS,
            vec![Set("ReplicationTaskArn", "arn:aws:dms:eu-west-1:123456789012:task:X")],
            vec![(
                "ReplicationTaskArn",
                Warning,
                "in eu-west-1, but the request goes to us-east-1",
            )],
        ),
        case(
            "ARN with a trailing space",
            DMS,
            vec![Set("ReplicationTaskArn", "arn:aws:dms:us-east-1:123456789012:task:X ")],
            vec![
                ("ReplicationTaskArn", Warning, "whitespace"),
                ("ReplicationTaskArn", Error, "arn:aws:dms:<region>"),
            ],
        ),
        case("no region", DMS, vec![], vec![]),
    ]);
}

#[test]
fn datasync_rules() {
    run(vec![
        case("atime best effort with mtime none", DATASYNC, vec![Set("OverrideOptions.Atime", "BEST_EFFORT"), Set("OverrideOptions.Mtime", "NONE")], vec![
            ("OverrideOptions.Atime", Error, "Atime BEST_EFFORT needs Mtime PRESERVE"),
            ("OverrideOptions.Mtime", Error, "Mtime NONE needs Atime NONE"),
        ]),
        case("atime none with mtime default", DATASYNC, vec![Set("OverrideOptions.Atime", "NONE")], vec![
            ("OverrideOptions.Atime", Error, "Mtime is PRESERVE when not set"),
        ]),
        case("mtime none with atime default", DATASYNC, vec![Set("OverrideOptions.Mtime", "NONE")], vec![
            ("OverrideOptions.Mtime", Error, "Atime is BEST_EFFORT when not set"),
        ]),
        case("both none", DATASYNC, vec![Set("OverrideOptions.Atime", "NONE"), Set("OverrideOptions.Mtime", "NONE")], vec![]),
        case("both preserved", DATASYNC, vec![Set("OverrideOptions.Atime", "BEST_EFFORT"), Set("OverrideOptions.Mtime", "PRESERVE")], vec![]),
        case("mtime preserve alone", DATASYNC, vec![Set("OverrideOptions.Mtime", "PRESERVE")], vec![]),
        case("bandwidth -2", DATASYNC, vec![Set("OverrideOptions.BytesPerSecond", "-2")], vec![("OverrideOptions.BytesPerSecond", Error, "at least -1")]),
        case("bandwidth -1", DATASYNC, vec![Set("OverrideOptions.BytesPerSecond", "-1")], vec![]),
        case("bandwidth 0", DATASYNC, vec![Set("OverrideOptions.BytesPerSecond", "0")], vec![("OverrideOptions.BytesPerSecond", Error, "use -1 for no limit")]),
        case("bandwidth 1", DATASYNC, vec![Set("OverrideOptions.BytesPerSecond", "1")], vec![]),
        case("bandwidth with a space", DATASYNC, vec![Set("OverrideOptions.BytesPerSecond", "1 024")], vec![("OverrideOptions.BytesPerSecond", Error, "whole number")]),
        case("bandwidth beyond a long", DATASYNC, vec![Set("OverrideOptions.BytesPerSecond", "9223372036854775808")], vec![
            ("OverrideOptions.BytesPerSecond", Error, "whole number"),
        ]),
        case("one include rule", DATASYNC, vec![List("Includes", Some(1)), Set("Includes[0].FilterType", "SIMPLE_PATTERN"), Set("Includes[0].Value", "/a|/b/*")], vec![]),
        case("two include rules", DATASYNC, vec![List("Includes", Some(2))], vec![
            ("Includes", Error, "at most 1"),
            ("Includes[0]", Warning, "sent as {}"),
            ("Includes[1]", Warning, "sent as {}"),
        ]),
        case("two exclude rules", DATASYNC, vec![List("Excludes", Some(2))], vec![
            ("Excludes", Error, "at most 1"),
            ("Excludes[0]", Warning, "sent as {}"),
            ("Excludes[1]", Warning, "sent as {}"),
        ]),
        case("empty include list", DATASYNC, vec![List("Includes", Some(0))], vec![]),
        case("unknown filter type", DATASYNC, vec![List("Includes", Some(1)), Set("Includes[0].FilterType", "REGEX")], vec![
            ("Includes[0].FilterType", Error, "SIMPLE_PATTERN"),
        ]),
        case("task ARN of a location", DATASYNC, vec![Set("TaskArn", "arn:aws:datasync:us-east-1:123456789012:location/loc-0123456789abcdef0")], vec![
            ("TaskArn", Error, "task/task-"),
        ]),
        case("task ARN too long", DATASYNC, vec![Set("TaskArn", "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")], vec![
            ("TaskArn", Error, "at most 128"),
            ("TaskArn", Error, "task/task-"),
        ]),
        case("fifty tags", DATASYNC, vec![List("Tags", Some(50))], fifty_missing_keys()),
        case("fifty-one tags", DATASYNC, vec![List("Tags", Some(51))], {
            let mut expected = fifty_missing_keys();
            expected.push(("Tags[50].Key", Error, "required"));
            expected.push(("Tags", Error, "at most 50"));
            expected
        }),
        case("tag key with a bang", DATASYNC, vec![List("Tags", Some(1)), Set("Tags[0].Key", "bad!")], vec![("Tags[0].Key", Error, "letters, digits")]),
        case("tag value with an at sign", DATASYNC, vec![List("Tags", Some(1)), Set("Tags[0].Key", "owner"), Set("Tags[0].Value", "me@example.com")], vec![]),
        case("manifest action alone needs nothing more", DATASYNC, vec![Set("ManifestConfig.Action", "TRANSFER")], vec![]),
        case("manifest path needs its bucket and role", DATASYNC, vec![Set("ManifestConfig.Source.S3.ManifestObjectPath", "list.csv")], vec![
            ("ManifestConfig.Source.S3.BucketAccessRoleArn", Error, "required"),
            ("ManifestConfig.Source.S3.S3BucketArn", Error, "required"),
        ]),
        case("report subdirectory needs its bucket and role", DATASYNC, vec![Set("TaskReportConfig.Destination.S3.Subdirectory", "reports/")], vec![
            ("TaskReportConfig.Destination.S3.S3BucketArn", Error, "required"),
            ("TaskReportConfig.Destination.S3.BucketAccessRoleArn", Error, "required"),
        ]),
        case("report bucket ARN pattern", DATASYNC, vec![
            Set("TaskReportConfig.Destination.S3.S3BucketArn", "my-bucket"),
            Set("TaskReportConfig.Destination.S3.BucketAccessRoleArn", "arn:aws:iam::123456789012:role/r"),
        ], vec![("TaskReportConfig.Destination.S3.S3BucketArn", Error, "arn:aws:s3:::")]),
    ]);
}

fn fifty_missing_keys() -> Vec<(&'static str, Severity, &'static str)> {
    let paths: Vec<&'static str> =
        (0..50).map(|i| &*Box::leak(format!("Tags[{i}].Key").into_boxed_str())).collect();
    paths.into_iter().map(|p| (p, Error, "required")).collect()
}

#[test]
fn elasticache_rules() {
    run(vec![
        case(
            "neither target",
            ELASTICACHE,
            vec![Set("ReplicationGroupId", "")],
            vec![
                ("ReplicationGroupId", Error, "exactly one"),
                ("ServerlessCacheName", Error, "exactly one"),
            ],
        ),
        case(
            "both targets",
            ELASTICACHE,
            vec![Set("ServerlessCacheName", "cache")],
            vec![
                ("ReplicationGroupId", Error, "set only one"),
                ("ServerlessCacheName", Error, "set only one"),
            ],
        ),
        case(
            "serverless alone",
            ELASTICACHE,
            vec![Set("ReplicationGroupId", ""), Set("ServerlessCacheName", "cache")],
            vec![],
        ),
        case(
            "port 0",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(1)),
                Set("CustomerNodeEndpointList[0].Port", "0"),
            ],
            vec![("CustomerNodeEndpointList[0].Port", Error, "1 to 65535")],
        ),
        case(
            "port 1",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(1)),
                Set("CustomerNodeEndpointList[0].Port", "1"),
            ],
            vec![],
        ),
        case(
            "port 65535",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(1)),
                Set("CustomerNodeEndpointList[0].Port", "65535"),
            ],
            vec![],
        ),
        case(
            "port 65536",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(1)),
                Set("CustomerNodeEndpointList[0].Port", "65536"),
            ],
            vec![("CustomerNodeEndpointList[0].Port", Error, "1 to 65535")],
        ),
        case(
            "port beyond an integer",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(1)),
                Set("CustomerNodeEndpointList[0].Port", "2147483648"),
            ],
            vec![
                ("CustomerNodeEndpointList[0].Port", Error, "2147483647"),
                ("CustomerNodeEndpointList[0].Port", Error, "1 to 65535"),
            ],
        ),
        case(
            "port not a number",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(1)),
                Set("CustomerNodeEndpointList[0].Port", "6379/tcp"),
            ],
            vec![("CustomerNodeEndpointList[0].Port", Error, "whole number")],
        ),
        case(
            "IPv4, IPv6 and host addresses",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(3)),
                Set("CustomerNodeEndpointList[0].Address", "10.0.0.1"),
                Set("CustomerNodeEndpointList[1].Address", "fe80::1"),
                Set("CustomerNodeEndpointList[2].Address", "redis-1.example.com"),
            ],
            vec![("CustomerNodeEndpointList", Warning, "cluster mode disabled")],
        ),
        case(
            "address with a space",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(1)),
                Set("CustomerNodeEndpointList[0].Address", "redis host"),
            ],
            vec![("CustomerNodeEndpointList[0].Address", Error, "host name or an IP")],
        ),
        case(
            "address an impossible IPv4",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(1)),
                Set("CustomerNodeEndpointList[0].Address", "999.1.1.1"),
            ],
            vec![("CustomerNodeEndpointList[0].Address", Error, "host name or an IP")],
        ),
        case(
            "one endpoint",
            ELASTICACHE,
            vec![
                List("CustomerNodeEndpointList", Some(1)),
                Set("CustomerNodeEndpointList[0].Address", "10.0.0.1"),
            ],
            vec![],
        ),
        case(
            "two endpoints warn",
            ELASTICACHE,
            vec![List("CustomerNodeEndpointList", Some(2))],
            vec![
                ("CustomerNodeEndpointList", Warning, "cluster mode disabled"),
                ("CustomerNodeEndpointList[0]", Warning, "sent as {}"),
                ("CustomerNodeEndpointList[1]", Warning, "sent as {}"),
            ],
        ),
        case(
            "empty endpoint list",
            ELASTICACHE,
            vec![List("CustomerNodeEndpointList", Some(0))],
            vec![],
        ),
        case(
            "booleans",
            ELASTICACHE,
            vec![Set("AutoCutover", "true"), Set("ClearTargetCacheData", "false")],
            vec![],
        ),
        case(
            "a boolean from a link",
            ELASTICACHE,
            vec![Set("AutoCutover", "yes")],
            vec![("AutoCutover", Error, "true or false")],
        ),
    ]);
}

#[test]
fn smc_rules() {
    run(vec![
        case("job ID missing", SMC, vec![Set("JobId", "")], vec![("JobId", Error, "required")]),
        case(
            "job ID of another shape",
            SMC,
            vec![Set("JobId", "job-123")],
            vec![("JobId", Warning, "j- followed by")],
        ),
        case(
            "job ID with a space",
            SMC,
            vec![Set("JobId", "j-abc def")],
            vec![("JobId", Warning, "j- followed by")],
        ),
        case("owner ID", SMC, vec![Set("OwnerId", "1234567890")], vec![]),
        case(
            "owner ID negative",
            SMC,
            vec![Set("OwnerId", "-1")],
            vec![("OwnerId", Error, "at least 0")],
        ),
        case(
            "owner ID decimal",
            SMC,
            vec![Set("OwnerId", "1.5")],
            vec![("OwnerId", Error, "whole number")],
        ),
        case("region missing", SMC, vec![], vec![]),
    ]);
}

#[test]
fn an_empty_region_is_reported_at_the_region_control() {
    let mut form = base(SMC);
    form.region = String::new();
    let report = build(catalog::find(SMC).unwrap(), &form).report;
    assert_eq!(report.issues.len(), 1);
    assert_eq!(report.issues[0].path, "region");
}

/// Regression (issue 30, item 9): with the region empty, the ARN's region warning read "…but
/// the request goes to " and stopped; the region control's own error says it all.
#[test]
fn an_arn_with_the_region_empty_gets_no_half_sentence() {
    let mut form = base(DMS);
    form.region = String::new();
    let report = build(catalog::find(DMS).unwrap(), &form).report;
    let messages: Vec<String> =
        report.issues.iter().map(|i| format!("{}: {}", i.path, i.kind)).collect();
    assert_eq!(messages, ["region: is required"]);
}

/// Regression (issue 30, item 9): `us-east-9` was accepted without a word.
#[test]
fn a_region_the_page_does_not_know_is_warned_at_the_region_control() {
    for (route, region) in [(DMS, "us-east-9"), (SMC, "cn-hangzou")] {
        let mut form = base(route);
        form.region = region.to_string();
        let report = build(catalog::find(route).unwrap(), &form).report;
        let issues: Vec<(String, Severity, String)> = report
            .issues
            .iter()
            .map(|i| (i.path.clone(), i.severity, i.kind.to_string()))
            .collect();
        assert_eq!(issues.len(), 1 + usize::from(route == DMS), "{route}: {issues:?}");
        assert!(
            issues.iter().any(|(p, s, m)| p == "region"
                && *s == Warning
                && m.contains(region)
                && m.contains("spelling")),
            "{route}: {issues:?}"
        );
    }
    // Every region the control offers is known.
    for route in [DMS, SMC, "aws/iam/CreateUser", "aliyun/ecs/RunInstances"] {
        let op = catalog::find(route).unwrap();
        for region in op.regions() {
            let mut form = FormState::new(region);
            form.region = region.clone();
            let report = build(op, &form).report;
            assert!(!report.issues.iter().any(|i| i.path == "region"), "{route} {region}");
        }
    }
}

/// Regression (issue 30, item 8): ECS RunInstances went to `ecs-cn-hangzhou` with
/// `RegionId=cn-beijing` and no word, where an AWS ARN in another region is warned.
#[test]
fn an_alibaba_region_id_other_than_the_region_control_is_warned() {
    let op = catalog::find("aliyun/ecs/DescribeInstances").unwrap();
    let form = FormState::new("cn-hangzhou").with("RegionId", "cn-beijing");
    let report = build(op, &form).report;
    let warning = report.issues.iter().find(|i| i.path == "RegionId").expect("a RegionId warning");
    assert_eq!(warning.severity, Warning);
    assert_eq!(
        warning.kind.to_string(),
        "is cn-beijing, but the request goes to the cn-hangzhou endpoint (the Region control)"
    );
    let same = FormState::new("cn-beijing").with("RegionId", "cn-beijing");
    assert!(build(op, &same).report.issues.iter().all(|i| i.path != "RegionId"));
}

/// Issue 30, item 3: JSON carried in a string (DMS `TableMappings`, an IAM policy) was taken
/// whatever it held.
#[test]
fn json_carried_in_a_string_is_checked_at_its_field() {
    let op = catalog::find("aws/dms/CreateReplicationTask").unwrap();
    let form = FormState::new("us-east-1")
        .with("TableMappings", "{\n  \"rules\": [\n    {\"rule-type\" \"selection\"}\n  ]\n}")
        .with("ReplicationTaskSettings", "{\"Logging\": {\"EnableLogging\": true}}");
    let report = build(op, &form).report;
    let at = |path: &str| -> Vec<String> {
        report.issues.iter().filter(|i| i.path == path).map(|i| i.kind.to_string()).collect()
    };
    assert_eq!(at("TableMappings"), ["is not JSON: expected `:` (line 3, column 18)"]);
    assert_eq!(at("ReplicationTaskSettings"), Vec::<String>::new());
    // The overlay marks IAM's policy documents too; other strings take any text.
    let policy = catalog::find("aws/iam/CreatePolicy").unwrap();
    let form = FormState::new("us-east-1").with("PolicyName", "p").with("PolicyDocument", "{");
    let issues = build(policy, &form).report.issues;
    assert!(issues.iter().any(|i| i.path == "PolicyDocument" && i.severity == Error), "{issues:?}");
    let form = FormState::new("us-east-1")
        .with("PolicyName", "p")
        .with("PolicyDocument", "{}")
        .with("Description", "{");
    assert!(build(policy, &form).report.issues.is_empty());
}

/// Regression (issue 30, item 2): an added, empty `BlockDeviceMappings` item rendered
/// `--block-device-mappings '[{}]'` while Checks said "No problems found".
#[test]
fn an_added_item_left_empty_is_reported() {
    let op = catalog::find("aws/ec2/RunInstances").unwrap();
    let mut form = FormState::new("us-east-1").with("MinCount", "1").with("MaxCount", "1");
    form.set_list_len("BlockDeviceMappings", Some(2));
    form.set("BlockDeviceMappings[1].DeviceName", "/dev/sdh");
    let issues: Vec<(String, Severity, String)> = build(op, &form)
        .report
        .issues
        .iter()
        .map(|i| (i.path.clone(), i.severity, i.kind.to_string()))
        .collect();
    assert_eq!(
        issues,
        [(
            "BlockDeviceMappings[0]".to_string(),
            Warning,
            "is empty and is sent as {}: fill it in or remove it".to_string()
        )]
    );
    // An item with something typed into it, even a value the form refuses, is not empty.
    let elasticache = catalog::find(ELASTICACHE).unwrap();
    let mut form = base(ELASTICACHE);
    form.set_list_len("CustomerNodeEndpointList", Some(1));
    form.set("CustomerNodeEndpointList[0].Port", "x");
    let report = build(elasticache, &form).report;
    assert!(
        report.issues.iter().all(|i| !i.kind.to_string().contains("sent as {}")),
        "{:?}",
        report.issues
    );
}

#[test]
fn values_reach_the_request_exactly_as_typed() {
    let form = base(DMS).with("CdcStopPosition", "  commit_time: 3018-02-09T12:12:12 ");
    let built = build(catalog::find(DMS).unwrap(), &form);
    assert_eq!(
        built.request.field("CdcStopPosition"),
        Some(&Value::Str("  commit_time: 3018-02-09T12:12:12 ".into()))
    );
}

#[test]
fn numbers_are_typed_as_their_model_says() {
    let form = base(ELASTICACHE)
        .with_list("CustomerNodeEndpointList", 1)
        .with("CustomerNodeEndpointList[0].Port", "6379")
        .with("AutoCutover", "true");
    let out = request_builder::core::outputs(
        catalog::find(ELASTICACHE).unwrap(),
        &form,
        Default::default(),
    );
    let json: serde_json::Value = serde_json::from_str(&out.json).unwrap();
    assert_eq!(json["CustomerNodeEndpointList"][0]["Port"], serde_json::json!(6379));
    assert_eq!(json["AutoCutover"], serde_json::json!(true));
    let form = base(DATASYNC).with("OverrideOptions.BytesPerSecond", "1048576");
    let out =
        request_builder::core::outputs(catalog::find(DATASYNC).unwrap(), &form, Default::default());
    assert!(out.body.contains("\"BytesPerSecond\": 1048576"), "{}", out.body);
}

/// Regression: the BytesPerSecond rule compared the raw text with "0", so `00` or `+0` was
/// sent as 0 with no error. The rule is now judged on the typed number.
#[test]
fn regression_bytes_per_second_typed_as_00_or_plus_0_is_refused_like_0() {
    let op = catalog::find(DATASYNC).unwrap();
    for typed in ["0", "00", "+0", "-0"] {
        let form = FormState::new("us-east-1")
            .with("TaskArn", "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0")
            .with("OverrideOptions.BytesPerSecond", typed);
        let report = build(op, &form).report;
        let messages: Vec<String> =
            report.at("OverrideOptions.BytesPerSecond").map(|i| i.kind.to_string()).collect();
        assert!(
            messages.iter().any(|m| m.contains("use -1 for no limit")),
            "{typed}: {messages:?}"
        );
    }
    let form = FormState::new("us-east-1")
        .with("TaskArn", "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0")
        .with("OverrideOptions.BytesPerSecond", "-1");
    assert_eq!(build(op, &form).report.at("OverrideOptions.BytesPerSecond").count(), 0);
}
