//! Paste reads Windows commands (issue 30, item 6): PowerShell 7.3+ and cmd.exe text, as each
//! shell's documented rules hand the words to the program (`about_Quoting_Rules`,
//! `about_Special_Characters`, `about_Parsing`; cmd.exe's `^` and `%NAME%`; "Parsing C
//! command-line arguments" for what cmd.exe passes on), the shell decided from the text, and
//! errors with a caret at the place.

mod common;

use proptest::prelude::*;
use request_builder::core::paste::dialect::{self, Dialect};
use request_builder::core::request::form::FormState;

/// Pastes with the showcase services loaded, as the page has them once one is open.
fn parse(
    text: &str,
) -> Result<request_builder::core::paste::Pasted, request_builder::core::paste::ParseError> {
    common::showcase();
    request_builder::core::paste::parse(text, None)
}

/// (text, the shell it reads as, the words the program gets).
const WORDS: &[(&str, Dialect, &[&str])] = &[
    // PowerShell: single quotes are literal, a doubled quote is one quote.
    ("aws x --a 'it''s $HOME `n'", Dialect::PowerShell, &["aws", "x", "--a", "it's $HOME `n"]),
    ("aws x `\n  --a 'b c'", Dialect::PowerShell, &["aws", "x", "--a", "b c"]),
    ("aws x `\r\n  --a 'b c'", Dialect::PowerShell, &["aws", "x", "--a", "b c"]),
    // Double quotes: backtick escapes, `" and "" are quotes, a lone $ is literal.
    (
        "aws x `\n --a \"`\"hi`\" \"\"there\"\" `$5 `t|`u{e9}\"",
        Dialect::PowerShell,
        &["aws", "x", "--a", "\"hi\" \"there\" $5 \t|é"],
    ),
    ("aws x `\n --a \"price: 5$\"", Dialect::PowerShell, &["aws", "x", "--a", "price: 5$"]),
    // Unquoted, an argument is read like a double-quoted one.
    ("aws x `\n --a b`tc d`'e", Dialect::PowerShell, &["aws", "x", "--a", "b\tc", "d'e"]),
    // The typographic quotes PowerShell also takes as quotes; the page doubles them inside.
    (
        "aws x `\n --a \u{2018}it\u{2019}\u{2019}s\u{2019} \u{201c}q\u{201d}",
        Dialect::PowerShell,
        &["aws", "x", "--a", "it\u{2019}s", "q"],
    ),
    // --% passes the rest of the line as written; the C runtime splits it.
    (
        "aws x --% --a Key=a,Value=b --b \"c d\" \\\"e",
        Dialect::PowerShell,
        &["aws", "x", "--a", "Key=a,Value=b", "--b", "c d", "\"e"],
    ),
    (
        "PS C:\\Users\\me> aws s3 ls `\n  --recursive # all of it",
        Dialect::PowerShell,
        &["aws", "s3", "ls", "--recursive"],
    ),
    // cmd.exe: ^ continues and escapes; ' is literal; "" inside quotes is a quote.
    ("aws x ^\n  --a \"b c\"", Dialect::Cmd, &["aws", "x", "--a", "b c"]),
    ("aws x ^\r\n  --a 'b c'", Dialect::Cmd, &["aws", "x", "--a", "'b", "c'"]),
    (
        "aws x ^\n --a \"say \"\"hi\"\"\" b^&c^^d 100%",
        Dialect::Cmd,
        &["aws", "x", "--a", "say \"hi\"", "b&c^d", "100%"],
    ),
    // What the C runtime does with backslashes: literal, unless before a quote.
    (
        "aws x ^\n --a \"C:\\dir\\\\\" C:\\x\\y \"a\\\\\\\"b\"",
        Dialect::Cmd,
        &["aws", "x", "--a", "C:\\dir\\", "C:\\x\\y", "a\\\"b"],
    ),
    // \" as python's list2cmdline and people write JSON; ^ inside cmd's quotes is literal,
    // but cmd.exe counts every quote, \" too: after `{\"k\": \"` it is outside quotes, and
    // there ^ escapes the space.
    (
        "aws x ^\n --a \"{\\\"k\\\": \\\"v ^ w\\\"}\" \"^\"",
        Dialect::Cmd,
        &["aws", "x", "--a", "{\"k\": \"v  w\"}", "^"],
    ),
    // A continued line's first character is taken literally.
    ("aws x ^\n&b", Dialect::Cmd, &["aws", "x", "&b"]),
    ("C:\\Users\\me>aws s3 ls ^\n  --recursive", Dialect::Cmd, &["aws", "s3", "ls", "--recursive"]),
    // One line: a quote escape only one shell has decides; else POSIX.
    ("aws x --a 'it''s'", Dialect::PowerShell, &["aws", "x", "--a", "it's"]),
    ("aws x --a \"say \"\"hi\"\"\"", Dialect::Cmd, &["aws", "x", "--a", "say \"hi\""]),
    ("aws x --a 'it'\\''s'", Dialect::Posix, &["aws", "x", "--a", "it's"]),
    ("aws x --a \"`\"q`\"\"", Dialect::PowerShell, &["aws", "x", "--a", "\"q\""]),
    // Windows PowerShell 5.1: the program gets what 5.1's command line holds, through the C
    // runtime (a word with whitespace wrapped in quotes, an empty one dropped): a \" in
    // PowerShell's words is the sign.
    (
        "aws x --a '{\\\"k\\\": \\\"v w\\\"}' --b ''",
        Dialect::PowerShell5,
        &["aws", "x", "--a", "{\"k\": \"v w\"}", "--b"],
    ),
    (
        "aws x `\n --a '\"C:\\my dir\\\\\"' '\"\"' \"say \\`\"hi\\`\"\"",
        Dialect::PowerShell5,
        &["aws", "x", "--a", "C:\\my dir\\", "", "say \"hi\""],
    ),
    // A PowerShell 7 word in quotes means those quotes; its JSON has bare quotes.
    (
        "aws x --a '\"q\"' --b '{\"k\":\"say \\\"hi\\\"\"}'",
        Dialect::Posix,
        &["aws", "x", "--a", "\"q\"", "--b", "{\"k\":\"say \\\"hi\\\"\"}"],
    ),
    // POSIX refuses a backslash at the end; PowerShell (tried before cmd.exe) reads it.
    ("aws x --a C:\\dir\\", Dialect::PowerShell, &["aws", "x", "--a", "C:\\dir\\"]),
];

