//! Loading a route's model (in the later module): fetches the model of the operation its slot
//! names and hands it to the page (`web::later::load_into_page`), which then shows the route
//! again. A service the bundle does not have is "No such operation"; a model that could not be
//! fetched (offline, a server error) says what failed, with its URL and a Retry button. A load
//! that takes long says that it is still at work.

use crate::web::{later, ModelError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How long a load goes before the page says it is still at work.
const SLOW_AFTER: Duration = Duration::from_millis(1_500);

/// Where a load stands.
#[derive(Clone)]
enum Load {
    /// Under way; `true` once it has taken longer than [`SLOW_AFTER`].
    Pending(bool),
    /// The route names no operation the bundle has.
    Missing(String),
    /// The model could not be fetched: its URL and what failed.
    Unreachable(String, String),
}

/// The loading message, then, if the model cannot be had, why (and Retry when it may help).
#[component]
pub fn LoadModel(
    /// The route whose model to load: `aws/dms/StartReplicationTask`.
    route: String,
) -> impl IntoView {
    let state = RwSignal::new(Load::Pending(false));
    let service = crate::core::model::names::split_route(&route)
        .map(|(_, service, _)| service.to_string())
        .unwrap_or_default();
    let start = move |route: String| {
        state.try_set(Load::Pending(false));
        set_timeout(
            move || {
                if matches!(state.try_get_untracked(), Some(Load::Pending(false))) {
                    state.try_set(Load::Pending(true));
                }
            },
            SLOW_AFTER,
        );
        spawn_local(async move {
            let Some((cloud, service, operation)) = crate::core::model::names::split_route(&route)
            else {
                state.try_set(Load::Missing(format!("\"{route}\" names no operation.")));
                return;
            };
            match later::load_into_page(cloud, service, operation).await {
                Ok(()) => {}
                Err(ModelError::Missing(why)) => {
                    state.try_set(Load::Missing(format!(
                        "No {} service called \"{service}\" ({why}).",
                        cloud.slug()
                    )));
                }
                Err(ModelError::Unreachable { url, why }) => {
                    state.try_set(Load::Unreachable(url, why));
                }
            }
        });
    };
    start(route.clone());
    move || match state.get() {
        Load::Pending(slow) => view! {
            <p class="loading" aria-live="polite">
                "Loading the " {service.clone()} " model…"
                {slow.then_some(" Still loading: the network is slow.")}
            </p>
        }
        .into_any(),
        Load::Missing(message) => view! {
            <h1>"No such operation"</h1>
            <p>{message} " " <a href="#/">"Pick an operation"</a></p>
        }
        .into_any(),
        Load::Unreachable(url, why) => {
            let route = route.clone();
            view! {
                <h1>"Could not load the " {service.clone()} " model"</h1>
                <p class="msg error" role="alert">
                    "The page could not fetch " <code>{url}</code> ": " {why}
                    ". Check the connection, then try again."
                </p>
                <button type="button" on:click=move |_| start(route.clone())>"Retry"</button>
            }
            .into_any()
        }
    }
}
