//! Shell quoting: a POSIX-quoted word, run by bash with a stub that prints its argv, gives back
//! exactly the input, for 10,000 random strings of any Unicode, control characters and shell
//! syntax. PowerShell and cmd.exe quoting are checked against tables of the known hard cases.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use request_builder::core::cli::shell::{format, quote, quote_posix, Command, Shell};
use std::io::Write;
use std::process::Stdio;

/// Runs one bash that prints every word, NUL-terminated, and splits the output back.
fn bash_words(words: &[String]) -> Vec<String> {
    let mut script = String::new();
    for word in words {
        script.push_str(&format!("printf '%s\\0' {}\n", quote_posix(word)));
    }
    let mut child = std::process::Command::new("bash")
        .arg("--norc")
        .arg("-s")
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("bash");
    child.stdin.take().unwrap().write_all(script.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("bash gave back UTF-8");
    text.split_terminator('\0').map(str::to_string).collect()
}

/// Characters that break quoting, mixed with arbitrary Unicode.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            '\'', '"', '\\', '$', '`', '!', '%', '&', '|', ';', '<', '>', '(', ')', '{', '}', '[',
            ']', '*', '?', '~', '#', '=', ' ', '\t', '\n', '\r', '^', ',', '@', '\u{1}', '\u{7f}',
            '\u{2018}', '\u{2019}',
        ]),
        any::<char>().prop_filter("no NUL: argv cannot hold it", |c| *c != '\0'),
    ]
}

#[test]
fn posix_words_survive_bash_for_ten_thousand_random_strings() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = proptest::collection::vec(proptest::collection::vec(nasty_char(), 0..16), 500);
    for _batch in 0..20 {
        let inputs: Vec<String> = strategy
            .new_tree(&mut runner)
            .unwrap()
            .current()
            .into_iter()
            .map(|cs| cs.into_iter().collect())
            .collect();
        let back = bash_words(&inputs);
        assert_eq!(back.len(), inputs.len());
        for (input, back) in inputs.iter().zip(&back) {
            assert_eq!(back, input, "quoted as {}", quote_posix(input));
        }
    }
}

#[test]
fn shell_syntax_in_values_stays_literal_in_a_whole_command() {
    let words =
        ["$(touch /tmp/pwned)", "`id`", "a;b", "x\ny", "'", "--flag=-1", "~root", "=cmd", "*"]
            .map(String::from);
    assert_eq!(bash_words(&words), words);
}

#[test]
fn powershell_quoting_table() {
    let cases = [
        ("plain-value_1.2", "plain-value_1.2"),
        ("", "''"),
        ("it's", "'it''s'"),
        ("say \"hi\"", "'say \"hi\"'"),
        ("$env:PATH", "'$env:PATH'"),
        ("a`b", "'a`b'"),
        ("a b", "'a b'"),
        ("@splat", "'@splat'"),
        ("a,b", "'a,b'"),
        ("it\u{2019}s", "'it\u{2019}\u{2019}s'"),
        ("\u{2018}x\u{2018}", "'\u{2018}\u{2018}x\u{2018}\u{2018}'"),
        ("{json}", "'{json}'"),
        ("line\nbreak", "'line\nbreak'"),
    ];
    for (input, expected) in cases {
        assert_eq!(quote(input, Shell::PowerShell, &mut vec![]), expected, "{input:?}");
    }
}

