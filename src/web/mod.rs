//! Browser adapters: the only place that touches location, history, storage and the clipboard.
//!
//! Every function degrades quietly (returns a default or does nothing) when the browser API is
//! missing or refuses, because in wasm a panic would kill the page.

use wasm_bindgen::JsValue;

/// The location hash, with its leading `#`, or "" when there is none.
pub fn hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Replaces the location hash without adding a history entry or firing `hashchange`.
pub fn replace_hash(hash: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(hash));
    }
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: String) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Reads a value from localStorage.
pub fn load(key: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.get_item(key).ok()?
}

/// Writes a value to localStorage; a full or disabled storage is ignored.
pub fn save(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
}
