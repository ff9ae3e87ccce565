//! Alibaba Cloud ROA service files (`tools/aliyun_models.py`'s `roa/<product>.json`, described
//! in docs/aliyun-roa.md): each operation's `xroa` extras become the model format's own fields
//! (`placement` for a structured query or header member written as JSON or a comma list,
//! `roaBody`, `roaUnset`), and an operation the page cannot send as its SDK does is left out,
//! with the reason, for `models/skipped.json`.

use serde_json::{Map, Value};

/// The service file with the extras folded in, and the operations left out: (name, reason).
pub fn fold(text: &str) -> Result<(String, Vec<(String, String)>), String> {
    let mut file: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut left_out = Vec::new();
    let Value::Object(root) = &mut file else { return Err("not an object".into()) };
    let mut shapes = root.remove("shapes").unwrap_or_default();
    let operations =
        root.get_mut("operations").and_then(Value::as_array_mut).ok_or("no operations")?;
    operations.retain_mut(|op| {
        let name = op["name"].as_str().unwrap_or_default().to_string();
        let flattened = op["input"]
            .as_u64()
            .map_or_else(Vec::new, |input| flattened_keys(&mut shapes[input as usize]));
        let headers: Vec<String> = op["input"]
            .as_u64()
            .map_or_else(Vec::new, |input| header_members(&shapes[input as usize]));
        let mut extra = match op.as_object_mut().and_then(|o| o.remove("xroa")) {
            Some(Value::Object(extra)) => extra,
            _ => Map::new(),
        };
        // A member flattened by the SDK is written flat whatever style the extraction saw.
        if let Some(Value::Object(styles)) = extra.get_mut("styles") {
            styles.retain(|member, _| !flattened.contains(member));
        }
        match fold_operation(op, &extra).and_then(|()| fold_python(op, &extra, &headers)) {
            Ok(()) => true,
            Err(reason) => {
                left_out.push((name, reason));
                false
            }
        }
    });
    root.insert("shapes".into(), shapes);
    Ok((serde_json::to_string(&file).map_err(|e| e.to_string())?, left_out))
}

/// The query and header members of an input structure whose wire name the extraction saw
/// with a flattened key (`AccountIds.1`, `podList.k5`: the SDK flattened a list or a map and
/// the recorded key is its first entry's): their wire name becomes the key's first part, and
/// their names are returned.
fn flattened_keys(input: &mut Value) -> Vec<String> {
    let mut names = Vec::new();
    for member in input["st"]["m"].as_array_mut().into_iter().flatten() {
        let located = matches!(member["loc"].as_str(), Some("querystring" | "header"));
        let prefix =
            member["ln"].as_str().and_then(|ln| ln.split_once('.')).map(|(p, _)| p.to_string());
        if let (true, Some(prefix)) = (located, prefix) {
            member["ln"] = prefix.into();
            names.push(member["n"].as_str().unwrap_or_default().to_string());
        }
    }
    names
}

/// The input structure's members that travel in headers.
fn header_members(input: &Value) -> Vec<String> {
    input["st"]["m"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["loc"] == "header")
        .filter_map(|m| m["n"].as_str().map(str::to_string))
        .collect()
}

