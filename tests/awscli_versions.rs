//! The two AWS CLI dialects: v2 (the default) and v1 write and read the same forms, and differ
//! where the CLIs do: blob values (v2 reads them as base64 unless told
//! `--cli-binary-format raw-in-base64-out`), the global options each has, and the gaps between
//! today's model and the one each CLI bundles. The real CLIs prove the commands in
//! tests/aws_cli.rs and tests/bulk_cli.rs; these tables pin the rules.

use request_builder::core::cli::shell::Shell;
use request_builder::core::model::{catalog, AwsCli};
use request_builder::core::outputs;
use request_builder::core::paste::{parse_for, Pasted};
use request_builder::core::request::form::FormState;
use request_builder::core::route;

fn form(route: &str, cli: AwsCli, values: &[(&str, &str)]) -> FormState {
    let op = catalog::find(route).unwrap_or_else(|| panic!("{route} is not in the catalog"));
    let mut form = FormState::new(op.default_region());
    form.awscli = cli;
    for (path, value) in values {
        form.set(path, value);
    }
    form
}

fn cli_of(route: &str, form: &FormState) -> String {
    outputs(catalog::find(route).unwrap(), form, Shell::Posix).cli
}

fn paste(text: &str, cli: AwsCli) -> Pasted {
    parse_for(text, None, cli).unwrap_or_else(|e| panic!("{text}\n\n{e}"))
}

/// (route, blob path, other values).
type BlobCase = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// Blob operations people run most.
const BLOB_CASES: &[BlobCase] = &[
    ("aws/kms/Encrypt", "Plaintext", &[("KeyId", "alias/app")]),
    ("aws/lambda/Invoke", "Payload", &[("FunctionName", "my-function")]),
    ("aws/kinesis/PutRecord", "Data", &[("StreamName", "s"), ("PartitionKey", "p")]),
];

#[test]
fn a_v2_command_with_a_blob_says_the_value_is_raw_text_and_v1_does_not_need_to() {
    for (route, blob, others) in BLOB_CASES {
        let mut values = others.to_vec();
        values.push((blob, "hello wörld"));
        let v2 = cli_of(route, &form(route, AwsCli::V2, &values));
        let v1 = cli_of(route, &form(route, AwsCli::V1, &values));
        assert!(v2.contains(" --cli-binary-format raw-in-base64-out "), "{route}: {v2}");
        assert!(!v1.contains("--cli-binary-format"), "{route}: {v1}");
        // One line per option when long: compare the words.
        let words = |cli: &str| {
            cli.replace(" \\\n  ", " ").split_whitespace().map(str::to_string).collect::<Vec<_>>()
        };
        let mut v2_words = words(&v2);
        v2_words.retain(|w| w != "--cli-binary-format" && w != "raw-in-base64-out");
        assert_eq!(v2_words, words(&v1), "{route}");
        // Without a blob value, the option would only be noise.
        let without = cli_of(route, &form(route, AwsCli::V2, others));
        assert!(!without.contains("--cli-binary-format"), "{route}: {without}");
    }
}

#[test]
fn a_nested_blob_in_v2_also_takes_the_binary_format_option() {
    let route = "aws/sqs/SendMessage";
    let mut form = form(route, AwsCli::V2, &[("QueueUrl", "https://q"), ("MessageBody", "b")]);
    form.set_list_len("MessageAttributes", Some(1));
    form.set("MessageAttributes[0].key", "img");
    form.set("MessageAttributes[0].value.DataType", "Binary");
    form.set("MessageAttributes[0].value.BinaryValue", "raw bytes");
    let cli = cli_of(route, &form);
    assert!(cli.contains("--cli-binary-format raw-in-base64-out"), "{cli}");
}

#[test]
fn each_version_reads_back_the_blob_command_it_writes() {
    for cli in AwsCli::ALL {
        for (route, blob, others) in BLOB_CASES {
            let mut values = others.to_vec();
            values.push((blob, "hello wörld"));
            let written = form(route, cli, &values);
            let pasted = paste(&cli_of(route, &written), cli);
            assert_eq!(pasted.form, written, "{route} {}", cli.id());
        }
    }
}

