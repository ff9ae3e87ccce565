//! The catalog: every service model loaded so far, the operations loaded on their own, and the
//! operations index.
//!
//! Service models are data compiled from the official files (see `model::format`). A link to
//! one operation fetches only that operation's file (`model::opfile`) and registers it alone; a
//! paste that names a service fetches the whole service. Both are registered here, so lookups
//! stay synchronous. Natively (tests, tools) a lookup loads the compiled file from disk on
//! first use, from `$REQUEST_BUILDER_MODELS` or the crate's `models/` folder.

use crate::core::model::format::{self, IndexService, Service};
use crate::core::model::names::split_route;
use crate::core::model::{Cloud, Operation};
use std::sync::Mutex;

/// The four operations of the seeds: the showcase, listed first in the picker.
pub const SHOWCASE: [&str; 4] = [
    "aws/dms/StartReplicationTask",
    "aws/datasync/StartTaskExecution",
    "aws/elasticache/StartMigration",
    "aliyun/smc/StartReplicationJob",
];

/// Every service loaded so far (a page loads a handful), in (cloud, id) order.
static SERVICES: Mutex<Vec<&'static Service>> = Mutex::new(Vec::new());

/// Operations loaded from their own files, whose service is not loaded whole.
static SINGLES: Mutex<Vec<&'static Operation>> = Mutex::new(Vec::new());

fn singles() -> std::sync::MutexGuard<'static, Vec<&'static Operation>> {
    SINGLES.lock().unwrap_or_else(|e| e.into_inner())
}

/// The operation loaded alone at (cloud, service, name), if any.
fn single(cloud: Cloud, service: &str, name: &str) -> Option<&'static Operation> {
    singles().iter().copied().find(|op| (op.cloud, op.service, op.name) == (cloud, service, name))
}

fn position(services: &[&'static Service], cloud: Cloud, id: &str) -> Result<usize, usize> {
    services.binary_search_by(|s| (s.cloud, s.id).cmp(&(cloud, id)))
}

/// The service loaded as (cloud, id), if any (the lock is released on return).
fn loaded(cloud: Cloud, id: &str) -> Option<&'static Service> {
    let services = services();
    position(&services, cloud, id).ok().map(|i| services[i])
}

fn services() -> std::sync::MutexGuard<'static, Vec<&'static Service>> {
    SERVICES.lock().unwrap_or_else(|e| e.into_inner())
}

/// Loads a compiled service file and makes its operations findable. Loading the same service
/// again returns the model already loaded.
pub fn register(text: &str) -> Result<&'static Service, String> {
    let file = crate::core::model::decode::service_file(text)?;
    if let Some(service) = loaded(file.cloud, &file.service) {
        return Ok(service);
    }
    let service = format::load_file(&file)?;
    let mut services = services();
    if let Err(i) = position(&services, service.cloud, service.id) {
        services.insert(i, service);
    }
    Ok(service)
}

/// Loads a fetched model: a whole service's file when `whole` (`register`), else one
/// operation's own (`register_operation`).
pub fn register_model(text: &str, whole: bool) -> Result<(), String> {
    if whole {
        register(text).map(|_| ())
    } else {
        register_operation(text).map(|_| ())
    }
}

/// Loads one operation's own file (see `model::opfile`) and makes that operation findable by
/// its route until its whole service is loaded.
pub fn register_operation(text: &str) -> Result<&'static Operation, String> {
    let file = crate::core::model::decode::service_file(text)?;
    if file.operations.len() != 1 {
        return Err(format!(
            "{}: an operation's file holds {} operations",
            file.service,
            file.operations.len()
        ));
    }
    let name = file.operations[0].name.as_str();
    if let Some(op) = single(file.cloud, &file.service, name) {
        return Ok(op);
    }
    let op = format::load_file(&file)?.operations[0];
    singles().push(op);
    Ok(op)
}

/// A service already loaded (natively: loaded from disk when needed).
pub fn service(cloud: Cloud, id: &str) -> Option<&'static Service> {
    if let Some(service) = loaded(cloud, id) {
        return Some(service);
    }
    native::load(cloud, id)
}

/// Where an operation route leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The operation, ready.
    Found(&'static Operation),
    /// The route names an operation whose model is not loaded yet: fetch its file (or its
    /// service's), register it, retry.
    NeedsService(Cloud),
    /// The service is loaded and has no such operation, or the route is malformed.
    Unknown,
}

