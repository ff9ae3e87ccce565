//! The overlay for service files that arrive already in the page's format (`--extra`: the
//! Alibaba Cloud products that `tools/aliyun_models.py` extracts from the SDKs). The same
//! overlay entries as for botocore services, keyed by route (`aliyun/smc/StartReplicationJob`):
//! `summary`, `docs`, `enumDocs`, `checks`, `rules`, and `ranges`, the numeric bounds the
//! docs state in prose (`{"OwnerId": {"min": 0}}`), which the SDKs do not carry.

use request_builder::core::model::decode;
use request_builder::core::model::format::{MemberFile, ServiceFile, ShapeFile};
use serde_json::Value;

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
    use super::is_secret_name;

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
