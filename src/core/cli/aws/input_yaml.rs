//! The `--cli-input-yaml` document of AWS CLI v2: the request's parameters as YAML
//! (`core::yaml`), the same document as the page's `--cli-input-json` one, under a comment line
//! with the command that reads it (`aws dms start-replication-task --cli-input-yaml
//! file://input.yaml --region us-east-1`). The command carries what the document cannot:
//! `--cli-binary-format raw-in-base64-out` where a blob's text is in it (v2 applies the
//! option to the loaded parameters, as for `--cli-input-json`) and the region.
//!
//! AWS CLI v1 has no such option, and neither version adds it to an operation whose answer
//! streams into a file (`outfile`; `awscli/customizations/cliinput.py`): those get a one-line
//! comment that says so.

use super::{carries_blob_text, has_input_json};
use crate::core::json::parse_json;
use crate::core::model::{AwsCli, Operation};
use crate::core::request::value::{to_compact_json, Value};
use crate::core::yaml;

/// The file name the comment line's command reads.
pub const FILE: &str = "file://input.yaml";

/// The document for a typed request, as `cli` reads it.
pub fn document(op: &Operation, request: &Value, region: &str, cli: AwsCli) -> String {
    if cli == AwsCli::V1 {
        return "# AWS CLI v1 has no --cli-input-yaml: choose v2 to read these parameters as YAML, or use the JSON ones with --cli-input-json.\n".into();
    }
    if op.cli_name.is_empty() {
        return format!("# The AWS CLI has no command for {}.\n", op.name);
    }
    if !has_input_json(op) {
        return format!(
            "# aws {} {} has no --cli-input-yaml: its answer streams into a file, and the CLI adds no input document to such commands.\n",
            op.service, op.cli_name
        );
    }
    let mut out = format!("# aws {} {} --cli-input-yaml {FILE}", op.service, op.cli_name);
    if carries_blob_text(op, request) {
        out.push(' ');
        out.push_str(&super::RAW_BLOBS.join(" "));
    }
    out.push_str(&format!(" --region {region}\n"));
    match parse_json(&to_compact_json(request.cli_json())) {
        Ok(node) => out.push_str(&yaml::document(&node)),
        // The page's own JSON always reads back; say so rather than write half a document.
        Err(e) => out.push_str(&format!("# The parameters could not be written: {}\n", e.message)),
    }
    out
}
