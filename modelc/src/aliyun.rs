//! The overlay for service files that arrive already in the page's format (`--extra`: the
//! Alibaba Cloud products that `tools/aliyun_models.py` extracts from the SDKs). The same
//! overlay entries as for botocore services, keyed by route (`aliyun/smc/StartReplicationJob`):
//! `summary`, `docs`, `enumDocs`, `checks`, `rules`, and `ranges`, the numeric bounds the
//! docs state in prose (`{"OwnerId": {"min": 0}}`), which the SDKs do not carry.

use request_builder::core::cli::aliyun::flag_patterns;
use request_builder::core::model::decode;
use request_builder::core::model::format::{load_file, MemberFile, ServiceFile, ShapeFile};
use serde_json::Value;
use std::path::Path;

/// The parameters every Alibaba Cloud SDK request model carries for the account system
/// (`OwnerId`, `ResourceOwnerAccount`, ...). They are not part of the public API: the API docs
/// and the `aliyun` CLI's metadata list none of them, so the form puts them last, says so, and
/// the command writes them only when the user fills them (with `--force`).
const OWNER_PARAMETERS: &[&str] =
    &["OwnerId", "OwnerAccount", "ResourceOwnerAccount", "ResourceOwnerId", "SecurityToken"];

/// What the form says of an owner parameter.
const OWNER_DOC: &str = "Internal: not part of the public API, and the aliyun CLI's metadata does not list it. Leave it unset.";

/// How one file's operations compare with the `aliyun` CLI's metadata.
#[derive(Default, Debug)]
pub struct CliCounts {
    /// Operations the metadata lists.
    pub listed: usize,
    /// Operations the metadata does not list.
    pub unlisted: Vec<String>,
    /// Flag patterns the metadata does not know.
    pub unknown: usize,
    /// Flag patterns the CLI places in the query where the SDK uses the body, or the other way.
    pub moved: usize,
}

/// Compares each operation with the `aliyun` CLI's metadata (`dir/<service>/<Api>.json`, the
/// `metadatas/` folder of aliyun-openapi-meta) and records where the CLI differs from the SDK
/// (`OperationFile::aliyun_cli`); puts the owner parameters the metadata does not list last in
/// their request, with [`OWNER_DOC`].
pub fn apply_cli_metadata(file: &mut ServiceFile, dir: &Path) -> Result<CliCounts, String> {
    let metas: Vec<Option<Value>> = file
        .operations
        .iter()
        .map(|op| {
            let path = dir.join(&file.service).join(format!("{}.json", op.name));
            match std::fs::read_to_string(&path) {
                Ok(text) => serde_json::from_str(&text)
                    .map(Some)
                    .map_err(|e| format!("{}: {e}", path.display())),
                Err(_) => Ok(None),
            }
        })
        .collect::<Result<_, _>>()?;
    for (op, meta) in file.operations.iter().zip(&metas) {
        let (Some(input), Some(meta)) = (op.input, meta) else { continue };
        let listed = |name: &str| params(meta).iter().any(|p| p["name"] == name);
        if let ShapeFile::Structure { members, .. } = &mut file.shapes[input] {
            let (mut owners, rest): (Vec<MemberFile>, Vec<MemberFile>) = members
                .drain(..)
                .partition(|m| OWNER_PARAMETERS.contains(&m.name.as_str()) && !listed(&m.name));
            owners.iter_mut().for_each(|m| m.doc = OWNER_DOC.to_string());
            *members = rest;
            members.append(&mut owners);
        }
    }
    let service = load_file(file)?;
    let mut counts = CliCounts::default();
    for ((op_file, meta), op) in file.operations.iter_mut().zip(&metas).zip(&service.operations) {
        let Some(meta) = meta else {
            counts.unlisted.push(op_file.name.clone());
            op_file.aliyun_cli = vec![(String::new(), "unlisted".to_string())];
            continue;
        };
        counts.listed += 1;
        for (flag, body) in flag_patterns(op) {
            let position = |index: usize| {
                find_parameter(params(meta), &with_index(&flag, index))
                    .and_then(|p| p["position"].as_str())
            };
            // Some APIs list numbered names (`Filter.1.Key`, `Filter.2.Key`) rather than a
            // `RepeatList`: the CLI knows those items only, recorded as `listed`.
            let known = (1..=LIST_ITEMS_CHECKED).take_while(|&i| position(i).is_some()).count();
            let note = match position(1) {
                None => "unknown",
                Some(_) if known < LIST_ITEMS_CHECKED && flag.contains(".N") => {
                    for index in 1..=known {
                        let note = match position(index) {
                            Some("Body" | "FormData") if !body => "body",
                            Some("Query") if body => "query",
                            _ => "listed",
                        };
                        op_file.aliyun_cli.push((with_index(&flag, index), note.to_string()));
                    }
                    "unknown"
                }
                // The CLI places a flag where its metadata says, which may not be the SDK's.
                Some("Body" | "FormData") if !body => "body",
                Some("Query") if body => "query",
                Some(_) => continue,
            };
            if note == "unknown" {
                counts.unknown += 1;
            } else {
                counts.moved += 1;
            }
            op_file.aliyun_cli.push((flag, note.to_string()));
        }
    }
    Ok(counts)
}

