//! The model compiler: reads the official models and writes the page's compiled model files.
//!
//! Inputs: botocore's `data/` folder (the pinned release, today's models), the model folders
//! that the pinned AWS CLI v1 and v2 releases bundle (what each knows), each CLI's argument
//! tables dumped by `tools/awscli_args.py` (renamed arguments, removed operations, pagination), the
//! overlay (`modeldata/overlay.json`: what the official models cannot say), and hand-kept
//! service files in the page's own format (`--extra`: the Alibaba Cloud products that
//! `tools/aliyun_models.py` extracts from the pinned SDKs, with the overlay applied by route). Output: one file per service
//! under `<out>/<cloud>/<service>.json` and the operations index `<out>/index.json`.
//!
//! Only services that the AWS CLI sends as awsJson, awsQuery or ec2 are compiled; the others
//! are counted and listed in `<out>/skipped.json` with their protocol.

mod aliyun;
mod botocore;
mod docs;
mod endpoints;
mod roa;

use request_builder::core::model::format::{IndexService, ServiceFile};
use request_builder::core::model::opfile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

struct Args {
    botocore: PathBuf,
    awscli: Option<PathBuf>,
    cli_args: Option<PathBuf>,
    awscli_v2: Option<PathBuf>,
    cli_args_v2: Option<PathBuf>,
    overlay: Option<PathBuf>,
    xform: Option<PathBuf>,
    extra: Vec<PathBuf>,
    aliyun_cli_meta: Option<PathBuf>,
    out: PathBuf,
    only: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        botocore: PathBuf::new(),
        awscli: None,
        cli_args: None,
        awscli_v2: None,
        cli_args_v2: None,
        overlay: None,
        xform: None,
        extra: Vec::new(),
        aliyun_cli_meta: None,
        out: PathBuf::from("models"),
        only: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--botocore" => args.botocore = PathBuf::from(value()?),
            "--awscli" => args.awscli = Some(PathBuf::from(value()?)),
            "--cli-args" => args.cli_args = Some(PathBuf::from(value()?)),
            "--awscli-v2" => args.awscli_v2 = Some(PathBuf::from(value()?)),
            "--cli-args-v2" => args.cli_args_v2 = Some(PathBuf::from(value()?)),
            "--overlay" => args.overlay = Some(PathBuf::from(value()?)),
            "--xform" => args.xform = Some(PathBuf::from(value()?)),
            "--extra" => args.extra.push(PathBuf::from(value()?)),
            "--aliyun-cli-meta" => args.aliyun_cli_meta = Some(PathBuf::from(value()?)),
            "--out" => args.out = PathBuf::from(value()?),
            "--only" => args.only.push(value()?),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if args.botocore.as_os_str().is_empty() {
        return Err("usage: modelc --botocore DATA_DIR [--awscli DATA_DIR] [--cli-args FILE] [--awscli-v2 DATA_DIR] [--cli-args-v2 FILE] [--overlay FILE] [--xform FILE] [--extra FILE]... [--aliyun-cli-meta DIR] [--out DIR] [--only SERVICE]...".into());
    }
    Ok(args)
}

fn main() {
    if let Err(message) = run() {
        eprintln!("modelc: {message}");
        std::process::exit(1);
    }
}