#[test]
fn v2_reads_blob_values_as_base64_unless_told_raw() {
    let base = "aws kms encrypt --key-id k --plaintext aGVsbG8gd8O2cmxk";
    assert_eq!(paste(base, AwsCli::V2).form.get("Plaintext"), "hello wörld");
    // v1 takes the text as it is.
    assert_eq!(paste(base, AwsCli::V1).form.get("Plaintext"), "aGVsbG8gd8O2cmxk");
    let raw = "aws kms encrypt --key-id k --plaintext hello --cli-binary-format raw-in-base64-out";
    assert_eq!(paste(raw, AwsCli::V2).form.get("Plaintext"), "hello");
    // Inside --cli-input-json too: v2 applies the format to the merged parameters.
    let doc = r#"aws kms encrypt --cli-input-json '{"KeyId":"k","Plaintext":"aGk="}'"#;
    assert_eq!(paste(doc, AwsCli::V2).form.get("Plaintext"), "hi");
}

#[test]
fn v2_refuses_a_blob_that_is_not_base64_as_the_real_v2_does() {
    // The real v2.36.7: `Invalid base64: "hello"`.
    let text = "aws kms encrypt --key-id k --plaintext hello";
    let error = parse_for(text, None, AwsCli::V2).expect_err("v2 reads base64");
    assert!(error.message.contains("not base64"), "{error}");
    assert_eq!(&text[error.offset..error.offset + 5], "hello", "{error}");
    assert!(error.hint.as_deref().unwrap_or("").contains("raw-in-base64-out"), "{error}");
}

#[test]
fn an_option_only_the_other_version_has_gets_a_clear_message() {
    for (text, cli, other) in [
        ("aws kms list-keys --no-cli-pager", AwsCli::V1, "v2"),
        ("aws kms list-keys --cli-binary-format base64", AwsCli::V1, "v2"),
        ("aws kms list-keys --v2-debug", AwsCli::V2, "v1"),
    ] {
        let error = parse_for(text, None, cli).expect_err("the other version's option");
        assert!(
            error.message.contains(&format!("is an AWS CLI {other} option")),
            "{text}: {error}"
        );
    }
    // In its own version, it is read and listed as ignored.
    assert_eq!(paste("aws kms list-keys --no-cli-pager", AwsCli::V2).ignored, ["--no-cli-pager"]);
}

#[test]
fn the_pasted_form_keeps_the_version_it_was_read_as_and_links_keep_it() {
    for cli in AwsCli::ALL {
        let pasted = paste("aws kms list-keys --limit 5", cli);
        assert_eq!(pasted.form.awscli, cli);
        let link = route::permalink(pasted.op, &pasted.form);
        // The default version is left out, so links made before the choice read the same.
        assert_eq!(link.contains("awscli=v1"), cli == AwsCli::V1, "{link}");
        let query = link.split_once('?').map(|(_, q)| q).unwrap_or("");
        assert_eq!(route::form_from_query(pasted.op, query).awscli, cli, "{link}");
    }
}

#[test]
fn gaps_name_the_version_the_command_is_for() {
    // ElastiCache StartMigration: both bundled models still require ReplicationGroupId.
    let route = "aws/elasticache/StartMigration";
    let op = catalog::find(route).unwrap();
    let warnings = |cli| outputs(op, &form(route, cli, &[]), Shell::Posix).shell_warnings;
    let v2 = warnings(AwsCli::V2);
    let v1 = warnings(AwsCli::V1);
    assert!(
        v2.iter().any(|w| w.starts_with(&format!("AWS CLI v{} ", AwsCli::V2.release()))),
        "{v2:?}"
    );
    assert!(v1.iter().any(|w| w.starts_with("AWS CLI v1 ")), "{v1:?}");
    assert!(v2.iter().all(|w| !w.starts_with("AWS CLI v1 ")), "{v2:?}");
}

/// Regression: taking what parsed kept a blob v2 refuses as its raw text (and left the blobs
/// after it undecoded), so the form sent what no v2 command would.
#[test]
fn taking_what_parsed_drops_a_blob_v2_refuses_and_decodes_the_others() {
    use request_builder::core::paste::parse_taking_what_parsed_for;
    let text = "aws kms decrypt --ciphertext-blob hello --recipient AttestationDocument=aGk=";
    let pasted = parse_taking_what_parsed_for(text, None, AwsCli::V2).expect("syntax is fine");
    assert_eq!(pasted.dropped.len(), 1, "{:?}", pasted.dropped);
    assert_eq!(pasted.form.value("CiphertextBlob"), None);
    assert_eq!(pasted.form.get("Recipient.AttestationDocument"), "hi");
}
