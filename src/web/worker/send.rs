//! The send job: the worker sends the request the page built (`core::send::proxy_request`) to
//! the signing proxy, with a timeout, and answers with what the send panel shows: the response
//! as text, a one-sentence summary of an error answer, and how long it took (`core::send`).
//! The worker has the page's origin, so the proxy sees the same request as from the page.

use super::{ask, get, number, object, string};
use crate::core::send::{
    error_summary, proxy_request, response_text, ProxyRequest, HEADER_PROXY_ERROR,
};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The request's `job`.
pub(super) const JOB: &str = "send";

/// How long the worker waits for the proxy's whole answer.
const TIMEOUT_MS: i32 = 35_000;

/// What the send panel shows after a send.
pub struct Shown {
    /// One sentence for an error answer (`core::send::error_summary`).
    pub summary: Option<String>,
    /// The response as text, or the sentence saying why there is none.
    pub response: String,
    /// Whole milliseconds from sending to the whole body, when there was an answer.
    pub took_ms: Option<u64>,
}

/// The worker's message for `request` (a plain object: it may be built by the page's module and
/// sent by the later module, `web::later`).
pub fn message(request: &ProxyRequest) -> JsValue {
    let headers: js_sys::Array =
        request.headers.iter().map(|(k, v)| js_sys::Array::of2(&k.into(), &v.into())).collect();
    object(&[
        ("job", JsValue::from_str(JOB)),
        ("url", JsValue::from_str(&request.url)),
        ("method", JsValue::from_str(request.method)),
        ("headers", headers.into()),
        ("body", JsValue::from_str(&request.body)),
    ])
}

/// The worker's message for a request the page's module cannot write (a ROA operation's): the
/// route, the `out-json` document and the region, from which the worker writes the request
/// (`outputs::outputs_of`) and sends it to the proxy at `proxy_url`.
pub fn message_to_write(route: &str, json: &str, region: &str, proxy_url: &str) -> JsValue {
    object(&[
        ("job", JsValue::from_str(JOB)),
        ("route", JsValue::from_str(route)),
        ("json", JsValue::from_str(json)),
        ("region", JsValue::from_str(region)),
        ("proxyUrl", JsValue::from_str(proxy_url)),
    ])
}

/// Sends a request (its `message`) through the worker; `Err` is a sentence for when the worker
/// itself failed.
pub async fn send(message: &JsValue) -> Result<Shown, String> {
    let reply = ask(message)
        .await
        .map_err(|e| format!("The request was not sent: the page's worker stopped ({e})."))?;
    let response = string(&reply, "response")
        .ok_or("The page's worker gave an answer this page cannot read.")?;
    Ok(Shown {
        summary: string(&reply, "summary"),
        response,
        took_ms: number(&reply, "tookMs").map(|ms| ms as u64),
    })
}

/// The worker's side of the job.
pub(super) async fn answer(request: &JsValue) -> JsValue {
    // A request the page's module could not write: written here first.
    let written;
    let request = if get(request, "route").is_some() {
        let shown = super::outputs::Shown::read(request);
        match super::outputs::outputs_of(&shown).await {
            Ok((op, out)) => {
                let proxy_url = string(request, "proxyUrl").unwrap_or_default();
                written = message(&proxy_request(op, &out.wire, &out.region, &proxy_url));
                &written
            }
            Err(why) => return object(&[("response", JsValue::from_str(&why))]),
        }
    } else {
        request
    };
    let headers = get(request, "headers")
        .map(|h| {
            js_sys::Array::from(&h)
                .iter()
                .filter_map(|pair| {
                    Some((
                        js_sys::Reflect::get_u32(&pair, 0).ok()?.as_string()?,
                        js_sys::Reflect::get_u32(&pair, 1).ok()?.as_string()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let sent = fetch(
        &string(request, "url").unwrap_or_default(),
        &string(request, "method").unwrap_or_default(),
        headers,
        string(request, "body").unwrap_or_default(),
    )
    .await;
    match sent {
        Ok(answer) => {
            let proxy_error =
                answer.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(HEADER_PROXY_ERROR));
            object(&[
                (
                    "summary",
                    error_summary(answer.status, proxy_error, &answer.body)
                        .map_or(JsValue::UNDEFINED, |s| JsValue::from_str(&s)),
                ),
                (
                    "response",
                    JsValue::from_str(&response_text(
                        answer.status,
                        &answer.reason,
                        &answer.headers,
                        &answer.body,
                    )),
                ),
                ("tookMs", JsValue::from_f64(answer.took_ms as f64)),
            ])
        }
        Err(sentence) => object(&[("response", JsValue::from_str(&sentence))]),
    }
}

/// A proxy's answer.
struct Answer {
    status: u16,
    reason: String,
    /// Response headers (those CORS lets the page read).
    headers: Vec<(String, String)>,
    body: String,
    /// Whole milliseconds from sending to the whole body.
    took_ms: u64,
}

/// `setTimeout`, `clearTimeout` and `origin` of the worker's global scope.
fn global(name: &str) -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Sends a request to the signing proxy within `TIMEOUT_MS`; an `Err` is one plain sentence.
async fn fetch(
    url: &str,
    method: &str,
    headers: Vec<(String, String)>,
    body: String,
) -> Result<Answer, String> {
    let started = js_sys::Date::now();
    let controller = web_sys::AbortController::new()
        .map_err(|_| "This browser cannot send requests from the page.".to_string())?;
    let signal = controller.signal();
    let abort = Closure::once_into_js(move || controller.abort());
    let timer = global("setTimeout")
        .dyn_into::<js_sys::Function>()
        .ok()
        .and_then(|set| set.call2(&JsValue::UNDEFINED, &abort, &JsValue::from(TIMEOUT_MS)).ok());
    // The operation's method (REST operations: GET, PUT, DELETE, HEAD, PATCH; others POST).
    let method = gloo_net::http::Method::from_bytes(method.as_bytes())
        .unwrap_or(gloo_net::http::Method::POST);
    let bodiless = matches!(method, gloo_net::http::Method::GET | gloo_net::http::Method::HEAD);
    let mut builder =
        gloo_net::http::RequestBuilder::new(url).method(method).abort_signal(Some(&signal));
    for (name, value) in &headers {
        builder = builder.header(name, value);
    }
    // fetch refuses a body on GET and HEAD; those operations send none.
    let prepared = if bodiless { builder.build() } else { builder.body(body) };
    let sent = match prepared {
        Ok(prepared) => prepared.send().await,
        Err(e) => Err(e),
    };
    if let (Ok(clear), Some(timer)) = (global("clearTimeout").dyn_into::<js_sys::Function>(), timer)
    {
        let _ = clear.call1(&JsValue::UNDEFINED, &timer);
    }
    let response = sent.map_err(|_| {
        if signal.aborted() {
            format!("The signing proxy did not answer within {} seconds; check that it can reach the service.", TIMEOUT_MS / 1000)
        } else {
            let origin = global("origin").as_string().unwrap_or_default();
            format!(
                "Could not reach the signing proxy at {url}: check that it is running at that URL and allows this page's origin ({origin}), e.g. signing-proxy --allow-origin {origin}."
            )
        }
    })?;
    let headers = response.headers().entries().collect();
    let body = response.text().await.unwrap_or_default();
    Ok(Answer {
        status: response.status(),
        reason: response.status_text(),
        headers,
        body,
        took_ms: (js_sys::Date::now() - started).max(0.0) as u64,
    })
}