#[test]
fn each_shell_hands_the_program_its_documented_words() {
    for (text, shell, expected) in WORDS {
        let (words, read_as) =
            dialect::split(text).unwrap_or_else(|e| panic!("{text:?} does not split:\n{e}"));
        let words: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!((&words[..], read_as), (*expected, *shell), "{text:?}");
    }
}

const DMS: &str = "aws/dms/StartReplicationTask";
const DS: &str = "aws/datasync/StartTaskExecution";
const SMC: &str = "aliyun/smc/StartReplicationJob";
const ARN: &str = "arn:aws:dms:us-east-1:123456789012:task:ABC";
const TASK: &str = "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0";

/// (text, route, region, values, list lengths).
type Expected = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, usize)],
);

const WINDOWS: &[Expected] = &[
    // The two: a backtick-continued and a caret-continued command.
    ("aws dms start-replication-task `\n    --replication-task-arn arn:aws:dms:us-east-1:123456789012:task:ABC `\n    --start-replication-task-type resume-processing `\n    --region eu-west-1",
        DMS, "eu-west-1", &[("ReplicationTaskArn", ARN), ("StartReplicationTaskType", "resume-processing")], &[]),
    ("aws dms start-replication-task ^\n    --replication-task-arn arn:aws:dms:us-east-1:123456789012:task:ABC ^\n    --start-replication-task-type resume-processing ^\n    --region eu-west-1",
        DMS, "eu-west-1", &[("ReplicationTaskArn", ARN), ("StartReplicationTaskType", "resume-processing")], &[]),
    // PowerShell as the page prints it: single quotes, a quote doubled.
    ("aws dms start-replication-task `\n  --replication-task-arn arn:aws:dms:us-east-1:123456789012:task:ABC `\n  --start-replication-task-type start-replication `\n  --cdc-start-position 'it''s \"q\" $x `y` C:\\a\\' `\n  --region us-east-1",
        DMS, "us-east-1", &[("ReplicationTaskArn", ARN), ("StartReplicationTaskType", "start-replication"), ("CdcStartPosition", "it's \"q\" $x `y` C:\\a\\")], &[]),
    ("aws datasync start-task-execution `\n  --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 `\n  --override-options VerifyMode=NONE `\n  --includes '[{\"FilterType\":\"SIMPLE_PATTERN\",\"Value\":\"/a, b|/c\"}]' `\n  --region us-east-1",
        DS, "us-east-1", &[("TaskArn", TASK), ("OverrideOptions.VerifyMode", "NONE"), ("Includes[0].FilterType", "SIMPLE_PATTERN"), ("Includes[0].Value", "/a, b|/c")], &[("Includes", 1)]),
    // PowerShell as people write it: JSON in double quotes with `" or "", shorthand quoted,
    // a JSON document over lines inside single quotes, --% before shorthand.
    ("aws datasync start-task-execution --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 --override-options \"{`\"VerifyMode`\": `\"NONE`\", `\"BytesPerSecond`\": -1}\"",
        DS, "us-east-1", &[("TaskArn", TASK), ("OverrideOptions.VerifyMode", "NONE"), ("OverrideOptions.BytesPerSecond", "-1")], &[]),
    ("aws datasync start-task-execution `\n  --task-arn \"arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0\" `\n  --override-options \"{\"\"VerifyMode\"\": \"\"NONE\"\"}\"",
        DS, "us-east-1", &[("TaskArn", TASK), ("OverrideOptions.VerifyMode", "NONE")], &[]),
    ("aws datasync start-task-execution `\n  --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 `\n  --override-options 'VerifyMode=NONE,Atime=NONE' `\n  --tags 'Key=env,Value=prod' 'Key=team,Value=data'",
        DS, "us-east-1", &[("TaskArn", TASK), ("OverrideOptions.VerifyMode", "NONE"), ("OverrideOptions.Atime", "NONE"), ("Tags[0].Key", "env"), ("Tags[0].Value", "prod"), ("Tags[1].Key", "team"), ("Tags[1].Value", "data")], &[("Tags", 2)]),
    ("aws datasync start-task-execution `\n  --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 `\n  --excludes '[\n    {\"FilterType\": \"SIMPLE_PATTERN\", \"Value\": \"/tmp\"}\n  ]'",
        DS, "us-east-1", &[("TaskArn", TASK), ("Excludes[0].FilterType", "SIMPLE_PATTERN"), ("Excludes[0].Value", "/tmp")], &[("Excludes", 1)]),
    ("aws datasync start-task-execution --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 --% --override-options VerifyMode=NONE,Atime=NONE",
        DS, "us-east-1", &[("TaskArn", TASK), ("OverrideOptions.VerifyMode", "NONE"), ("OverrideOptions.Atime", "NONE")], &[]),
    ("PS C:\\Users\\me> aws dms start-replication-task --replication-task-arn arn:aws:dms:us-east-1:123456789012:task:ABC --start-replication-task-type start-replication --cdc-stop-position 'commit_time: 3018-02-09T12:12:12 '",
        DMS, "us-east-1", &[("ReplicationTaskArn", ARN), ("StartReplicationTaskType", "start-replication"), ("CdcStopPosition", "commit_time: 3018-02-09T12:12:12 ")], &[]),
    ("aliyun smc StartReplicationJob `\n  --JobId j-bp1a2b3c4d5e `\n  --region cn-shanghai",
        SMC, "cn-shanghai", &[("JobId", "j-bp1a2b3c4d5e")], &[]),
    // cmd.exe as the page prints it: double quotes, a quote doubled, backslashes doubled
    // before a quote.
    ("aws dms start-replication-task ^\n  --replication-task-arn arn:aws:dms:us-east-1:123456789012:task:ABC ^\n  --start-replication-task-type start-replication ^\n  --cdc-start-position \"it's \"\"q\"\" $x `y` C:\\a\\\\\" ^\n  --region us-east-1",
        DMS, "us-east-1", &[("ReplicationTaskArn", ARN), ("StartReplicationTaskType", "start-replication"), ("CdcStartPosition", "it's \"q\" $x `y` C:\\a\\")], &[]),
    ("aws datasync start-task-execution ^\n  --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 ^\n  --override-options VerifyMode=NONE ^\n  --includes \"[{\"\"FilterType\"\":\"\"SIMPLE_PATTERN\"\",\"\"Value\"\":\"\"/a, b|/c\"\"}]\" ^\n  --region us-east-1",
        DS, "us-east-1", &[("TaskArn", TASK), ("OverrideOptions.VerifyMode", "NONE"), ("Includes[0].FilterType", "SIMPLE_PATTERN"), ("Includes[0].Value", "/a, b|/c")], &[("Includes", 1)]),
    ("aws dms start-replication-task --cli-input-json \"{\"\"ReplicationTaskArn\"\": \"\"arn:aws:dms:us-east-1:123456789012:task:ABC\"\", \"\"StartReplicationTaskType\"\": \"\"start-replication\"\"}\"",
        DMS, "us-east-1", &[("ReplicationTaskArn", ARN), ("StartReplicationTaskType", "start-replication")], &[]),
    // cmd.exe as people write it: \" in JSON (the AWS CLI docs' Windows form), ^ escapes,
    // an apostrophe that is just a character.
    ("aws datasync start-task-execution ^\n  --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 ^\n  --override-options \"{\\\"VerifyMode\\\": \\\"NONE\\\", \\\"BytesPerSecond\\\": -1}\"",
        DS, "us-east-1", &[("TaskArn", TASK), ("OverrideOptions.VerifyMode", "NONE"), ("OverrideOptions.BytesPerSecond", "-1")], &[]),
    ("aws datasync start-task-execution --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 --excludes \"[{\\\"FilterType\\\": \\\"SIMPLE_PATTERN\\\", \\\"Value\\\": \\\"*/.git|*/tmp\\\"}]\"",
        DS, "us-east-1", &[("TaskArn", TASK), ("Excludes[0].FilterType", "SIMPLE_PATTERN"), ("Excludes[0].Value", "*/.git|*/tmp")], &[("Excludes", 1)]),
    ("aws datasync start-task-execution ^\n  --task-arn arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0 ^\n  --includes FilterType=SIMPLE_PATTERN,Value=/folder1^|/folder2 ^\n  --tags Key=env,Value=prod Key=team,Value=data",
        DS, "us-east-1", &[("TaskArn", TASK), ("Includes[0].FilterType", "SIMPLE_PATTERN"), ("Includes[0].Value", "/folder1|/folder2"), ("Tags[0].Key", "env"), ("Tags[0].Value", "prod"), ("Tags[1].Key", "team"), ("Tags[1].Value", "data")], &[("Includes", 1), ("Tags", 2)]),
    ("aws dms start-replication-task ^\n  --replication-task-arn arn:aws:dms:us-east-1:123456789012:task:ABC ^\n  --start-replication-task-type start-replication ^\n  --cdc-stop-position it's",
        DMS, "us-east-1", &[("ReplicationTaskArn", ARN), ("StartReplicationTaskType", "start-replication"), ("CdcStopPosition", "it's")], &[]),
    ("C:\\Users\\me>aws dms start-replication-task --replication-task-arn \"arn:aws:dms:us-east-1:123456789012:task:ABC\" --start-replication-task-type \"start-replication\" --cdc-start-time \"2018-03-08T12:12:12\"",
        DMS, "us-east-1", &[("ReplicationTaskArn", ARN), ("StartReplicationTaskType", "start-replication"), ("CdcStartTime", "2018-03-08T12:12:12")], &[]),
    ("aliyun smc StartReplicationJob ^\n  --JobId j-bp1a2b3c4d5e ^\n  --region cn-shanghai",
        SMC, "cn-shanghai", &[("JobId", "j-bp1a2b3c4d5e")], &[]),
];

