//! signing-proxy: lets the request builder page send requests without ever holding a cloud
//! credential. It answers CORS preflights for allowed page origins, accepts only the official
//! endpoints of the four services (or an emulator named with `--endpoint`), signs with AWS
//! SigV4 (aws-sigv4) or Alibaba Cloud ACS3 / RPC HMAC-SHA1, and passes the answer back.
//! The request contract is `request_builder::core::send`.

pub mod aliyun;
pub mod aws;
pub mod config;
pub mod forward;
pub mod target;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use config::Config;
use forward::ProxyError;
use std::sync::Arc;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

struct AppState {
    config: Config,
    client: reqwest::Client,
}

/// The proxy's routes: `GET /health`, and every other path forwarded.
pub fn router(config: Config) -> Router {
    let origins: Vec<HeaderValue> = config.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers(Any)
        .expose_headers(Any)
        .max_age(std::time::Duration::from_secs(600));
    let body_limit = config.body_limit;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("HTTP client");
    let state = Arc::new(AppState { config, client });
    Router::new()
        .route("/health", get(|| async { axum::Json(serde_json::json!({ "status": "ok" })) }))
        .fallback(any(proxy))
        .layer(middleware::from_fn_with_state(state.clone(), refuse_other_origins))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(cors)
        .with_state(state)
}

/// A browser request from a page origin not on the list is refused before anything is signed
/// (CORS alone would only hide the answer, after the job had started).
async fn refuse_other_origins(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let origin = request.headers().get("origin").and_then(|o| o.to_str().ok()).map(str::to_string);
    match origin {
        Some(origin) if !state.config.allowed_origins.iter().any(|o| *o == origin) => ProxyError(
            StatusCode::FORBIDDEN,
            format!("the page origin {origin} is not allowed; start the proxy with --allow-origin {origin}"),
        )
        .into_response(),
        _ => next.run(request).await,
    }
}

async fn proxy(State(state): State<Arc<AppState>>, method: Method, uri: axum::http::Uri, headers: axum::http::HeaderMap, body: axum::body::Bytes) -> Response {
    match forward::forward(&state.config, &state.client, method, uri, headers, body).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}
