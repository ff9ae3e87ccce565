//! Loading a route's model (in the later module): fetches the model of the operation its slot
//! names and hands it to the page (`web::later::load_into_page`), which then shows the route
//! again; says clearly when the service does not exist or the model cannot be fetched.

use crate::web::later;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The loading message, then, if the model cannot be had, why.
#[component]
pub fn LoadModel(
    /// The route whose model to load: `aws/dms/StartReplicationTask`.
    route: String,
) -> impl IntoView {
    let failed = RwSignal::new(None::<String>);
    let service = crate::core::model::names::split_route(&route)
        .map(|(_, service, _)| service.to_string())
        .unwrap_or_default();
    spawn_local(async move {
        let Some((cloud, service, operation)) = crate::core::model::names::split_route(&route)
        else {
            failed.try_set(Some(format!("\"{route}\" names no operation.")));
            return;
        };
        if let Err(error) = later::load_into_page(cloud, service, operation).await {
            failed.try_set(Some(format!(
                "No {} service called \"{service}\" ({error}).",
                cloud.slug()
            )));
        }
    });
    move || {
        match failed.get() {
        None => view! { <p class="loading" aria-live="polite">"Loading the " {service.clone()} " model…"</p> }.into_any(),
        Some(message) => view! {
            <h1>"No such operation"</h1>
            <p>{message} " " <a href="#/">"Pick an operation"</a></p>
        }
        .into_any(),
    }
    }
}
