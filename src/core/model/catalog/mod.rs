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

/// The models loaded so far: services loaded whole, and operations loaded from their own files.
/// The page and its worker each have one (`global`); a test can build others side by side.
pub struct Catalog {
    /// Every service loaded so far (a page loads a handful), in (cloud, id) order.
    services: Mutex<Vec<&'static Service>>,
    /// Operations loaded from their own files, whose service is not loaded whole.
    singles: Mutex<Vec<&'static Operation>>,
    /// Where a lookup of a service not loaded yet reads it from (natively; `None` in the page,
    /// which fetches models itself and registers them).
    folder: Folder,
}

/// Where a catalog finds a service it has not loaded.
enum Folder {
    /// Nowhere: only what is registered.
    None,
    /// The models folder (`models_dir`), looked up when needed: tests set
    /// `$REQUEST_BUILDER_MODELS`.
    Models,
    /// This folder.
    #[cfg(not(target_arch = "wasm32"))]
    At(std::path::PathBuf),
}

/// The catalog of the page (and, natively, of tests and tools, reading the models folder).
static GLOBAL: Catalog = Catalog {
    services: Mutex::new(Vec::new()),
    singles: Mutex::new(Vec::new()),
    folder: if cfg!(target_arch = "wasm32") { Folder::None } else { Folder::Models },
};

/// The page's catalog; the free functions below are its methods.
pub fn global() -> &'static Catalog {
    &GLOBAL
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::new()
    }
}

impl Catalog {
    /// An empty catalog that knows only what is registered into it.
    pub const fn new() -> Catalog {
        Catalog {
            services: Mutex::new(Vec::new()),
            singles: Mutex::new(Vec::new()),
            folder: Folder::None,
        }
    }

    /// An empty catalog that loads a service from `folder` when a lookup needs it.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn reading(folder: std::path::PathBuf) -> Catalog {
        Catalog { folder: Folder::At(folder), ..Catalog::new() }
    }

    fn services(&self) -> std::sync::MutexGuard<'_, Vec<&'static Service>> {
        self.services.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn singles(&self) -> std::sync::MutexGuard<'_, Vec<&'static Operation>> {
        self.singles.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The operation loaded alone at (cloud, service, name), if any.
    fn single(&self, cloud: Cloud, service: &str, name: &str) -> Option<&'static Operation> {
        self.singles()
            .iter()
            .copied()
            .find(|op| (op.cloud, op.service, op.name) == (cloud, service, name))
    }

    /// The service loaded as (cloud, id), if any (the lock is released on return).
    fn loaded(&self, cloud: Cloud, id: &str) -> Option<&'static Service> {
        let services = self.services();
        position(&services, cloud, id).ok().map(|i| services[i])
    }

    /// Loads a compiled service file and makes its operations findable. Loading the same
    /// service again returns the model already loaded.
    pub fn register(&self, text: &str) -> Result<&'static Service, String> {
        let file = crate::core::model::decode::service_file(text)?;
        if let Some(service) = self.loaded(file.cloud, &file.service) {
            return Ok(service);
        }
        let service = format::load_file(&file)?;
        let mut services = self.services();
        if let Err(i) = position(&services, service.cloud, service.id) {
            services.insert(i, service);
        }
        Ok(service)
    }

    /// Loads a fetched model: a whole service's file when `whole` (`register`), else one
    /// operation's own (`register_operation`).
    pub fn register_model(&self, text: &str, whole: bool) -> Result<(), String> {
        if whole {
            self.register(text).map(|_| ())
        } else {
            self.register_operation(text).map(|_| ())
        }
    }

    /// Loads one operation's own file (see `model::opfile`) and makes that operation findable
    /// by its route until its whole service is loaded.
    pub fn register_operation(&self, text: &str) -> Result<&'static Operation, String> {
        let file = crate::core::model::decode::service_file(text)?;
        if file.operations.len() != 1 {
            return Err(format!(
                "{}: an operation's file holds {} operations",
                file.service,
                file.operations.len()
            ));
        }
        let name = file.operations[0].name.as_str();
        if let Some(op) = self.single(file.cloud, &file.service, name) {
            return Ok(op);
        }
        let op = format::load_file(&file)?.operations[0];
        self.singles().push(op);
        Ok(op)
    }

    /// A service already loaded (natively, one the catalog reads from its folder when needed).
    pub fn service(&self, cloud: Cloud, id: &str) -> Option<&'static Service> {
        if let Some(service) = self.loaded(cloud, id) {
            return Some(service);
        }
        let text = match &self.folder {
            Folder::None => return None,
            Folder::Models => native::read(None, cloud, id)?,
            #[cfg(not(target_arch = "wasm32"))]
            Folder::At(folder) => native::read(Some(folder), cloud, id)?,
        };
        self.register(&text).ok()
    }

    /// Looks a route up among the loaded services.
    pub fn lookup(&self, route: &str) -> Lookup {
        let Some((cloud, service_id, name)) = split_route(route) else { return Lookup::Unknown };
        match self.service(cloud, service_id) {
            Some(service) => service.operation(name).map_or(Lookup::Unknown, Lookup::Found),
            None => self
                .single(cloud, service_id, name)
                .map_or(Lookup::NeedsService(cloud), Lookup::Found),
        }
    }

    /// The operation at a route such as `aws/dms/StartReplicationTask`, if its service is
    /// loaded.
    pub fn find(&self, route: &str) -> Option<&'static Operation> {
        match self.lookup(route) {
            Lookup::Found(op) => Some(op),
            _ => None,
        }
    }

    /// Every operation of every loaded service (and those loaded alone), showcase first.
    pub fn loaded_operations(&self) -> Vec<&'static Operation> {
        let mut all: Vec<&'static Operation> =
            self.services().iter().flat_map(|s| s.operations.iter().copied()).collect();
        let alone: Vec<&'static Operation> = self
            .singles()
            .iter()
            .copied()
            .filter(|op| self.loaded(op.cloud, op.service).is_none())
            .collect();
        all.extend(alone);
        let is_showcase = |op: &Operation| {
            SHOWCASE.iter().any(|r| split_route(r) == Some((op.cloud, op.service, op.name)))
        };
        let showcase = SHOWCASE.iter().filter_map(|r| {
            all.iter().copied().find(|op| split_route(r) == Some((op.cloud, op.service, op.name)))
        });
        showcase.chain(all.iter().copied().filter(|op| !is_showcase(op))).collect()
    }

    /// What is loaded, so that another catalog (the page's worker's) can load the same and read
    /// a paste against the same operations: the services loaded whole (`aws/dms`), and the
    /// routes of the operations loaded alone, in the order they were loaded.
    pub fn loaded_sources(&self) -> (Vec<String>, Vec<String>) {
        let whole =
            self.services().iter().map(|s| format!("{}/{}", s.cloud.slug(), s.id)).collect();
        let alone = self
            .singles()
            .iter()
            .filter(|op| self.loaded(op.cloud, op.service).is_none())
            .map(|op| op.route())
            .collect();
        (whole, alone)
    }

    /// The ids of the loaded services of one cloud.
    pub fn loaded_services(&self, cloud: Cloud) -> Vec<&'static str> {
        self.services().iter().filter(|s| s.cloud == cloud).map(|s| s.id).collect()
    }
}

