//! The model format has one reader (`model::decode`, kept by hand to keep serde's derived
//! parsers out of the page's wasm) and one writer (serde's derived `Serialize`, which the
//! compiler writes with). This checks, over every compiled file and the index, that writing
//! back what the reader read gives the file itself: a field the reader misses, or reads under
//! another key than the writer's, fails here.

use request_builder::core::model::catalog::models_dir;
use request_builder::core::model::decode;
use serde_json::Value;

/// `text` as a JSON value, and what the reader read of it written back as one.
fn read_and_written_back<T: serde::Serialize>(
    text: &str,
    read: impl Fn(&str) -> Result<T, String>,
) -> Result<(Value, Value), String> {
    let file: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let back = serde_json::to_value(read(text)?).map_err(|e| e.to_string())?;
    Ok((file, back))
}

#[test]
fn what_the_reader_reads_of_every_compiled_file_writes_back_as_that_file() {
    let mut files = 0;
    for cloud in ["aws", "aliyun"] {
        let dir = models_dir().join(cloud);
        for entry in std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (run scripts/build-models)", dir.display()))
        {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // The operations' own files: tests/operation_files.rs reads them.
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let (file, back) = read_and_written_back(&text, decode::service_file)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(back == file, "{}: {}", path.display(), first_difference(&file, &back, ""));
            files += 1;
        }
    }
    assert!(files > 100, "only {files} model files");
    let text = std::fs::read_to_string(models_dir().join("index.json")).unwrap();
    let (file, back) = read_and_written_back(&text, decode::index_file).unwrap();
    assert!(back == file, "index.json: {}", first_difference(&file, &back, ""));
}

/// Where `back` first departs from `file`, as a path into the file.
fn first_difference(file: &Value, back: &Value, at: &str) -> String {
    match (file, back) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys()) {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) if x == y => {}
                    (Some(x), Some(y)) => return first_difference(x, y, &format!("{at}.{key}")),
                    (Some(_), None) => return format!("{at}.{key} is in the file, not read"),
                    (None, _) => return format!("{at}.{key} is read but not in the file"),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                if x != y {
                    return first_difference(x, y, &format!("{at}[{i}]"));
                }
            }
        }
        _ => {}
    }
    format!("{at}: {file} in the file, {back} written back")
}

#[test]
fn a_field_the_reader_does_not_know_fails_the_round_trip() {
    // The check above is only as good as its comparison: an unread key must show.
    let text = std::fs::read_to_string(models_dir().join("aws/dms.json")).unwrap();
    let mut file: Value = serde_json::from_str(&text).unwrap();
    file["operations"][0]["newField"] = Value::Bool(true);
    let (file, back) = read_and_written_back(&file.to_string(), decode::service_file).unwrap();
    assert!(back != file);
    assert!(first_difference(&file, &back, "").contains(".operations[0].newField is in the file"));
}

#[test]
fn a_damaged_file_gets_a_message_naming_what_is_wrong() {
    let cases = [
        ("{", "not valid"),
        ("[]", "expected an object"),
        (r#"{"format": 1}"#, "missing field `cloud`"),
        (r#"{"format": 1, "cloud": "gcp"}"#, "unknown cloud \"gcp\""),
    ];
    for (text, fragment) in cases {
        let message = decode::service_file(text).unwrap_err();
        assert!(message.contains(fragment), "{text}: {message}");
    }
}
