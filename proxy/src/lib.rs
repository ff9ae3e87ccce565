//! signing-proxy: lets the request builder page send requests without ever holding a cloud
//! credential. It answers CORS preflights for allowed page origins, accepts only the official
//! endpoints of the services in the page's compiled models (`models/endpoints.json`, see
//! `target`) or an emulator named with `--endpoint`, signs with AWS SigV4 (aws-sigv4) or
//! Alibaba Cloud ACS3 / RPC HMAC-SHA1, and passes the answer back. The request contract is
//! `request_builder::core::send`.
//!
//! What it trusts: the machine it runs on, its command line, the page origins and host names
//! given there, and the endpoint data. What it refuses before signing: a `Host` that is not its
//! own (DNS rebinding), a missing, repeated, unreadable or foreign `Origin`, a method the page
//! does not send, a target outside the allow-list (or with user-info or a port), a malformed
//! region or one that no partition in the data lists, and slow or oversized requests and
//! answers (see `guard`, `target`, `serve`, `forward`).

pub mod aliyun;
pub mod aliyun_credentials;
pub mod aws;
pub mod config;
pub mod credentials;
pub mod forward;
pub mod framing;
pub mod guard;
pub mod log;
pub mod serve;
pub mod target;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use config::Config;
use std::sync::Arc;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

pub use serve::serve;

struct AppState {
    config: Config,
    client: reqwest::Client,
}

/// The proxy's routes: `/health`, and every other path forwarded. `config.listen` must be the
/// address really bound (the `Host` check compares with it); [`serve`] fills it in.
pub fn router(config: Config) -> Router {
    let origins: Vec<HeaderValue> =
        config.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods(guard::SIGNED_METHODS.to_vec())
        .allow_headers(Any)
        .expose_headers(Any)
        .max_age(std::time::Duration::from_secs(600));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client");
    let state = Arc::new(AppState { config, client });
    // Outermost first: the log line, the Host check, CORS preflights, the caller check.
    Router::new()
        .route(guard::HEALTH, any(|| async { axum::Json(serde_json::json!({ "status": "ok" })) }))
        .fallback(any(proxy))
        .layer(middleware::from_fn_with_state(state.clone(), check_caller))
        .layer(cors)
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(middleware::from_fn(log::one_line_per_request))
        .with_state(state)
}

/// Refuses requests with both `Content-Length` and `Transfer-Encoding` (see `framing`) and
/// requests addressed to another name (DNS rebinding), before CORS or anything else.
async fn check_host(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if request.extensions().get::<framing::Conflict>().is_some() {
        return forward::ProxyError(
            axum::http::StatusCode::BAD_REQUEST,
            "the request has both Content-Length and Transfer-Encoding; send one of them".into(),
        )
        .into_response();
    }
    match guard::check_host(&state.config, request.uri(), request.headers()) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

/// A request from a page origin not on the list, without a usable `Origin`, or with a method
/// the proxy does not sign is refused before anything is signed (CORS alone would only hide the
/// answer, after the job had started).
async fn check_caller(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    match guard::check_caller(&state.config, request.method(), request.uri(), request.headers()) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

async fn proxy(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let method: Method = parts.method;
    match forward::forward(&state.config, &state.client, method, parts.uri, parts.headers, body)
        .await
    {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}