/// Windows PowerShell 5.1 (issue 30, item 6): `about_Parsing` says that it passes a native
/// program's arguments without escaping their double quotes, and its
/// `NativeCommandParameterBinder.NeedQuotes` wraps one in quotes only where it has whitespace
/// outside paired quotes. So each word is the C runtime's text ("Parsing C command-line
/// arguments") in PowerShell's single quotes; the page wraps it itself where 5.1's wrapping goes
/// wrong (an empty word is dropped, a trailing backslash escapes the closing quote).
#[test]
fn powershell5_quoting_table() {
    let cases = [
        ("plain-value_1.2", "plain-value_1.2"),
        ("", r#"'""'"#),
        ("a b", "'a b'"),
        ("it's", "'it''s'"),
        ("$env:PATH", "'$env:PATH'"),
        ("say \"hi\"", r#"'say \"hi\"'"#),
        (r#"{"a":"b c"}"#, r#"'{\"a\":\"b c\"}'"#),
        (r#"back\"quote"#, r#"'back\\\"quote'"#),
        (r"C:\dir\", r"'C:\dir\'"),
        (r"C:\my dir\", r#"'"C:\my dir\\"'"#),
        ("-Dx.y", "'-Dx.y'"),
        ("-1.5", "'-1.5'"),
        ("--count", "--count"),
        ("line\nbreak", "'line\nbreak'"),
    ];
    for (input, expected) in cases {
        assert_eq!(quote(input, Shell::PowerShell5, &mut vec![]), expected, "{input:?}");
    }
}

#[test]
fn cmd_quoting_table() {
    let cases = [
        ("plain-value_1.2", "plain-value_1.2", false),
        ("", "\"\"", false),
        ("a b", "\"a b\"", false),
        ("say \"hi\"", "\"say \"\"hi\"\"\"", false),
        ("a&b|c<d>e^f", "\"a&b|c<d>e^f\"", false),
        (r"C:\path\", r#""C:\path\\""#, false),
        (r#"back\"quote"#, r#""back\\""quote""#, false),
        ("100%", "\"100%\"", true),
        ("two\nlines", "\"two\nlines\"", true),
    ];
    for (input, expected, warns) in cases {
        let mut warnings = vec![];
        assert_eq!(quote(input, Shell::Cmd, &mut warnings), expected, "{input:?}");
        assert_eq!(!warnings.is_empty(), warns, "{input:?}: {warnings:?}");
    }
}

#[test]
fn long_commands_break_with_each_shells_continuation() {
    let mut command = Command::default();
    command.push(["aws".to_string(), "dms".to_string(), "start-replication-task".to_string()]);
    command.push([
        "--replication-task-arn".to_string(),
        "arn:aws:dms:us-east-1:123456789012:task:ABCDEFGHIJKLMNOP".to_string(),
    ]);
    command.push(["--start-replication-task-type".to_string(), "start-replication".to_string()]);
    for (shell, continuation) in [
        (Shell::Posix, " \\\n  "),
        (Shell::PowerShell, " `\n  "),
        (Shell::PowerShell5, " `\n  "),
        (Shell::Cmd, " ^\n  "),
    ] {
        let (text, _) = format(&command, shell);
        assert_eq!(text.matches(continuation).count(), 2, "{shell:?}: {text}");
    }
    let mut short = Command::default();
    short.push(["aliyun".to_string(), "smc".to_string()]);
    assert_eq!(format(&short, Shell::Posix).0, "aliyun smc");
}

/// The POSIX curl command, run by bash with a stub `curl` that prints its argv: credentials come
/// from the environment, the session token header appears only when a token is set, and the
/// body arrives byte for byte.
#[test]
fn the_posix_curl_command_expands_credentials_and_the_optional_session_token() {
    use request_builder::core::{model::catalog, outputs, request::form::FormState};
    let dir = std::env::temp_dir().join(format!("curl-stub-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let stub = dir.join("curl");
    std::fs::write(&stub, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done\n").unwrap();
    std::process::Command::new("chmod").arg("+x").arg(&stub).status().unwrap();
    let op = catalog::find("aws/dms/StartReplicationTask").unwrap();
    let form = FormState::new("us-east-1")
        .with("ReplicationTaskArn", "arn:aws:dms:us-east-1:123456789012:task:X")
        .with("StartReplicationTaskType", "start-replication")
        .with("CdcStopPosition", "it's $HOME `id`");
    let out = outputs(op, &form, Shell::Posix);
    let run = |token: Option<&str>| -> Vec<String> {
        let mut command = std::process::Command::new("bash");
        command.arg("-c").arg(&out.curl).env("PATH", format!("{}:/usr/bin:/bin", dir.display()));
        command.env("AWS_ACCESS_KEY_ID", "AKID").env("AWS_SECRET_ACCESS_KEY", "se cret$");
        match token {
            Some(token) => command.env("AWS_SESSION_TOKEN", token),
            None => command.env_remove("AWS_SESSION_TOKEN"),
        };
        let output = command.output().unwrap();
        String::from_utf8(output.stdout)
            .unwrap()
            .split_terminator('\0')
            .map(str::to_string)
            .collect()
    };
    let without = run(None);
    assert!(without.contains(&"AKID:se cret$".to_string()), "{without:?}");
    assert!(!without.iter().any(|a| a.contains("x-amz-security-token")), "{without:?}");
    assert_eq!(without.last().unwrap(), &out.body);
    let with = run(Some("tok en*"));
    let at = with.iter().position(|a| a == "x-amz-security-token: tok en*").expect("token header");
    assert_eq!(with[at - 1], "-H");
    assert_eq!(with.last().unwrap(), &out.body);
}

/// Regression (issue 30, item 9): a value with `%NAME%` under cmd.exe got the same warning
/// twice, once for the command and once for curl.
#[test]
fn each_shell_warning_shows_once() {
    use request_builder::core::model::catalog;
    use request_builder::core::outputs;
    use request_builder::core::request::form::FormState;
    let op = catalog::find("aws/dms/StartReplicationTask").unwrap();
    let form = FormState::new("us-east-1")
        .with("ReplicationTaskArn", "arn:aws:dms:us-east-1:123456789012:task:ABC")
        .with("StartReplicationTaskType", "start-replication")
        .with("CdcStartPosition", "%PATH%");
    let warnings = outputs(op, &form, Shell::Cmd).shell_warnings;
    let expansion = warnings.iter().filter(|w| w.contains("%NAME%")).count();
    assert_eq!(expansion, 1, "{warnings:#?}");
}

/// Regression (issue 30, item 8): the Alibaba Cloud curl is the unsigned request, and nothing
/// next to it said so.
#[test]
fn the_alibaba_curl_says_it_is_unsigned_and_aws_does_not() {
    use request_builder::core::model::catalog;
    use request_builder::core::outputs;
    use request_builder::core::request::form::FormState;
    let smc = catalog::find("aliyun/smc/StartReplicationJob").unwrap();
    let form = FormState::new("cn-hangzhou").with("JobId", "j-bp1a2b3c4d5e");
    let warnings = outputs(smc, &form, Shell::Posix).shell_warnings;
    assert!(
        warnings.iter().any(|w| w.starts_with("curl for Alibaba Cloud is unsigned")),
        "{warnings:#?}"
    );
    let dms = catalog::find("aws/dms/StartReplicationTask").unwrap();
    let warnings = outputs(dms, &FormState::new("us-east-1"), Shell::Posix).shell_warnings;
    assert!(!warnings.iter().any(|w| w.contains("unsigned")), "{warnings:#?}");
}