#[test]
fn windows_commands_as_printed_and_as_people_write_them() {
    for (text, route, region, values, lists) in WINDOWS {
        let pasted = parse(text).unwrap_or_else(|e| panic!("{text}\n\n{e}"));
        let mut expected = FormState::new(region);
        for (path, len) in *lists {
            expected.set_list_len(path, Some(*len));
        }
        for (path, value) in *values {
            expected.set(path, value);
        }
        assert_eq!(pasted.op.route(), *route, "{text}");
        assert_eq!(pasted.form, expected, "{text}");
    }
}

#[test]
fn the_note_says_which_shell_the_paste_was_read_as() {
    use request_builder::core::model::AwsCli;
    use request_builder::core::paste::fill::fill;
    common::showcase();
    for (text, shell) in [(WINDOWS[0].0, "read as PowerShell"), (WINDOWS[1].0, "read as cmd.exe")] {
        let note = fill(text, None, AwsCli::default()).expect("parses").note;
        assert!(note.contains(shell), "{note}");
    }
    let note = fill(WINDOWS[0].0.replace('`', "\\").as_str(), None, AwsCli::default())
        .expect("parses")
        .note;
    assert!(!note.contains("read as"), "{note}");
}

/// (text, fragment of the message or hint, caret offset).
const MALFORMED: &[(&str, &str, usize)] = &[
    // PowerShell
    ("aws dms start-replication-task `\n  --replication-task-arn \"$ARN\"", "PowerShell would expand this", 59),
    ("aws dms start-replication-task `\n  --replication-task-arn $env:ARN", "PowerShell would expand this", 58),
    ("aws dms start-replication-task `\n  --replication-task-arn \"arn:$(Get-Arn)\"", "PowerShell would expand this", 63),
    ("aws datasync start-task-execution `\n  --override-options VerifyMode=NONE,Atime=NONE", "unquoted comma", 72),
    ("aws datasync start-task-execution `\n  --override-options @{VerifyMode='NONE'}", "@ at the start", 57),
    ("aws datasync start-task-execution `\n  --override-options {VerifyMode=NONE}", "reads this as code", 57),
    ("aws dms start-replication-task `\n  --replication-task-arn x | ConvertFrom-Json", "only one command", 60),
    ("aws dms start-replication-task `\n  --replication-task-arn 'unclosed", "never closed", 58),
    ("aws dms start-replication-task `\n  --replication-task-arn \"unclosed", "never closed", 58),
    ("aws dms start-replication-task `\n  --replication-task-arn 'x'y", "two arguments", 61),
    ("aws dms start-replication-task `\n  --replication-task-arn \"`u{110000}\"", "names no character", 59),
    ("aws datasync start-task-execution --task-arn x --% --override-options %OPTS%", "still expands %NAME%", 70),
    // A backtick with a space after it continues nothing.
    ("aws dms start-replication-task ` \n  --replication-task-arn x", "a space follows this `", 31),
    // A line without its backtick ends the command.
    ("aws dms start-replication-task `\n  --replication-task-arn x\n  --start-replication-task-type y", "end the line with ` to continue it", 59),
    // Mixed continuations: the caret is at the line that does not fit.
    ("aws dms start-replication-task `\n  --replication-task-arn x \\\n  --start-replication-task-type y", "the POSIX continuation", 60),
    ("aws dms start-replication-task `\n  --replication-task-arn x ^\n  --start-replication-task-type y", "another shell's continuation", 60),
    ("aws dms start-replication-task ^\n  --replication-task-arn x `\n  --start-replication-task-type y", "another shell's continuation", 60),
    // cmd.exe
    ("aws dms start-replication-task ^\n  --replication-task-arn %TASK_ARN%", "would expand this %NAME%", 58),
    ("aws dms start-replication-task ^\n  --replication-task-arn \"%TASK_ARN%\"", "would expand this %NAME%", 59),
    ("aws dms start-replication-task ^\n  --replication-task-arn x > out.json", "only one command", 60),
    // After \" cmd.exe counts itself outside quotes, so & is its operator.
    ("aws datasync start-task-execution ^\n  --excludes \"[{\\\"Value\\\": \\\"a&b\\\"}]\"", "only one command", 66),
    ("aws dms start-replication-task ^\n  --replication-task-arn \"x\n  y\"", "even inside quotes", 60),
    ("aws dms start-replication-task ^\n  --replication-task-arn \"unclosed", "never closed", 58),
    ("aws dms start-replication-task ^ \n  --replication-task-arn x", "a space follows this ^", 31),
    ("aws dms start-replication-task ^\n  --replication-task-arn x\n  --start-replication-task-type y", "end the line with ^ to continue it", 59),
    // One line: a variable stays refused, and the hint names the way to have cmd.exe read it.
    ("aws dms start-replication-task --replication-task-arn \"$ARN\"", "end its first line with ^", 55),
];

