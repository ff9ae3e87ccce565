//! A ROA operation's request panels and the request its Send button sends are written by the
//! worker from the page's `out-json` (the page's own module carries no ROA writer: `ui::roa`,
//! `web::worker::outputs`). For every ROA operation, with a random valid input (seeded:
//! `BULK_SEED` tries another), the outputs written from `out-json` read back into a form
//! equal the page's own outputs of the form: the command and curl in each shell, the HTTP
//! request, body, query, the warnings, and the wire request the proxy gets.

mod common;

use common::random_form::{valid_form, Options, PatternCache};
use request_builder::core::cli::shell::Shell;
use request_builder::core::outputs;
use request_builder::core::sdk::form_from_cli_json;

#[test]
fn roa_outputs_written_from_out_json_equal_the_pages_own() {
    let ops: Vec<_> = common::aliyun::all_operations()
        .into_iter()
        .filter(|op| common::aliyun::is_roa(op))
        .collect();
    assert!(ops.len() > 4000, "{} ROA operations: run scripts/build-models", ops.len());
    let (options, mut cache) = (Options::default(), PatternCache::default());
    let (mut compared, mut invalid, mut mismatches) = (0, 0, Vec::new());
    for (n, op) in ops.iter().enumerate() {
        let Ok((form, _, _)) = valid_form(op, &options, &mut cache) else {
            invalid += 1;
            continue;
        };
        let shell = Shell::ALL[n % Shell::ALL.len()];
        let page = outputs(op, &form, shell);
        let read = form_from_cli_json(op, &page.json, &page.region, form.awscli)
            .unwrap_or_else(|why| panic!("{}: out-json does not read back: {why}", op.route()));
        let worker = outputs(op, &read, shell);
        compared += 1;
        let same = (&page.cli, &page.curl, &page.http, &page.body, &page.query, &page.wire)
            == (&worker.cli, &worker.curl, &worker.http, &worker.body, &worker.query, &worker.wire)
            && page.shell_warnings == worker.shell_warnings;
        if !same {
            mismatches.push(format!(
                "{} ({shell:?}):\npage:   {}\nworker: {}",
                op.route(),
                page.cli,
                worker.cli
            ));
        }
    }
    println!("ROA operations: {}, compared {compared}, no valid form {invalid}", ops.len());
    assert!(
        mismatches.is_empty(),
        "{} differ:\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(5)].join("\n\n")
    );
    assert!(compared * 100 >= ops.len() * 99, "only {compared} of {} compared", ops.len());
}
