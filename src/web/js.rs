//! Plain JavaScript objects read and written field by field: the worker's messages
//! (`web::worker`) and the meeting of the page with its later module (`web::later`).

use wasm_bindgen::JsValue;

/// An object with these fields.
pub(crate) fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        set(&object, key, value);
    }
    object.into()
}

/// Sets `target[key]`.
pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

/// A JS array of strings.
pub(crate) fn string_array(items: &[String]) -> JsValue {
    items.iter().map(|s| JsValue::from_str(s)).collect::<js_sys::Array>().into()
}

/// `object[key]`, unless it is undefined or null.
pub(crate) fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

pub(crate) fn string(object: &JsValue, key: &str) -> Option<String> {
    get(object, key)?.as_string()
}

/// The strings of the array at `object[key]` (none when it is missing).
pub(crate) fn strings(object: &JsValue, key: &str) -> Vec<String> {
    get(object, key)
        .map(|v| js_sys::Array::from(&v).iter().filter_map(|s| s.as_string()).collect())
        .unwrap_or_default()
}

pub(crate) fn number(object: &JsValue, key: &str) -> Option<f64> {
    get(object, key)?.as_f64()
}
