//! One operation's own model file: a service file cut down to that operation and the shapes
//! its input reaches, renumbered in the order they are first reached.
//!
//! A link to one operation needs only this: a few kilobytes where the whole service is up to
//! 800 KB (ec2), and the page reads and builds only what the form shows. The cut file is in
//! the service format, so it loads with the same reader and loader; the model compiler writes
//! one next to each service file, at [`path`].

use crate::core::model::format::{MemberFile, ServiceFile, ShapeFile};
use crate::core::model::Cloud;

/// Where an operation's own file lives, relative to the models folder:
/// `aws/dms/StartReplicationTask.json`.
pub fn path(cloud: Cloud, service: &str, operation: &str) -> String {
    format!("{}/{service}/{operation}.json", cloud.slug())
}

/// The file of the operation at `index` of `file`, or `None` when the index or a shape
/// reference is out of the file's range.
pub fn cut(file: &ServiceFile, index: usize) -> Option<ServiceFile> {
    let op = file.operations.get(index)?;
    // new_index[old] = the shape's place in the cut file; `order` lists the old indices kept.
    let mut new_index: Vec<Option<usize>> = vec![None; file.shapes.len()];
    let mut order: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = op.input.into_iter().collect();
    while let Some(old) = stack.pop() {
        if new_index.get(old)?.is_some() {
            continue;
        }
        new_index[old] = Some(order.len());
        order.push(old);
        let mut refs = members(&file.shapes[old]).map(|m| m.shape).collect::<Vec<_>>();
        // Reversed so that the first member's shape is taken first.
        refs.reverse();
        stack.extend(refs);
    }
    let renumber = |member: &MemberFile| -> Option<MemberFile> {
        Some(MemberFile { shape: (*new_index.get(member.shape)?)?, ..member.clone() })
    };
    let mut shapes = Vec::with_capacity(order.len());
    for &old in &order {
        let shape = match &file.shapes[old] {
            ShapeFile::List { item, min, max, flattened } => ShapeFile::List {
                item: renumber(item)?,
                min: *min,
                max: *max,
                flattened: *flattened,
            },
            ShapeFile::Map { key, value, min, max, flattened } => ShapeFile::Map {
                key: renumber(key)?,
                value: renumber(value)?,
                min: *min,
                max: *max,
                flattened: *flattened,
            },
            ShapeFile::Structure { name, members } => {
                let mut kept = Vec::with_capacity(members.len());
                for member in members {
                    kept.push(renumber(member)?);
                }
                ShapeFile::Structure { name: name.clone(), members: kept }
            }
            scalar => scalar.clone(),
        };
        shapes.push(shape);
    }
    let mut op = op.clone();
    op.input = match op.input {
        Some(old) => Some((*new_index.get(old)?)?),
        None => None,
    };
    Some(ServiceFile {
        format: file.format,
        cloud: file.cloud,
        service: file.service.clone(),
        title: file.title.clone(),
        signing_name: file.signing_name.clone(),
        sdk: file.sdk.clone(),
        py_runtime: file.py_runtime.clone(),
        npm: file.npm.clone(),
        npm_version: file.npm_version.clone(),
        sdk_id: file.sdk_id.clone(),
        protocol: file.protocol.clone(),
        endpoints: file.endpoints.clone(),
        shapes,
        operations: vec![op],
        hints: file.hints.clone(),
    })
}

/// The members a shape refers to (a list's item, a map's key and value, a structure's members).
fn members(shape: &ShapeFile) -> Box<dyn Iterator<Item = &MemberFile> + '_> {
    match shape {
        ShapeFile::List { item, .. } => Box::new(std::iter::once(item)),
        ShapeFile::Map { key, value, .. } => Box::new([key, value].into_iter()),
        ShapeFile::Structure { members, .. } => Box::new(members.iter()),
        _ => Box::new(std::iter::empty()),
    }
}