#[test]
fn malformed_windows_commands_get_a_message_and_a_caret_at_the_place() {
    for (text, fragment, offset) in MALFORMED {
        let error = match parse(text) {
            Ok(pasted) => panic!("{text:?} parsed as {:?}", pasted.form),
            Err(e) => e,
        };
        let shown = error.to_string();
        assert!(shown.contains(fragment), "{text:?}: {shown}");
        assert_eq!(error.offset, *offset, "{text:?}: {shown}");
        let (line, caret) = error.caret();
        assert!(
            caret.ends_with('^') && caret.chars().count() <= line.chars().count() + 1,
            "{text:?}:\n{line}\n{caret}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// Arbitrary text made of both shells' syntax: no panic, and an error's caret renders.
    #[test]
    fn no_windows_text_makes_the_parser_panic(
        text in "(aws |aliyun |PS C:\\\\> |C:\\\\>)?[ -~\\n\\r\\t\u{e9}\u{2018}\u{2019}\u{201c}\u{201d}`^%'\"\\\\$@{}(),|&<>-]{0,80}",
        continuation in prop::sample::select(vec!["", " `\n ", " ^\n ", " ^\r\n", " `\r\n", " \\\n "]),
        tail in "[ -~`^%\"'\\\\]{0,30}",
    ) {
        let text = format!("{text}{continuation}{tail}");
        if let Err(error) = parse(&text) {
            let _ = error.to_string();
        }
        let _ = request_builder::core::paste::services_named(&text);
    }
}
