//! The build id (`REQUEST_BUILDER_BUILD_ID`): a hash of the sources the page's three wasm
//! modules are built from. The page and its later module compare theirs (`web::later`), since
//! the later module's loader has a fixed name and may come from another deploy than the page.
//! Also the pinned releases (`AWSCLI_V1_RELEASE`, `AWSCLI_V2_RELEASE`, `BOTOCORE_RELEASE`) from
//! `modeldata/PINS`, which the page names in its version notes.

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
    for input in ["src", "Cargo.toml", "Cargo.lock", "modeldata/PINS"] {
        println!("cargo:rerun-if-changed={input}");
        add(Path::new(input), &mut hasher);
    }
    println!("cargo:rustc-env=REQUEST_BUILDER_BUILD_ID={:016x}", hasher.finish());
    let pins = std::fs::read_to_string("modeldata/PINS").unwrap_or_default();
    let pin = |prefix: &str| {
        pins.lines().find_map(|l| l.strip_prefix(prefix)).map(str::trim).unwrap_or("?").to_string()
    };
    println!("cargo:rustc-env=AWSCLI_V1_RELEASE={}", pin("awscli=="));
    println!("cargo:rustc-env=AWSCLI_V2_RELEASE={}", pin("#awscli-v2=="));
    println!("cargo:rustc-env=BOTOCORE_RELEASE={}", pin("botocore=="));
}
