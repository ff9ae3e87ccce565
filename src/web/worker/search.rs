//! The picker's job: the worker reads the operations index (2 MB of JSON, a long task of more
//! than 100 ms on the page's thread) and answers each query with what the picker shows
//! (`core::search::Listing`). The page hands over the index text that `index.html` prefetched,
//! so it is fetched once; without it the worker fetches the index itself.

use super::{ask, get, number, object, string, string_array, strings};
use crate::core::catalog;
use crate::core::search::{Listing, Shown};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// The request's `job`.
pub(super) const JOB: &str = "search";

/// Where the index is, relative to the page (and to the worker's script beside it).
pub const INDEX_URL: &str = "models/index.json";

thread_local! {
    static LISTING: RefCell<Option<Listing>> = const { RefCell::new(None) };
}

/// What the picker shows for `query` with row `active` selected, at most `limit` rows. `index`
/// is the index's text when the page has it (a JS string, handed over as it is). `Err` says why
/// there is no list: the index could not be read, or the worker stopped.
pub async fn show(query: &str, active: usize, limit: usize, index: JsValue) -> Result<Shown, String> {
    let request = object(&[
        ("job", JsValue::from_str(JOB)),
        ("query", JsValue::from_str(query)),
        ("active", JsValue::from_f64(active as f64)),
        ("limit", JsValue::from_f64(limit as f64)),
        ("index", index),
    ]);
    let reply = ask(&request).await.map_err(|e| format!("the page's worker stopped ({e})"))?;
    if let Some(error) = string(&reply, "error") {
        return Err(error);
    }
    let rows_html = string(&reply, "rows").ok_or_else(|| "the page's worker gave an answer this page cannot read".to_string())?;
    Ok(Shown { rows_html, routes: strings(&reply, "routes"), status: string(&reply, "status").unwrap_or_default() })
}

/// The worker's side of the job. The index is read on the first request, and again after a
/// failure.
pub(super) async fn answer(request: &JsValue) -> JsValue {
    if LISTING.with(|l| l.borrow().is_none()) {
        let text = match get(request, "index").and_then(|v| v.as_string()) {
            Some(text) => Ok(text),
            None => crate::web::fetch_text(INDEX_URL).await,
        };
        match text.and_then(|text| catalog::parse_index(&text)) {
            Ok(services) => LISTING.with(|l| *l.borrow_mut() = Some(Listing::new(&services))),
            Err(error) => return object(&[("error", JsValue::from_str(&error))]),
        }
    }
    let query = string(request, "query").unwrap_or_default();
    let active = number(request, "active").unwrap_or(0.0) as usize;
    let limit = number(request, "limit").unwrap_or(0.0) as usize;
    let shown = LISTING.with(|l| l.borrow_mut().as_mut().map(|listing| listing.show(&query, active, limit)));
    match shown {
        Some(shown) => object(&[
            ("rows", JsValue::from_str(&shown.rows_html)),
            ("routes", string_array(&shown.routes)),
            ("status", JsValue::from_str(&shown.status)),
        ]),
        None => object(&[("error", JsValue::from_str("the operations index was not read"))]),
    }
}
