//! The picker's job: the worker reads the operations index (2 MB of JSON, a long task of more
//! than 100 ms on the page's thread) and answers each query with what the picker shows
//! (`core::search::Listing`). On the picker's route `index.html` starts the worker and asks it
//! to read the index at once (`PREPARE`), while the page itself loads; each query waits for that
//! one reading.

use super::{ask, number, object, string, string_array, strings};
use crate::core::model::catalog;
use crate::core::search::{Listing, Shown};
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// The request's `job`.
pub(super) const JOB: &str = "search";

/// The job that reads the index without a query (posted by `index.html`, with no reply port).
pub(super) const PREPARE: &str = "search-prepare";

/// Where the index is, relative to the page (and to the worker's script beside it).
const INDEX_URL: &str = "models/index.json";

thread_local! {
    static LISTING: RefCell<Option<Listing>> = const { RefCell::new(None) };
    /// The reading under way, shared by every request that arrives meanwhile.
    static READING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// What the picker shows for `query` with row `active` selected, at most `limit` rows. `Err`
/// says why there is no list: the index could not be read, or the worker stopped.
pub async fn show(query: &str, active: usize, limit: usize) -> Result<Shown, String> {
    let request = object(&[
        ("job", JsValue::from_str(JOB)),
        ("query", JsValue::from_str(query)),
        ("active", JsValue::from_f64(active as f64)),
        ("limit", JsValue::from_f64(limit as f64)),
    ]);
    let reply = ask(&request).await.map_err(|e| format!("the page's worker stopped ({e})"))?;
    if let Some(error) = string(&reply, "error") {
        return Err(error);
    }
    let rows_html = string(&reply, "rows")
        .ok_or_else(|| "the page's worker gave an answer this page cannot read".to_string())?;
    Ok(Shown {
        rows_html,
        routes: strings(&reply, "routes"),
        status: string(&reply, "status").unwrap_or_default(),
        total: number(&reply, "total").unwrap_or(0.0) as usize,
    })
}

/// Reads the index once: requests that arrive while it is read wait for the same reading. After
/// a failure the next request reads it again.
pub(super) async fn read_index() -> Result<(), String> {
    if LISTING.with(|l| l.borrow().is_some()) {
        return Ok(());
    }
    let reading = READING.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| {
                future_to_promise(async {
                    let services = crate::web::fetch_text(INDEX_URL)
                        .await
                        .and_then(|text| catalog::parse_index(&text));
                    match services {
                        Ok(services) => {
                            let mut listing = Listing::new(&services);
                            listing.warm_up();
                            LISTING.with(|l| *l.borrow_mut() = Some(listing));
                            Ok(JsValue::UNDEFINED)
                        }
                        Err(error) => Err(JsValue::from_str(&error)),
                    }
                })
            })
            .clone()
    });
    let done = JsFuture::from(reading.clone()).await;
    // Only this reading: a later one may have started since (after a failure).
    READING.with(|r| {
        let mut slot = r.borrow_mut();
        if slot.as_ref().is_some_and(|p| js_sys::Object::is(p, &reading)) {
            slot.take();
        }
    });
    done.map(|_| ()).map_err(|e| e.as_string().unwrap_or_default())
}

/// The worker's side of the job.
pub(super) async fn answer(request: &JsValue) -> JsValue {
    if let Err(error) = read_index().await {
        return object(&[("error", JsValue::from_str(&error))]);
    }
    let query = string(request, "query").unwrap_or_default();
    let active = number(request, "active").unwrap_or(0.0) as usize;
    let limit = number(request, "limit").unwrap_or(0.0) as usize;
    let shown = LISTING
        .with(|l| l.borrow_mut().as_mut().map(|listing| listing.show(&query, active, limit)));
    match shown {
        Some(shown) => object(&[
            ("rows", JsValue::from_str(&shown.rows_html)),
            ("routes", string_array(&shown.routes)),
            ("status", JsValue::from_str(&shown.status)),
            ("total", JsValue::from_f64(shown.total as f64)),
        ]),
        None => object(&[("error", JsValue::from_str("the operations index was not read"))]),
    }
}