/// The service model a CLI bundles (its `awscli/botocore/data` folder), if it has the service.
fn bundled_model(dir: Option<&Path>, service: &str) -> Result<Option<serde_json::Value>, String> {
    match dir {
        Some(dir) => match botocore::latest_service_file(&dir.join(service))? {
            Some(path) => Ok(Some(read_json(&path)?)),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

/// What one CLI knows of a service.
fn cli_input<'a>(
    service: &str,
    model: Option<&'a serde_json::Value>,
    tables: Option<&'a serde_json::Value>,
    removed: &'a [String],
) -> botocore::CliInput<'a> {
    botocore::CliInput {
        model,
        service: tables.and_then(|c| c.get("services")?.get(service)),
        known: tables.is_some(),
        removed,
    }
}

/// The operations of a service that a CLI's argument tables list as removed.
fn removed_operations(tables: Option<&serde_json::Value>, service: &str) -> Vec<String> {
    tables
        .and_then(|c| c.get("removed")?.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter(|pair| pair.get(0).and_then(|s| s.as_str()) == Some(service))
        .filter_map(|pair| pair.get(1).and_then(|s| s.as_str()).map(str::to_string))
        .collect()
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = botocore::read_maybe_gz(path)?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let endpoints = endpoints::Endpoints::read(&args.botocore.join("endpoints.json"))?;
    let cli_args = args.cli_args.as_deref().map(read_json).transpose()?;
    let cli_args_v2 = args.cli_args_v2.as_deref().map(read_json).transpose()?;
    let overlay = match &args.overlay {
        Some(path) => read_json(path)?,
        None => serde_json::json!({}),
    };
    // botocore's exceptions to its xform_name rule (`tools/botocore_names.py`).
    let xform = match &args.xform {
        Some(path) => read_json(path)?,
        None => serde_json::json!({}),
    };
    let mut index: Vec<IndexService> = Vec::new();
    // The signing proxy's allow-list: per cloud and signing name, the official host patterns.
    let mut hosts: BTreeMap<String, BTreeMap<String, std::collections::BTreeSet<String>>> =
        BTreeMap::new();
    let mut skipped: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let (mut services, mut operations) = (0usize, 0usize);
    let mut names: Vec<String> = std::fs::read_dir(&args.botocore)
        .map_err(|e| format!("{}: {e}", args.botocore.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        if !args.only.is_empty() && !args.only.contains(&name) {
            continue;
        }
        let Some(model_path) = botocore::latest_service_file(&args.botocore.join(&name))? else {
            continue;
        };
        let mut model = read_json(&model_path)?;
        botocore::merge_rest_extras(&mut model, &model_path)?;
        let v1_path = match &args.awscli {
            Some(dir) => botocore::latest_service_file(&dir.join(&name))?,
            None => None,
        };
        // The CLI pages with its own bundled paginators; without them, botocore's.
        let paginators_path =
            v1_path.unwrap_or_else(|| model_path.clone()).with_file_name("paginators-1.json");
        let paginators =
            match paginators_path.exists() || paginators_path.with_extension("json.gz").exists() {
                true => Some(read_json(&paginators_path)?),
                false => None,
            };
        let v1_model = bundled_model(args.awscli.as_deref(), &name)?;
        let v2_model = bundled_model(args.awscli_v2.as_deref(), &name)?;
        let removed = removed_operations(cli_args.as_ref(), &name);
        let removed_v2 = removed_operations(cli_args_v2.as_ref(), &name);
        let input = botocore::ServiceInput {
            name: &name,
            model: &model,
            v1: cli_input(&name, v1_model.as_ref(), cli_args.as_ref(), &removed),
            v2: cli_input(&name, v2_model.as_ref(), cli_args_v2.as_ref(), &removed_v2),
            paginators: paginators.as_ref(),
            overlay: &overlay,
            xform: &xform,
            endpoints: &endpoints,
        };
        match botocore::compile(&input)? {
            botocore::Compiled::Service(file) => {
                services += 1;
                operations += file.operations.len();
                index.push(index_entry(&file));
                add_hosts(&mut hosts, &file);
                write_service(&args.out, &file)?;
                write_operations(&args.out, &file)?;
            }
            botocore::Compiled::Skipped { protocol, operations } => {
                skipped.insert(name.clone(), (protocol, operations));
            }
        }
    }
    for path in &args.extra {
        let mut text =
            std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        // A ROA product's file carries extras the format has fields for (module roa).
        let is_roa = path.parent().is_some_and(|dir| dir.ends_with("roa"));
        if is_roa {
            let (folded, left_out) =
                roa::fold(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            text = folded;
            let product = path.file_stem().unwrap_or_default().to_string_lossy().to_string();
            for (op, reason) in left_out {
                skipped.insert(format!("aliyun/{product}/{op}"), (reason, 1));
            }
        }
        let mut file = request_builder::core::model::decode::service_file(&text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(dir) = args.aliyun_cli_meta.as_ref().filter(|_| !is_roa) {
            let counts = aliyun::apply_cli_metadata(&mut file, dir)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!(
                "modelc: {}: {} operations in the aliyun CLI's metadata, {} not; {} flag patterns it does not list, {} it places elsewhere",
                file.service, counts.listed, counts.unlisted.len(), counts.unknown, counts.moved
            );
        }
        aliyun::apply_overlay(&mut file, &overlay)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        docs::mark_asides(&mut file);
        request_builder::core::model::format::load_file(&file)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        services += 1;
        operations += file.operations.len();
        index.push(index_entry(&file));
        add_hosts(&mut hosts, &file);
        write_service(&args.out, &file)?;
        write_operations(&args.out, &file)?;
    }
    write(
        &args.out.join("endpoints.json"),
        &serde_json::to_string_pretty(&hosts).map_err(|e| e.to_string())?,
    )?;
    index.sort_by(|a, b| (a.cloud, &a.service).cmp(&(b.cloud, &b.service)));
    write(
        &args.out.join("index.json"),
        &serde_json::to_string(&index).map_err(|e| e.to_string())?,
    )?;
    let skipped_json = serde_json::to_string_pretty(&skipped).map_err(|e| e.to_string())?;
    write(&args.out.join("skipped.json"), &skipped_json)?;
    let skipped_ops: usize = skipped.values().map(|(_, n)| n).sum();
    eprintln!(
        "modelc: {services} services, {operations} operations compiled into {}; {} services ({skipped_ops} operations) skipped by protocol",
        args.out.display(),
        skipped.len()
    );
    Ok(())
}

/// Adds a service's official hosts (templates with `{region}`, and the fixed hosts of global
/// endpoints) under its cloud and signing name.
fn add_hosts(
    hosts: &mut BTreeMap<String, BTreeMap<String, std::collections::BTreeSet<String>>>,
    file: &ServiceFile,
) {
    let entry = hosts
        .entry(file.cloud.slug().to_string())
        .or_default()
        .entry(file.signing_name.clone())
        .or_default();
    entry.extend(file.endpoints.templates.iter().map(|(_, template)| template.clone()));
    entry.extend(file.endpoints.overrides.iter().map(|(_, host)| host.clone()));
}

fn index_entry(file: &ServiceFile) -> IndexService {
    let ops = file
        .operations
        .iter()
        .map(|op| {
            (op.name.clone(), op.cli.clone().unwrap_or_default(), docs::shorten(&op.summary, 100))
        })
        .collect();
    IndexService {
        cloud: file.cloud,
        service: file.service.clone(),
        title: file.title.clone(),
        ops,
    }
}

fn write_service(out: &Path, file: &ServiceFile) -> Result<(), String> {
    let path =
        out.join(request_builder::core::model::catalog::file_name(file.cloud, &file.service));
    write(&path, &serde_json::to_string(file).map_err(|e| e.to_string())?)
}

/// Each operation's own file (`model::opfile`): what a link to one operation fetches.
fn write_operations(out: &Path, file: &ServiceFile) -> Result<(), String> {
    for index in 0..file.operations.len() {
        let cut = opfile::cut(file, index).ok_or_else(|| {
            format!("{}: operation {index} refers to a missing shape", file.service)
        })?;
        let path = out.join(opfile::path(file.cloud, &file.service, &cut.operations[0].name));
        write(&path, &serde_json::to_string(&cut).map_err(|e| e.to_string())?)?;
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
