//! One request being built: the raw form state as typed (`form`), the pure build step that
//! types it against the model (`build`, `value`, `timestamp`), the prose checks (`checks`) and
//! the report of every issue with its field path (`report`). It reads the model and knows
//! nothing of wires or CLIs, which render what it builds.

pub mod build;
pub mod checks;
pub mod form;
pub mod report;
pub mod timestamp;
pub mod value;
