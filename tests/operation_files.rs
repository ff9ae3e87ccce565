//! A link to one operation loads only that operation's own file (`core::model::opfile`), not its whole
//! service. These check, over every compiled operation, that the file on disk is the service
//! file cut to that operation, read by the page's own reader, and that the operation loaded
//! from it renders what the same operation of the whole service renders.

mod common;

use common::random_form::{valid_form, Options, PatternCache};
use request_builder::core::cli::shell::Shell;
use request_builder::core::model::catalog::{self, models_dir};
use request_builder::core::model::format::{self, ServiceFile};
use request_builder::core::model::{Cloud, Operation};
use request_builder::core::request::form::FormState;
use request_builder::core::{model::decode, model::opfile, outputs};

/// Every compiled service file, read by the format's one reader (`tests/model_decode.rs` checks
/// that it reads every field the compiler writes).
fn service_files() -> Vec<ServiceFile> {
    let text =
        std::fs::read_to_string(models_dir().join("index.json")).expect("run scripts/build-models");
    let index = catalog::parse_index(&text).expect("index");
    index
        .iter()
        .map(|s| {
            let path = models_dir().join(catalog::file_name(s.cloud, &s.service));
            decode::service_file(&std::fs::read_to_string(&path).expect("service file"))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect()
}

/// The operation as the page loads it from its own file.
fn from_own_file(cloud: Cloud, service: &str, name: &str) -> &'static Operation {
    let path = models_dir().join(opfile::path(cloud, service, name));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = decode::service_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    format::load_file(&file).unwrap_or_else(|e| panic!("{}: {e}", path.display())).operations[0]
}

#[test]
fn every_operation_has_its_own_file_and_it_is_its_service_cut_to_it() {
    let mut checked = 0;
    for service in service_files() {
        for (index, op) in service.operations.iter().enumerate() {
            let path = models_dir().join(opfile::path(service.cloud, &service.service, &op.name));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let by_hand =
                decode::service_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let cut = opfile::cut(&service, index).expect("every shape reference is in range");
            assert!(by_hand == cut, "{}: not the service cut to {}", path.display(), op.name);
            checked += 1;
        }
    }
    assert!(checked > 20_000, "only {checked} operations");
}

#[test]
fn an_operation_from_its_own_file_renders_what_its_service_renders() {
    let mut cache = PatternCache::default();
    let mut filled = 0;
    let mut all = 0;
    for service in service_files() {
        let whole = catalog::service(service.cloud, &service.service).expect("service loads");
        for (i, op) in whole.operations.iter().copied().enumerate() {
            let alone = from_own_file(op.cloud, op.service, op.name);
            // An empty form: every required member reported, endpoint and region the same.
            let empty = FormState::new(op.default_region());
            assert!(
                outputs(op, &empty, Shell::Posix) == outputs(alone, &empty, Shell::Posix),
                "{}: empty form differs",
                op.route()
            );
            all += 1;
            // The first operation of each service, filled with a valid random input.
            if i == 0 {
                if let Ok((form, _, from_service)) = valid_form(op, &Options::default(), &mut cache)
                {
                    for shell in [Shell::Posix, Shell::PowerShell, Shell::Cmd] {
                        let expected = if shell == Shell::Posix {
                            from_service.clone()
                        } else {
                            outputs(op, &form, shell)
                        };
                        assert!(
                            expected == outputs(alone, &form, shell),
                            "{}: {shell:?} outputs differ",
                            op.route()
                        );
                    }
                    filled += 1;
                }
            }
        }
    }
    assert!(all > 20_000 && filled > 400, "{all} operations, {filled} filled");
}

#[test]
fn a_cut_keeps_only_the_shapes_the_operation_reaches() {
    let dms = service_files()
        .into_iter()
        .find(|s| s.cloud == Cloud::Aws && s.service == "dms")
        .expect("dms");
    let index =
        dms.operations.iter().position(|op| op.name == "StartReplicationTask").expect("operation");
    let cut = opfile::cut(&dms, index).expect("cut");
    assert_eq!(cut.operations.len(), 1);
    assert!(
        cut.shapes.len() * 10 < dms.shapes.len(),
        "{} of {} shapes kept",
        cut.shapes.len(),
        dms.shapes.len()
    );
    assert_eq!(cut.operations[0].input, Some(0), "the input is the first shape reached");
    assert!(
        opfile::cut(&dms, dms.operations.len()).is_none(),
        "an index out of range gives no file"
    );
}

#[test]
fn a_route_finds_an_operation_registered_alone() {
    let text = std::fs::read_to_string(models_dir().join(opfile::path(
        Cloud::Aws,
        "dms",
        "StartReplicationTask",
    )))
    .expect("file");
    let op = catalog::register_operation(&text).expect("registers");
    assert_eq!(op.route(), "aws/dms/StartReplicationTask");
    assert!(
        catalog::register_operation(&text).expect("again") == op,
        "registering again gives the same operation"
    );
    let whole = std::fs::read_to_string(models_dir().join("aws/dms.json")).expect("service file");
    let message =
        catalog::register_operation(&whole).expect_err("a service file is not an operation's file");
    assert!(message.contains("operations"), "{message}");
}