/// Looks a route up among the loaded services.
pub fn lookup(route: &str) -> Lookup {
    let Some((cloud, service_id, name)) = split_route(route) else { return Lookup::Unknown };
    match service(cloud, service_id) {
        Some(service) => service.operation(name).map_or(Lookup::Unknown, Lookup::Found),
        None => single(cloud, service_id, name).map_or(Lookup::NeedsService(cloud), Lookup::Found),
    }
}

/// The operation at a route such as `aws/dms/StartReplicationTask`, if its service is loaded.
pub fn find(route: &str) -> Option<&'static Operation> {
    match lookup(route) {
        Lookup::Found(op) => Some(op),
        _ => None,
    }
}

/// Every operation of every loaded service (and those loaded alone), showcase first.
pub fn loaded_operations() -> Vec<&'static Operation> {
    let mut all: Vec<&'static Operation> =
        services().iter().flat_map(|s| s.operations.iter().copied()).collect();
    let alone: Vec<&'static Operation> =
        singles().iter().copied().filter(|op| loaded(op.cloud, op.service).is_none()).collect();
    all.extend(alone);
    let is_showcase = |op: &Operation| {
        SHOWCASE.iter().any(|r| split_route(r) == Some((op.cloud, op.service, op.name)))
    };
    let showcase = SHOWCASE.iter().filter_map(|r| {
        all.iter().copied().find(|op| split_route(r) == Some((op.cloud, op.service, op.name)))
    });
    showcase.chain(all.iter().copied().filter(|op| !is_showcase(op))).collect()
}

/// What is loaded, so that another catalog (the page's worker's) can load the same and read a
/// paste against the same operations: the services loaded whole (`aws/dms`), and the routes of
/// the operations loaded alone, in the order they were loaded.
pub fn loaded_sources() -> (Vec<String>, Vec<String>) {
    let whole = services().iter().map(|s| format!("{}/{}", s.cloud.slug(), s.id)).collect();
    let alone = singles()
        .iter()
        .filter(|op| loaded(op.cloud, op.service).is_none())
        .map(|op| op.route())
        .collect();
    (whole, alone)
}

/// The ids of the loaded services of one cloud.
pub fn loaded_services(cloud: Cloud) -> Vec<&'static str> {
    services().iter().filter(|s| s.cloud == cloud).map(|s| s.id).collect()
}

/// The compiled file's path for a service, relative to the models folder.
pub fn file_name(cloud: Cloud, service: &str) -> String {
    format!("{}/{service}.json", cloud.slug())
}

/// Parses the operations index.
pub fn parse_index(text: &str) -> Result<Vec<IndexService>, String> {
    crate::core::model::decode::index_file(text)
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::{register, Cloud, Service};
    use std::path::PathBuf;

    /// The folder the model compiler writes.
    pub fn models_dir() -> PathBuf {
        std::env::var_os("REQUEST_BUILDER_MODELS")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models"))
    }

    pub fn load(cloud: Cloud, id: &str) -> Option<&'static Service> {
        let path = models_dir().join(super::file_name(cloud, id));
        let text = std::fs::read_to_string(path).ok()?;
        register(&text).ok()
    }
}

#[cfg(target_arch = "wasm32")]
mod native {
    use super::{Cloud, Service};

    pub fn load(_: Cloud, _: &str) -> Option<&'static Service> {
        None
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::models_dir;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    // The page's worker loads what `loaded_sources` names, so that it reads a paste against the
    // same operations as the page. (A service no other unit test loads: the catalog is global.)
    #[test]
    fn loaded_sources_name_operations_loaded_alone_until_their_service_is_loaded() {
        let text =
            std::fs::read_to_string(models_dir().join("aws/abuse-signal/CreateAbuseReport.json"))
                .expect("models/ is built");
        let op = register_operation(&text).expect("an operation's file");
        let (whole, alone) = loaded_sources();
        assert!(alone.contains(&op.route()), "{alone:?}");
        assert!(!whole.iter().any(|s| s == "aws/abuse-signal"), "{whole:?}");

        service(Cloud::Aws, "abuse-signal").expect("natively, a lookup loads the service");
        let (whole, alone) = loaded_sources();
        assert!(whole.iter().any(|s| s == "aws/abuse-signal"), "{whole:?}");
        assert!(!alone.contains(&op.route()), "{alone:?}");
    }
}
