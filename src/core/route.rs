//! Hash routes and permalinks: `#/aws/dms/StartReplicationTask?region=us-east-1&ReplicationTaskArn=...`.
//!
//! A permalink carries the region, the AWS CLI version when it is not the default (`awscli=v1`),
//! every typed value by field path, and list lengths as `Path[]=N`, each percent-encoded.
//! Sensitive members (passwords, keys, tokens: `Member::sensitive`) and everything under them
//! are left out, both ways: a link or a draft never carries a secret, and a crafted link or an
//! older draft that does is not read back.

use crate::core::model::catalog::{self, Lookup};
use crate::core::model::names;
use crate::core::model::path::is_under;
use crate::core::model::Operation;
use crate::core::model::{AwsCli, Cloud};
use crate::core::request::form::{FormState, MAX_LIST_ITEMS};
use crate::core::wire::encoding;

/// What a location hash shows.
#[derive(Debug)]
pub enum Route {
    /// `#/` or empty: the operation picker.
    Picker,
    /// An operation, with the form state the link carries (if any).
    Operation(&'static Operation, Option<FormState>),
    /// An operation whose model is not loaded yet: fetch it, then parse again.
    NeedsService {
        /// The cloud.
        cloud: Cloud,
        /// The service id, as the route spells it.
        service: String,
        /// The operation's name, as the route spells it.
        operation: String,
    },
    /// A route that names no operation.
    NotFound(String),
}

/// Reads a location hash (with or without the leading `#`).
pub fn parse(hash: &str) -> Route {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let path = path.trim_matches('/');
    if path.is_empty() {
        return Route::Picker;
    }
    match catalog::lookup(path) {
        Lookup::Found(op) => {
            Route::Operation(op, (!query.is_empty()).then(|| form_from_query(op, query)))
        }
        Lookup::NeedsService(cloud) => match names::split_route(path) {
            Some((_, service, operation)) => Route::NeedsService {
                cloud,
                service: service.to_string(),
                operation: operation.to_string(),
            },
            None => Route::NotFound(path.to_string()),
        },
        Lookup::Unknown => Route::NotFound(path.to_string()),
    }
}

/// The address of the page that an embed shows, out of its iframe: `href` without the `embed`
/// option, in the query string or in the hash's parameters (the form's state stays).
pub fn full_page_url(href: &str) -> String {
    let without_embed = |part: &str| -> String {
        let (head, query) = part.split_once('?').unwrap_or((part, ""));
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty() && p.split('=').next() != Some("embed"))
            .collect();
        if kept.is_empty() {
            head.to_string()
        } else {
            format!("{head}?{}", kept.join("&"))
        }
    };
    match href.split_once('#') {
        Some((page, hash)) => format!("{}#{}", without_embed(page), without_embed(hash)),
        None => without_embed(href),
    }
}

/// The permalink hash for a form: `#/<route>?<state>`.
pub fn permalink(op: &Operation, form: &FormState) -> String {
    format!("#/{}?{}", op.route(), state_query(op, form))
}

/// A form's state as an encoded query (the part of a permalink after `?`); also the draft
/// format. Secrets are left out.
pub fn state_query(op: &Operation, form: &FormState) -> String {
    let mut pairs = vec![("region".to_string(), form.region.clone())];
    // Only the non-default version, so links made before the choice existed read the same.
    if form.awscli != AwsCli::default() {
        pairs.push(("awscli".to_string(), form.awscli.id().to_string()));
    }
    // Which secrets commands read from the environment is no secret. `.env` is no member's
    // path (dianjin CommercializeFetch has a member `env`).
    if !form.env.is_empty() {
        pairs.push((ENV_KEY.to_string(), form.env.join(",")));
    }
    write_pairs(op, form, false, &mut pairs);
    encoding::pairs(&pairs, encoding::rfc3986)
}

/// The key of the secrets that commands read from the environment (`FormState::env`).
const ENV_KEY: &str = ".env";

/// The link's own keys that are also some members' names (Alibaba MaxCompute's `region`, API
/// Gateway's `embed`). Such a member's path is written with a leading `.`, which no member's
/// path has, so that the two never meet.
const OWN_KEYS: [&str; 3] = ["region", "awscli", "embed"];

/// Whether a member's path starts with one of the link's own keys.
fn is_under_own_key(path: &str) -> bool {
    OWN_KEYS.iter().any(|own| is_under(path, own))
}

/// A member's path as a link writes it.
fn link_key(path: &str) -> String {
    match is_under_own_key(path) {
        true => format!(".{path}"),
        false => path.to_string(),
    }
}

/// The form a state query describes; unknown keys (such as `embed`) and secrets are ignored.
pub fn form_from_query(op: &Operation, query: &str) -> FormState {
    let mut form = FormState::new(op.default_region());
    read_pairs(op, &mut form, query, false);
    form
}

/// The secrets of a form as an encoded query, for the page to hand over in memory where a
/// link cannot carry them (a paste fills the form through its link).
pub fn secrets_query(op: &Operation, form: &FormState) -> String {
    let mut pairs = Vec::new();
    write_pairs(op, form, true, &mut pairs);
    encoding::pairs(&pairs, encoding::rfc3986)
}

/// A form's list lengths (`Path[]=N`), then its values: the secrets only, or everything else
/// ([`read_pairs`] reads them back).
fn write_pairs(op: &Operation, form: &FormState, secrets: bool, pairs: &mut Vec<(String, String)>) {
    pairs.extend(
        form.lists()
            .filter(|(path, _)| op.is_sensitive(path) == secrets)
            .map(|(path, len)| (format!("{}[]", link_key(path)), len.to_string())),
    );
    pairs.extend(
        form.values()
            .filter(|(path, _)| op.is_sensitive(path) == secrets)
            .map(|(path, value)| (link_key(path), value.to_string())),
    );
}

/// Sets the secrets of a [`secrets_query`] into a form; other keys are ignored.
pub fn add_secrets(op: &Operation, form: &mut FormState, query: &str) {
    read_pairs(op, form, query, true);
}

/// Reads a query's pairs into a form: the secrets only, or everything else.
fn read_pairs(op: &Operation, form: &mut FormState, query: &str, secrets: bool) {
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = (decode(key), decode(value));
        // The page's settings; the embed option is `web::embed_mode`'s.
        match key.as_str() {
            "embed" => continue,
            "region" | "awscli" | ENV_KEY if secrets => continue,
            "region" => {
                form.region = value;
                continue;
            }
            "awscli" => {
                form.awscli = AwsCli::from_id(&value).unwrap_or_default();
                continue;
            }
            ENV_KEY => {
                for name in value.split(',') {
                    if op.env_name(name).is_some() && !form.reads_env(name) {
                        form.toggle_env(name);
                    }
                }
                continue;
            }
            _ => {}
        }
        // A member named like one of the link's own keys (`link_key`).
        let key = match key.strip_prefix('.') {
            Some(path) if is_under_own_key(path) => path.to_string(),
            _ => key,
        };
        if let Some(list) = key.strip_suffix("[]") {
            if let Ok(len) = value.parse::<usize>() {
                if op.is_sensitive(list) == secrets {
                    form.set_list_len(list, Some(len.min(MAX_LIST_ITEMS)));
                }
            }
        } else if op.is_sensitive(&key) != secrets {
            continue;
        } else if let Some(member) = op.member_at(&key) {
            // A link keeps an empty text (the form had one, from a paste); "" of any other
            // kind is no value.
            if member.kind.is_text() {
                form.set_keeping_empty(&key, &value);
            } else {
                form.set(&key, &value);
            }
        }
    }
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}