/// How many list items are looked up per flag pattern: numbered names go up to 2 or 3 where
/// they occur; a `RepeatList` knows every index.
const LIST_ITEMS_CHECKED: usize = 10;

/// A flag pattern with every list index `N` (and map key) as `index` (`Tag.N.Key`, 2 ->
/// `Tag.2.Key`).
fn with_index(pattern: &str, index: usize) -> String {
    let index = index.to_string();
    pattern
        .split('.')
        // A map key or a document's members (`*`, `**`) stand in the CLI's lookup as an index
        // does: it does not read that segment.
        .map(|part| if matches!(part, "N" | "*" | "**") { index.as_str() } else { part })
        .collect::<Vec<_>>()
        .join(".")
}

fn params(meta: &Value) -> &[Value] {
    meta["parameters"].as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// The CLI's lookup of a flag among an API's parameters, in their metadata order
/// (`findParameterInner` in aliyun-cli's `meta/api.go`, the reader of this metadata format): an
/// exact name; `Name.<i>.Child` among a parameter's sub-parameters; `Name.<suffix>` for a
/// `RepeatList` without them. Types other than `RepeatList` (`Array`, `Struct`, `Json`) take
/// the flag's exact name only.
fn find_parameter<'a>(params: &'a [Value], name: &str) -> Option<&'a Value> {
    for p in params {
        let p_name = p["name"].as_str().unwrap_or("");
        if p_name == name {
            return Some(p);
        }
        let children = p["sub_parameters"].as_array().map(Vec::as_slice).unwrap_or(&[]);
        if !children.is_empty() && name.starts_with(&format!("{p_name}.")) {
            let rest = &name[p_name.len() + 1..];
            return match rest.split_once('.') {
                Some((_, child)) => find_parameter(children, child),
                None => None,
            };
        }
        if p["type"] == "RepeatList"
            && name.len() > p_name.len() + 1
            && name.starts_with(&format!("{p_name}."))
        {
            return Some(p);
        }
    }
    None
}

/// The ends of the parameter names that hold secrets, as the Alibaba Cloud APIs spell them
/// (`Password`, `AccountPassword`, `TargetDBPasswd`, `AccessKeySecret`, `OSSSecretKey`,
/// `SecurityToken`, `UserRefreshToken`). The SDKs carry no `sensitive` trait; names such as
/// `PasswordType`, `SecretName` or `ClientToken` end otherwise and stay plain.
const SECRET_NAME_ENDS: &[&str] = &[
    "Password",
    "Passwd",
    "Secret",
    "SecretKey",
    "PrivateKey",
    "AccessToken",
    "RefreshToken",
    "SecurityToken",
];

/// Whether an Alibaba Cloud parameter name names a secret.
pub fn is_secret_name(name: &str) -> bool {
    SECRET_NAME_ENDS.iter().any(|end| name.ends_with(end))
}

