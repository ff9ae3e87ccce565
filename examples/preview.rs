//! Prints every output of one operation for a form given as `path=value` arguments.
//! `cargo run --no-default-features --example preview -- aws/dms/StartReplicationTask ReplicationTaskArn=arn:...`

use request_builder::core::{cli::shell::Shell, model::catalog, outputs, request::form::FormState};

fn main() {
    let mut args = std::env::args().skip(1);
    let route = args.next().unwrap_or_else(|| "aws/dms/StartReplicationTask".into());
    let Some(op) = catalog::find(&route) else {
        eprintln!("no operation at {route}");
        std::process::exit(2);
    };
    let mut form = FormState::new(op.default_region());
    let mut shell = Shell::Posix;
    for arg in args {
        let (path, value) = arg.split_once('=').unwrap_or((&arg, ""));
        match path {
            "region" => form.region = value.to_string(),
            "shell" => shell = Shell::from_id(value).unwrap_or_default(),
            list if list.ends_with("[]") => {
                form.set_list_len(&list[..list.len() - 2], value.parse().ok())
            }
            _ => form.set(path, value),
        }
    }
    let out = outputs(op, &form, shell);
    for (name, text) in [
        ("json", &out.json),
        ("body", &out.body),
        ("query", &out.query),
        ("http", &out.http),
        ("cli", &out.cli),
        ("curl", &out.curl),
    ] {
        println!("--- out-{name}\n{text}");
    }
    println!("--- issues");
    for issue in &out.report.issues {
        println!("{issue}");
    }
}
