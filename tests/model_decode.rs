//! The page reads model files with a hand-written reader (`model::decode`) to keep serde's
//! derived parsers out of the wasm; the compiler writes them with serde. This checks, over
//! every compiled file and the index, that the hand reader reads exactly what serde reads,
//! so a field added to the format and forgotten in the reader fails here.

use request_builder::core::model::catalog::models_dir;
use request_builder::core::model::decode;
use request_builder::core::model::format::{IndexService, ServiceFile};

#[test]
fn the_hand_reader_reads_every_compiled_file_as_serde_does() {
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
            let by_serde: ServiceFile = serde_json::from_str(&text).unwrap();
            let by_hand =
                decode::service_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(by_hand == by_serde, "{}: the readers differ", path.display());
            files += 1;
        }
    }
    assert!(files > 100, "only {files} model files");
    let text = std::fs::read_to_string(models_dir().join("index.json")).unwrap();
    let by_serde: Vec<IndexService> = serde_json::from_str(&text).unwrap();
    assert_eq!(decode::index_file(&text).unwrap(), by_serde);
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