/// The Python SDK method's arguments where they are not the generator's rule (path members in
/// order, the request model, `headers`, `runtime`; `core::sdk::aliyun_python`): `pyNoRequest`
/// when the method takes no request model, `pyPathArgs` (the SDK's path arguments in its order)
/// when it takes one the path never uses. Header members are set on the `<Action>Headers` model,
/// which the page's program names by that rule: an operation whose SDK does otherwise is left
/// out rather than given a program that would not run.
fn fold_python(
    op: &mut Value,
    extra: &Map<String, Value>,
    headers: &[String],
) -> Result<(), String> {
    if extra.get("noRequestClass") == Some(&Value::Bool(true)) {
        op["pyNoRequest"] = true.into();
    }
    if let Some(args) = extra.get("pathArgs") {
        op["pyPathArgs"] = args.clone();
    }
    let name = op["name"].as_str().unwrap_or_default();
    let class = extra.get("headersClass").and_then(Value::as_str);
    let listed: Vec<&str> = extra
        .get("headerMembers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let expected = (!headers.is_empty()).then(|| format!("{name}Headers"));
    if class != expected.as_deref() || listed != headers {
        return Err(format!(
            "the Python SDK's headers model ({}) is not the generator's {name}Headers holding the header members",
            class.unwrap_or("none")
        ));
    }
    Ok(())
}

/// Folds one operation's extras in, or says why the page cannot send it.
fn fold_operation(op: &mut Value, extra: &Map<String, Value>) -> Result<(), String> {
    match extra.get("reqBodyType").and_then(Value::as_str) {
        None | Some("json") => {}
        Some("formData") => op["roaBody"] = "form".into(),
        Some(other) => return Err(format!("the SDK sends a {other} body")),
    }
    if extra.contains_key("stream") {
        return Err("the SDK sends a member as the body stream (a file upload)".into());
    }
    if extra.contains_key("alsoSent") {
        return Err("the SDK sends a member in two places".into());
    }
    let mut placement = Vec::new();
    for (member, style) in extra.get("styles").and_then(Value::as_object).into_iter().flatten() {
        match style.as_str() {
            Some("flat") => {}
            Some(word @ ("json" | "simple")) => {
                placement.push(Value::from(vec![member.as_str(), word]))
            }
            _ => return Err(format!("the SDK writes {member} in a way the page does not know")),
        }
    }
    if !placement.is_empty() {
        op["placement"] = placement.into();
    }
    let mut unset = Vec::new();
    for (place, entries) in
        extra.get("sentWhenUnset").and_then(Value::as_object).into_iter().flatten()
    {
        for (key, value) in entries.as_object().into_iter().flatten() {
            unset.push(Value::from(vec![format!("{place}:{key}"), value.to_string()]));
        }
    }
    if !unset.is_empty() {
        op["roaUnset"] = unset.into();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extras_become_fields_and_unsendable_operations_are_left_out_with_the_reason() {
        let text = r#"{"shapes": [], "operations": [
            {"name": "A", "xroa": {"reqBodyType": "formData", "styles": {"Tags": "json", "Ids": "flat"},
                                   "sentWhenUnset": {"body": {"InitContainersConfig": []}}}},
            {"name": "B", "xroa": {"reqBodyType": "byte"}},
            {"name": "C", "xroa": {"styles": {"X": "?"}}},
            {"name": "D"}
        ]}"#;
        let (folded, left_out) = fold(text).unwrap();
        let folded: Value = serde_json::from_str(&folded).unwrap();
        let ops = folded["operations"].as_array().unwrap();
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[0]["roaBody"], "form");
        assert_eq!(ops[0]["placement"], serde_json::json!([["Tags", "json"]]));
        assert_eq!(ops[0]["roaUnset"], serde_json::json!([["body:InitContainersConfig", "[]"]]));
        assert!(ops[0].get("xroa").is_none());
        assert_eq!(ops[1]["name"], "D");
        assert_eq!(left_out.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["B", "C"]);
        assert!(left_out[0].1.contains("byte body"), "{}", left_out[0].1);
    }

    #[test]
    fn the_python_sdk_arguments_are_kept_where_they_are_not_the_rule() {
        let text = r#"{"shapes": [{"st": {"n": "AR", "m": [
                {"n": "Id", "s": 1, "ln": "Id", "loc": "uri"},
                {"n": "X-Fc-Trace-Id", "s": 1, "ln": "X-Fc-Trace-Id", "loc": "header"}]}},
                {"st": {"n": "BR", "m": [{"n": "X-Fc-Trace-Id", "s": 1, "ln": "X-Fc-Trace-Id", "loc": "header"}]}}],
            "operations": [
                {"name": "A", "input": 0, "xroa": {"noRequestClass": true, "headersClass": "AHeaders",
                    "headerMembers": ["X-Fc-Trace-Id"], "pathUnused": ["ProjectId"], "pathArgs": ["project_id", "id"]}},
                {"name": "B", "input": 1, "xroa": {"headersClass": "OtherHeaders", "headerMembers": ["X-Fc-Trace-Id"]}},
                {"name": "C", "input": 1},
                {"name": "D"}]}"#;
        let (folded, left_out) = fold(text).unwrap();
        let folded: Value = serde_json::from_str(&folded).unwrap();
        let ops = folded["operations"].as_array().unwrap();
        assert_eq!(ops.iter().map(|o| o["name"].as_str().unwrap()).collect::<Vec<_>>(), ["A", "D"]);
        assert_eq!(ops[0]["pyNoRequest"], true);
        assert_eq!(ops[0]["pyPathArgs"], serde_json::json!(["project_id", "id"]));
        assert!(ops[1].get("pyNoRequest").is_none() && ops[1].get("pyPathArgs").is_none());
        let names: Vec<&str> = left_out.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["B", "C"],
            "a headers model named otherwise, and header members with none"
        );
        assert!(left_out[0].1.contains("OtherHeaders"), "{}", left_out[0].1);
    }

    #[test]
    fn a_member_seen_with_a_flattened_key_is_written_flat_under_its_prefix() {
        let text = r#"{"shapes": [{"st": {"n": "R", "m": [
                {"n": "AccountIds", "s": 1, "ln": "AccountIds.1", "loc": "querystring"},
                {"n": "Body", "s": 1, "ln": "a.b"}]}}],
            "operations": [{"name": "A", "input": 0, "xroa": {"styles": {"AccountIds": "simple"}}}]}"#;
        let (folded, left_out) = fold(text).unwrap();
        let folded: Value = serde_json::from_str(&folded).unwrap();
        assert!(left_out.is_empty());
        assert_eq!(folded["shapes"][0]["st"]["m"][0]["ln"], "AccountIds");
        assert_eq!(folded["shapes"][0]["st"]["m"][1]["ln"], "a.b", "a body key stays");
        assert!(folded["operations"][0].get("placement").is_none());
    }
}