fn position(services: &[&'static Service], cloud: Cloud, id: &str) -> Result<usize, usize> {
    services.binary_search_by(|s| (s.cloud, s.id).cmp(&(cloud, id)))
}

/// [`Catalog::register`] on the page's catalog.
pub fn register(text: &str) -> Result<&'static Service, String> {
    global().register(text)
}

/// [`Catalog::register_model`] on the page's catalog.
pub fn register_model(text: &str, whole: bool) -> Result<(), String> {
    global().register_model(text, whole)
}

/// [`Catalog::register_operation`] on the page's catalog.
pub fn register_operation(text: &str) -> Result<&'static Operation, String> {
    global().register_operation(text)
}

/// [`Catalog::service`] on the page's catalog.
pub fn service(cloud: Cloud, id: &str) -> Option<&'static Service> {
    global().service(cloud, id)
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

/// [`Catalog::lookup`] on the page's catalog.
pub fn lookup(route: &str) -> Lookup {
    global().lookup(route)
}

/// [`Catalog::find`] on the page's catalog.
pub fn find(route: &str) -> Option<&'static Operation> {
    global().find(route)
}

/// [`Catalog::loaded_operations`] on the page's catalog.
pub fn loaded_operations() -> Vec<&'static Operation> {
    global().loaded_operations()
}

/// [`Catalog::loaded_sources`] on the page's catalog.
pub fn loaded_sources() -> (Vec<String>, Vec<String>) {
    global().loaded_sources()
}

/// [`Catalog::loaded_services`] on the page's catalog.
pub fn loaded_services(cloud: Cloud) -> Vec<&'static str> {
    global().loaded_services(cloud)
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
    use super::Cloud;
    use std::path::{Path, PathBuf};

    /// The folder the model compiler writes.
    pub fn models_dir() -> PathBuf {
        std::env::var_os("REQUEST_BUILDER_MODELS")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models"))
    }

    /// A service's compiled file from `folder` (the models folder when `None`).
    pub fn read(folder: Option<&Path>, cloud: Cloud, id: &str) -> Option<String> {
        let folder = folder.map_or_else(models_dir, Path::to_path_buf);
        std::fs::read_to_string(folder.join(super::file_name(cloud, id))).ok()
    }
}

#[cfg(target_arch = "wasm32")]
mod native {
    use super::Cloud;

    pub fn read(_: Option<&std::path::Path>, _: Cloud, _: &str) -> Option<String> {
        None
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::models_dir;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    // The page's worker loads what `loaded_sources` names, so that it reads a paste against the
    // same operations as the page. (A service no other unit test loads, in the global catalog.)
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

    /// Catalogs are values: two side by side know only what each loaded, and neither touches
    /// the page's.
    #[test]
    fn two_catalogs_side_by_side_know_only_what_each_loaded() {
        let read = |path: &str| std::fs::read_to_string(models_dir().join(path)).expect("models/");
        let (left, right) = (Catalog::new(), Catalog::new());
        left.register_operation(&read("aws/dms/StartReplicationTask.json")).unwrap();
        right.register(&read("aws/datasync.json")).unwrap();
        assert!(left.find("aws/dms/StartReplicationTask").is_some());
        assert_eq!(
            left.lookup("aws/datasync/StartTaskExecution"),
            Lookup::NeedsService(Cloud::Aws)
        );
        assert!(right.find("aws/datasync/StartTaskExecution").is_some());
        assert_eq!(right.lookup("aws/dms/StartReplicationTask"), Lookup::NeedsService(Cloud::Aws));
        assert_eq!(left.loaded_sources(), (vec![], vec!["aws/dms/StartReplicationTask".into()]));
        assert_eq!(right.loaded_sources(), (vec!["aws/datasync".into()], vec![]));
        // A catalog that reads a folder loads from it when a lookup needs a service.
        let reading = Catalog::reading(models_dir());
        assert!(reading.find("aws/dms/StartReplicationTask").is_some());
        assert_eq!(reading.loaded_services(Cloud::Aws), vec!["dms"]);
        assert!(left.loaded_services(Cloud::Aws).is_empty());
    }
}
