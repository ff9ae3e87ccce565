//! The build id (`REQUEST_BUILDER_BUILD_ID`): a hash of the sources the page's three wasm
//! modules are built from. The page and its later module compare theirs (`web::later`), since
//! the later module's loader has a fixed name and may come from another deploy than the page.

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

fn add(path: &Path, hasher: &mut DefaultHasher) {
    if path.is_dir() {
        let mut entries: Vec<_> =
            std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            add(&entry, hasher);
        }
    } else if let Ok(bytes) = std::fs::read(path) {
        hasher.write(path.to_string_lossy().as_bytes());
        hasher.write(&bytes);
    }
}

fn main() {
    let mut hasher = DefaultHasher::new();
    for input in ["src", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={input}");
        add(Path::new(input), &mut hasher);
    }
    println!("cargo:rustc-env=REQUEST_BUILDER_BUILD_ID={:016x}", hasher.finish());
}
