//! Programs that send the form's request with a cloud's own SDK, one strategy per SDK picked
//! from a table (as CLI dialects are): `python` (boto3 for AWS, `aliyun_python` for Alibaba
//! Cloud: the product's `alibabacloud_<product><version>` package) and `js` (the AWS SDK for
//! JavaScript v3; `aliyun_js`, the product's `@alicloud/<product><version>` npm package, where
//! npm has one). Each writes a whole
//! program for a typed request: imports, the client for the region, the call with the
//! request's values as the language's literals, credentials from the SDK's default chain.
//!
//! The page renders these after its first paint, off its own module (the worker answers
//! `from_cli_json` for the later module's panel, `web::worker::sdk`): the input there is the
//! page's `out-json` document (the `--cli-input-json` form of the typed request), read back into
//! a form exactly as the paste box reads such a document, and built again.

pub mod aliyun_js;
pub mod aliyun_python;
pub mod javascript;
pub mod jsliteral;
pub mod pyliteral;
pub mod python;

use crate::core::json::{parse_json, Node};
use crate::core::model::{AwsCli, Cloud, Operation};
use crate::core::paste::coerce;
use crate::core::request::build;
use crate::core::request::form::FormState;
use crate::core::request::report::Report;
use crate::core::request::value::Value;

/// An SDK the page writes programs for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sdk {
    /// Python: boto3 (AWS), the product's own SDK package (Alibaba Cloud).
    Python,
    /// JavaScript: the AWS SDK for JavaScript v3 (AWS), the product's npm package (Alibaba
    /// Cloud).
    JavaScript,
}

impl Sdk {
    /// Every SDK, in the order the page shows them.
    pub const ALL: [Sdk; 2] = [Sdk::Python, Sdk::JavaScript];

    /// The name in messages and the UI contract's test id suffix (`out-python`, `out-js`).
    pub fn id(self) -> &'static str {
        match self {
            Sdk::Python => "python",
            Sdk::JavaScript => "js",
        }
    }

    /// The language's name, for people (the panel's title).
    pub fn title(self) -> &'static str {
        match self {
            Sdk::Python => "Python",
            Sdk::JavaScript => "JavaScript",
        }
    }

    /// A one-line comment in the language, ending the line.
    pub fn comment(self, text: &str) -> String {
        let marker = match self {
            Sdk::Python => "#",
            Sdk::JavaScript => "//",
        };
        format!("{marker} {}\n", text.replace('\n', " "))
    }

    /// The SDK an id names.
    pub fn from_id(id: &str) -> Option<Sdk> {
        Sdk::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The program for a typed request (see each strategy).
    pub fn program(
        self,
        op: &Operation,
        request: &Value,
        region: &str,
        awscli: AwsCli,
        report: &Report,
    ) -> String {
        if op.cloud == Cloud::Aliyun {
            // The endpoint host the page shows for the region.
            let host = crate::core::wire::render(op, request, region, awscli).host;
            return match self {
                Sdk::Python => aliyun_python::program(op, request, region, &host, report),
                Sdk::JavaScript => aliyun_js::program(op, request, region, &host, report),
            };
        }
        match self {
            Sdk::Python => python::program(op, request, region, awscli, report),
            Sdk::JavaScript => javascript::program(op, request, region, awscli, report),
        }
    }
}

/// The program for the page's `out-json` document (`json`), in `region` (the operation's
/// default when empty), for the AWS CLI version the page shows. A document that does not read
/// gives a one-line comment saying why.
/// The note on a form with errors, naming what would refuse the call (`boto3`, `the SDK`).
pub(crate) fn errors_note(
    report: &crate::core::request::report::Report,
    refuser: &str,
) -> Option<String> {
    let errors = report.error_count();
    (errors > 0).then(|| {
        format!(
            "The form has {errors} error{}: {refuser} or the service would refuse this call as it is.",
            if errors == 1 { "" } else { "s" }
        )
    })
}

pub fn from_cli_json(sdk: Sdk, op: &Operation, json: &str, region: &str, awscli: AwsCli) -> String {
    read_back(
        op,
        json,
        region,
        awscli,
        |why| sdk.comment(&format!("The parameters could not be read: {why}")),
        |request, region, report| sdk.program(op, request, region, awscli, report),
    )
}

/// AWS CLI v2's `--cli-input-yaml` document for the page's `out-json` document, read back as
/// the programs read it; a document that does not read gives a one-line comment saying why.
pub fn input_yaml_from_cli_json(
    op: &Operation,
    json: &str,
    region: &str,
    awscli: AwsCli,
) -> String {
    read_back(
        op,
        json,
        region,
        awscli,
        |why| format!("# The parameters could not be read: {why}\n"),
        |request, region, _| {
            crate::core::cli::aws::input_yaml::document(op, request, region, awscli)
        },
    )
}

/// Reads `out-json` back into a form, builds it and hands the typed request, the region (the
/// operation's default when the form has none) and the report to `write`; a document that does
/// not read gives what `failed` makes of why.
fn read_back(
    op: &Operation,
    json: &str,
    region: &str,
    awscli: AwsCli,
    failed: impl FnOnce(&str) -> String,
    write: impl FnOnce(&Value, &str, &Report) -> String,
) -> String {
    match form_from_cli_json(op, json, region, awscli) {
        Ok(form) => {
            let built = build::build(op, &form);
            let region = if form.region.is_empty() { op.default_region() } else { &form.region };
            write(&built.request, region, &built.report)
        }
        Err(why) => failed(&why),
    }
}

/// The form a `--cli-input-json` document fills, as the paste box fills it (blobs as text).
pub fn form_from_cli_json(
    op: &Operation,
    json: &str,
    region: &str,
    awscli: AwsCli,
) -> Result<FormState, String> {
    let node = parse_json(json.trim()).map_err(|e| e.message)?;
    let Node::Map(pairs) = &node else {
        return Err("the parameters are not a JSON object".into());
    };
    let mut form = FormState::new(region);
    form.awscli = awscli;
    coerce::structure(op.members(), pairs, "", &mut form)?;
    Ok(form)
}
