//! Where AWS CLI v2 lives for the tests that run it: `REFERENCE_VENV_AWSCLI2`, else the
//! project's `.venv-awscli2` (built from the pinned wheel by `scripts/build-models`).

use std::path::PathBuf;

/// The virtualenv holding the pinned AWS CLI v2; these tests fail without it, never pass.
pub fn venv_awscli2() -> PathBuf {
    let path = std::env::var_os("REFERENCE_VENV_AWSCLI2")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-awscli2"));
    assert!(
        path.join("bin/python").exists(),
        "AWS CLI v2 is missing at {}: run scripts/build-models (it builds .venv-awscli2)",
        path.display()
    );
    path
}