/// Applies the overlay entries of the file's operations, and marks the members whose names
/// name a secret as sensitive.
pub fn apply_overlay(file: &mut ServiceFile, overlay: &Value) -> Result<(), String> {
    for shape in &mut file.shapes {
        if let ShapeFile::Structure { members, .. } = shape {
            for member in members.iter_mut() {
                member.sensitive |= is_secret_name(&member.name);
            }
        }
    }
    let cloud = file.cloud.slug();
    for index in 0..file.operations.len() {
        let route = format!("{cloud}/{}/{}", file.service, file.operations[index].name);
        let entry = &overlay[&route];
        if entry.is_null() {
            continue;
        }
        let op = &mut file.operations[index];
        if let Some(summary) = entry["summary"].as_str() {
            op.summary = summary.to_string();
        }
        op.docs.extend(super::botocore::pairs(&entry["docs"]));
        op.enum_docs.extend(super::botocore::enum_docs(&entry["enumDocs"]));
        op.checks.extend(super::botocore::checks(&entry["checks"])?);
        if !entry["rules"].is_null() {
            let rules = super::botocore::read(&entry["rules"], decode::overlay_rules)
                .map_err(|e| format!("{route}: rules: {e}"))?;
            op.rules.extend(rules);
        }
        let input = op.input;
        for (name, range) in entry["ranges"].as_object().into_iter().flatten() {
            let input =
                input.ok_or_else(|| format!("{route}: ranges for an operation without input"))?;
            set_range(&mut file.shapes, input, name, range).map_err(|e| format!("{route}: {e}"))?;
        }
    }
    Ok(())
}

/// Points top-level member `name` of the input structure at a copy of its number shape with
/// the overlay's `min` / `max` (the shape itself may be shared by other members).
fn set_range(
    shapes: &mut Vec<ShapeFile>,
    input: usize,
    name: &str,
    range: &Value,
) -> Result<(), String> {
    let member: &MemberFile = match &shapes[input] {
        ShapeFile::Structure { members, .. } => {
            members.iter().find(|m| m.name == name).ok_or_else(|| format!("no member {name}"))?
        }
        _ => return Err("input is not a structure".into()),
    };
    let shape = match &shapes[member.shape] {
        ShapeFile::Integer { min, max, long } => ShapeFile::Integer {
            min: range["min"].as_i64().or(*min),
            max: range["max"].as_i64().or(*max),
            long: *long,
        },
        ShapeFile::Float { min, max } => ShapeFile::Float {
            min: range["min"].as_f64().or(*min),
            max: range["max"].as_f64().or(*max),
        },
        _ => return Err(format!("{name} is not a number")),
    };
    shapes.push(shape);
    let new_index = shapes.len() - 1;
    if let ShapeFile::Structure { members, .. } = &mut shapes[input] {
        if let Some(m) = members.iter_mut().find(|m| m.name == name) {
            m.shape = new_index;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{find_parameter, is_secret_name};

    #[test]
    fn flags_are_found_as_the_aliyun_cli_finds_them() {
        let meta: serde_json::Value = serde_json::from_str(
            r#"[{"name": "DataDisk", "type": "RepeatList", "position": "Query",
                 "sub_parameters": [{"name": "Size", "type": "Integer", "position": "Query"}]},
                {"name": "HostNames", "type": "RepeatList", "position": "Query"},
                {"name": "SystemDisk", "type": "Struct", "position": "Query"},
                {"name": "SystemDisk.Category", "type": "String", "position": "Body"}]"#,
        )
        .unwrap();
        let params = meta.as_array().unwrap();
        let position =
            |flag: &str| find_parameter(params, flag).map(|p| p["position"].as_str().unwrap());
        assert_eq!(position("DataDisk.1.Size"), Some("Query"));
        assert_eq!(position("DataDisk.12.Size"), Some("Query"));
        assert_eq!(position("DataDisk.1.Nope"), None);
        assert_eq!(position("DataDisk.Size"), None);
        assert_eq!(position("HostNames.3"), Some("Query"));
        assert_eq!(position("SystemDisk"), Some("Query"));
        assert_eq!(position("SystemDisk.Category"), Some("Body"));
        assert_eq!(position("SystemDisk.Size"), None);
        assert_eq!(position("Other"), None);
    }

    #[test]
    fn secret_names_are_the_passwords_keys_and_tokens() {
        for name in ["Password", "AccountPassword", "TargetDBPasswd", "AccessKeySecret"] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["OSSSecretKey", "SecurityToken", "UserRefreshToken", "ClientSecret"] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["PasswordType", "PasswordInherit", "SecretName", "ClientToken", "NextToken"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
