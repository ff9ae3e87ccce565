//! Reads the compiled model files (`model::format`) and the operations index from a JSON
//! tree, by hand. This is the format's only reader: the page, the model compiler (its
//! `--extra` files and the overlay's rules and checks) and the proxy's allow-list all read
//! through it, and the format's types derive only `Serialize`, the writer.
//!
//! Why not serde's derived `Deserialize`: in the page every derived type is compiled once per
//! shape of serde_json's parser, which made the model reader a tenth of the wasm module. Here
//! serde_json parses the text once into the untyped tree that paste already uses
//! (`json::Node`), and small functions pick the fields out. Each type is built whole, so a
//! field added to the format and not read here does not compile; `tests/model_decode.rs`
//! writes back what this read of every compiled file and requires the file itself, so a key
//! read under another name than the writer's fails there.
//!
//! Absent fields take the format's defaults, unknown fields are ignored (as serde does). A
//! reader that meets a problem notes it in `Problems` and goes on with a default; the file is
//! refused with the first problem. (Returning early from the middle of a struct built field by
//! field made the wasm drop every field read so far at each exit: a third of the reader.)

use crate::core::json::{parse_json, Node};
use crate::core::model::format::{
    HttpFile, IndexService, MemberFile, OperationFile, ProtocolFile, ServiceFile, ShapeFile,
    XmlNamespaceFile,
};
use crate::core::model::{Aside, Check, CliArg, CliGap, Cloud, Endpoints, Location, Rule};
use std::cell::RefCell;

type Result<T> = std::result::Result<T, String>;

/// Parses a service file.
pub fn service_file(text: &str) -> Result<ServiceFile> {
    let tree = parse_json(text)
        .map_err(|e| format!("the model file is not valid: {} at byte {}", e.message, e.offset))?;
    let p = Problems::default();
    let file = service(&tree, &p);
    p.result(file).map_err(|e| format!("the model file is not valid: {e}"))
}

/// Parses the operations index.
pub fn index_file(text: &str) -> Result<Vec<IndexService>> {
    let tree = parse_json(text).map_err(|e| {
        format!("the operations index is not valid: {} at byte {}", e.message, e.offset)
    })?;
    let problems = Problems::default();
    let p = &problems;
    let index = list(&tree, "index", p, |entry| {
        let o = Obj::new(entry, "index entry", p);
        IndexService {
            cloud: cloud(o.req("cloud"), p),
            service: o.string("service"),
            title: o.string("title"),
            ops: o.list("ops", |op| {
                let [name, cli, summary] = tuple::<3>(op, "ops", p);
                (text_of(name, "ops", p), text_of(cli, "ops", p), text_of(summary, "ops", p))
            }),
        }
    });
    problems.result(index)
}

/// Reads the overlay's cross-field rules of one operation (`modeldata/overlay.json`), which
/// the model compiler copies into the operation's `rules`.
pub fn overlay_rules(node: &Node) -> Result<Vec<Rule>> {
    let p = Problems::default();
    let rules = list(node, "rules", &p, |n| rule(n, &p));
    p.result(rules)
}

/// Reads one of the overlay's prose checks, which the model compiler copies into the
/// operation's `checks`.
pub fn overlay_check(node: &Node) -> Result<Check> {
    let p = Problems::default();
    let check = check(node, &p);
    p.result(check)
}

fn service(tree: &Node, p: &Problems) -> ServiceFile {
    let o = Obj::new(tree, "service", p);
    ServiceFile {
        format: o.number("format"),
        cloud: cloud(o.req("cloud"), p),
        service: o.string("service"),
        title: o.string("title"),
        signing_name: o.string("signingName"),
        sdk: o.opt_string("sdk"),
        py_runtime: o.opt_string("pyrt"),
        npm: o.opt_string("npm"),
        npm_version: o.opt_string("npmv"),
        sdk_id: o.opt_string("sid"),
        protocol: protocol(o.req("protocol"), p),
        endpoints: endpoints(o.req("endpoints"), p),
        shapes: o.list("shapes", |n| shape(n, p)),
        operations: o.list("operations", |n| operation(n, p)),
        hints: o.pairs("hints"),
    }
}

fn cloud(node: &Node, p: &Problems) -> Cloud {
    match text_of(node, "cloud", p).as_str() {
        "aliyun" => Cloud::Aliyun,
        "aws" => Cloud::Aws,
        other => p.note(format!("unknown cloud \"{other}\""), Cloud::Aws),
    }
}

fn protocol(node: &Node, p: &Problems) -> ProtocolFile {
    let (tag, body) = variant(node, "protocol", p);
    let o = Obj::new(body, "protocol", p);
    match tag {
        "json" => ProtocolFile::Json {
            json_version: o.string("jsonVersion"),
            target_prefix: o.string("targetPrefix"),
            query_compatible: o.flag("queryCompatible"),
        },
        "query" => ProtocolFile::Query { api_version: o.string("apiVersion") },
        "ec2" => ProtocolFile::Ec2 { api_version: o.string("apiVersion") },
        "rpc" => ProtocolFile::Rpc { version: o.string("version") },
        "roa" => ProtocolFile::Roa { version: o.string("version") },
        "restJson" => ProtocolFile::RestJson { api_version: o.string("apiVersion") },
        "restXml" => ProtocolFile::RestXml { api_version: o.string("apiVersion") },
        other => p.note(
            format!("unknown protocol \"{other}\""),
            ProtocolFile::Rpc { version: String::new() },
        ),
    }
}

fn endpoints(node: &Node, p: &Problems) -> Endpoints {
    let o = Obj::new(node, "endpoints", p);
    Endpoints {
        regions: o.strings_required("regions"),
        templates: o.pairs("templates"),
        overrides: o.pairs("overrides"),
    }
}

fn member(node: &Node, p: &Problems) -> MemberFile {
    let o = Obj::new(node, "member", p);
    MemberFile {
        name: o.text_or_empty("n"),
        shape: o.number("s"),
        required: o.flag("r"),
        location_name: o.opt_string("ln"),
        query_name: o.opt_string("qn"),
        doc: o.text_or_empty("d"),
        host_label: o.flag("hl"),
        idempotency_token: o.flag("it"),
        location: o.present("loc").map(|node| location(node, p)),
        xml_attribute: o.flag("xa"),
        xml_namespace: o.get("xns").map(|n| xml_namespace(n, p)),
        json_value: o.flag("jv"),
        flattened: o.flag("fl"),
        streaming: o.flag("sm"),
        sensitive: o.flag("se"),
        aside: o.opt_string("as").map(|word| match word.as_str() {
            "deprecated" => Aside::Deprecated,
            "internal" => Aside::Internal,
            other => p.note(format!("unknown aside \"{other}\""), Aside::Internal),
        }),
        sdk_name: o.opt_string("py"),
        js_name: o.opt_string("js"),
    }
}

fn location(node: &Node, p: &Problems) -> Location {
    match text_of(node, "loc", p).as_str() {
        "uri" => Location::Uri,
        "querystring" => Location::Querystring,
        "header" => Location::Header,
        "headers" => Location::Headers,
        "statusCode" => Location::StatusCode,
        other => p.note(format!("unknown location \"{other}\""), Location::Uri),
    }
}

fn xml_namespace(node: &Node, p: &Problems) -> XmlNamespaceFile {
    let o = Obj::new(node, "xmlNamespace", p);
    XmlNamespaceFile { prefix: o.text_or_empty("p"), uri: o.string("u") }
}

fn http(node: &Node, p: &Problems) -> HttpFile {
    let o = Obj::new(node, "http", p);
    HttpFile {
        method: o.string("m"),
        request_uri: o.string("u"),
        payload: o.opt_string("pl"),
        xml_root: o.opt_string("root"),
        xml_namespace: o.get("xns").map(|n| xml_namespace(n, p)),
        checksum_required: o.flag("ck"),
        checksum_algorithm_member: o.opt_string("cka"),
        last_segment: o.strings("ls"),
        streaming_output: o.flag("so"),
    }
}

fn shape(node: &Node, p: &Problems) -> ShapeFile {
    let (tag, body) = variant(node, "shape", p);
    match tag {
        "b" => return ShapeFile::Boolean,
        "d" => return ShapeFile::Document,
        _ => {}
    }
    let o = Obj::new(body, "shape", p);
    match tag {
        "s" => ShapeFile::String {
            min: o.opt_number("min"),
            max: o.opt_number("max"),
            pattern: o.opt_string("p"),
            values: o.strings("e"),
        },
        "i" => ShapeFile::Integer {
            min: o.opt_number("min"),
            max: o.opt_number("max"),
            long: o.flag("long"),
        },
        "f" => ShapeFile::Float { min: o.opt_number("min"), max: o.opt_number("max") },
        "ts" => ShapeFile::Timestamp { format: o.opt_string("fmt") },
        "bl" => ShapeFile::Blob { min: o.opt_number("min"), max: o.opt_number("max") },
        "l" => ShapeFile::List {
            item: member(o.req("m"), p),
            min: o.opt_number("min"),
            max: o.opt_number("max"),
            flattened: o.flag("fl"),
        },
        "m" => ShapeFile::Map {
            key: member(o.req("k"), p),
            value: member(o.req("v"), p),
            min: o.opt_number("min"),
            max: o.opt_number("max"),
            flattened: o.flag("fl"),
        },
        "st" => ShapeFile::Structure {
            name: o.string("n"),
            members: o.list_or_empty("m", |n| member(n, p)),
        },
        other => p.note(format!("unknown shape kind \"{other}\""), ShapeFile::Boolean),
    }
}

fn operation(node: &Node, p: &Problems) -> OperationFile {
    let o = Obj::new(node, "operation", p);
    OperationFile {
        name: o.string("name"),
        cli: o.opt_string("cli"),
        sdk_method: o.opt_string("py"),
        js_method: o.opt_string("js"),
        summary: o.text_or_empty("summary"),
        input: o.opt_number("input"),
        host_prefix: o.opt_string("hostPrefix"),
        rules: o.list_or_empty("rules", |n| rule(n, p)),
        gaps: o.list_or_empty("gaps", |n| gap(n, p)),
        cli_args: o.list_or_empty("cliArgs", |n| cli_arg(n, p)),
        gaps_v2: o.list_or_empty("gapsV2", |n| gap(n, p)),
        cli_args_v2: o.get("cliArgsV2").map(|_| o.list_or_empty("cliArgsV2", |n| cli_arg(n, p))),
        no_cli_v2: o.flag("noCliV2"),
        custom_args: o.pairs("customArgs"),
        paginated: o.flag("paginated"),
        page_size: o.opt_string("pageSize"),
        page_tokens: o.strings("pageTokens"),
        order: o.strings("order"),
        docs: o.pairs("docs"),
        enum_docs: o.list_or_empty("enumDocs", |t| {
            let [path, value, doc] = tuple::<3>(t, "enumDocs", p);
            (
                text_of(path, "enumDocs", p),
                text_of(value, "enumDocs", p),
                text_of(doc, "enumDocs", p),
            )
        }),
        checks: o.list_or_empty("checks", |t| {
            let [path, c] = tuple::<2>(t, "checks", p);
            (text_of(path, "checks", p), check(c, p))
        }),
        rpc_method: o.opt_string("rpcMethod"),
        http: o.get("http").map(|n| http(n, p)),
        placement: o.pairs("placement"),
        aliyun_cli: o.pairs("aliyunCli"),
        roa_body: o.opt_string("roaBody"),
        roa_unset: o.pairs("roaUnset"),
        py_no_request: o.flag("pyNoRequest"),
        py_path_args: o.strings("pyPathArgs"),
    }
}

fn rule(node: &Node, p: &Problems) -> Rule {
    let (tag, body) = variant(node, "rule", p);
    let o = Obj::new(body, "rule", p);
    match tag {
        "atMostOneOf" => Rule::AtMostOneOf { paths: o.strings("paths") },
        "exactlyOneOf" => Rule::ExactlyOneOf { paths: o.strings("paths") },
        "enumPairs" => {
            let [first, second] = tuple::<2>(o.req("defaults"), "defaults", p);
            Rule::EnumPairs {
                first: o.string("first"),
                second: o.string("second"),
                defaults: (text_of(first, "defaults", p), text_of(second, "defaults", p)),
                allowed: o.pairs("allowed"),
            }
        }
        "forbiddenNumber" => Rule::ForbiddenNumber {
            path: o.string("path"),
            value: o.number("value"),
            message: o.string("message"),
        },
        "advisedMaxItems" => Rule::AdvisedMaxItems {
            path: o.string("path"),
            max: o.number("max"),
            message: o.string("message"),
        },
        other => {
            p.note(format!("unknown rule \"{other}\""), Rule::AtMostOneOf { paths: Vec::new() })
        }
    }
}

fn check(node: &Node, p: &Problems) -> Check {
    let (tag, body) = variant(node, "check", p);
    match tag {
        "arnRegionMatches" => Check::ArnRegionMatches,
        "hostOrIp" => Check::HostOrIp,
        "tcpPort" => Check::TcpPort,
        "json" => Check::Json,
        "arn" => {
            let o = Obj::new(body, "check", p);
            Check::Arn { service: o.string("service"), resource: o.string("resource") }
        }
        "idPrefix" => {
            let o = Obj::new(body, "check", p);
            Check::IdPrefix { prefix: o.string("prefix"), what: o.string("what") }
        }
        other => p.note(format!("unknown check \"{other}\""), Check::TcpPort),
    }
}

fn gap(node: &Node, p: &Problems) -> CliGap {
    let (tag, body) = variant(node, "gap", p);
    let path = text_of(body, "gap", p);
    match tag {
        "unknown" => CliGap::Unknown(path),
        "required" => CliGap::Required(path),
        "operation" => CliGap::Operation(path),
        "preview" => CliGap::Preview(path),
        "uri" => CliGap::Uri(path),
        other => p.note(format!("unknown CLI gap \"{other}\""), CliGap::Unknown(path)),
    }
}

fn cli_arg(node: &Node, p: &Problems) -> CliArg {
    let o = Obj::new(node, "cliArgs", p);
    CliArg {
        member: o.string("member"),
        arg: o.string("arg"),
        bool_pair: o.flag("bool_pair"),
        negative: o.opt_string("negative"),
        value_structure: o.flag("value_structure"),
    }
}

/// The first problem met while reading; every reader goes on with a default after one, and
/// the whole read is refused with it.
#[derive(Default)]
struct Problems(RefCell<Option<String>>);

impl Problems {
    /// Notes `message` (unless an earlier problem was noted) and returns `instead`.
    fn note<T>(&self, message: String, instead: T) -> T {
        let mut first = self.0.borrow_mut();
        if first.is_none() {
            *first = Some(message);
        }
        instead
    }

    /// `value`, unless a problem was noted while reading it.
    fn result<T>(self, value: T) -> Result<T> {
        match self.0.into_inner() {
            Some(problem) => Err(problem),
            None => Ok(value),
        }
    }
}

/// Stands for a missing or misshapen node after its problem is noted.
static NULL: Node = Node::Null;

/// An externally tagged enum value: `"tag"` for a unit variant, `{"tag": body}` otherwise.
fn variant<'a>(node: &'a Node, what: &str, p: &Problems) -> (&'a str, &'a Node) {
    match node {
        Node::Str(tag) => (tag, node),
        Node::Map(pairs) if pairs.len() == 1 => (&pairs[0].0, &pairs[0].1),
        _ => p.note(format!("{what}: expected a tag or a one-key object"), ("", &NULL)),
    }
}

fn text_of(node: &Node, what: &str, p: &Problems) -> String {
    match node {
        Node::Str(text) => text.clone(),
        _ => p.note(format!("{what}: expected a string"), String::new()),
    }
}

fn tuple<'a, const N: usize>(node: &'a Node, what: &str, p: &Problems) -> [&'a Node; N] {
    match node {
        Node::List(items) if items.len() == N => std::array::from_fn(|i| &items[i]),
        _ => p.note(format!("{what}: expected a list of {N}"), [&NULL; N]),
    }
}

fn list<T>(node: &Node, what: &str, p: &Problems, item: impl Fn(&Node) -> T) -> Vec<T> {
    match node {
        // A plain loop: an iterator adapter costs a copy per item type in the wasm.
        Node::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for node in items {
                out.push(item(node));
            }
            out
        }
        _ => p.note(format!("{what}: expected a list"), Vec::new()),
    }
}

/// A number of any integer or float type the format uses, read from the text as written.
trait FromNumber: Sized + Default {
    fn from_text(text: &str) -> Option<Self>;
}

macro_rules! from_number {
    ($($t:ty),*) => {$(impl FromNumber for $t {
        fn from_text(text: &str) -> Option<Self> {
            text.parse().ok()
        }
    })*};
}
from_number!(u32, i64, usize);

impl FromNumber for f64 {
    fn from_text(text: &str) -> Option<Self> {
        crate::core::float::parse(text)
    }
}

/// One JSON object's fields.
struct Obj<'a> {
    pairs: &'a [(String, Node)],
    what: &'static str,
    p: &'a Problems,
}

impl<'a> Obj<'a> {
    fn new(node: &'a Node, what: &'static str, p: &'a Problems) -> Obj<'a> {
        let pairs = match node {
            Node::Map(pairs) => pairs.as_slice(),
            _ => p.note(format!("{what}: expected an object"), &[]),
        };
        Obj { pairs, what, p }
    }

    fn get(&self, key: &str) -> Option<&'a Node> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The field, when it is there and not `null`.
    fn present(&self, key: &str) -> Option<&'a Node> {
        self.get(key).filter(|node| !matches!(node, Node::Null))
    }

    fn req(&self, key: &str) -> &'a Node {
        match self.get(key) {
            Some(node) => node,
            None => self.p.note(format!("{}: missing field `{key}`", self.what), &NULL),
        }
    }

    fn string(&self, key: &str) -> String {
        text_of(self.req(key), key, self.p)
    }

    fn text_or_empty(&self, key: &str) -> String {
        self.opt_string(key).unwrap_or_default()
    }

    fn opt_string(&self, key: &str) -> Option<String> {
        self.present(key).map(|node| text_of(node, key, self.p))
    }

    fn number<T: FromNumber>(&self, key: &str) -> T {
        match self.opt_number(key) {
            Some(number) => number,
            None => self.p.note(format!("{}: missing field `{key}`", self.what), T::default()),
        }
    }

    fn opt_number<T: FromNumber>(&self, key: &str) -> Option<T> {
        let text = self.number_text(key)?;
        Some(T::from_text(text).unwrap_or_else(|| {
            self.p.note(format!("{key}: {text} is out of range"), ());
            T::default()
        }))
    }

    /// The text of a number field (the part of `opt_number` that is the same for every type).
    fn number_text(&self, key: &str) -> Option<&'a str> {
        match self.present(key)? {
            Node::Num(text) => Some(text),
            _ => self.p.note(format!("{key}: expected a number"), Some("0")),
        }
    }

    fn flag(&self, key: &str) -> bool {
        match self.get(key) {
            None => false,
            Some(Node::Bool(b)) => *b,
            Some(_) => self.p.note(format!("{key}: expected true or false"), false),
        }
    }

    fn list<T>(&self, key: &str, item: impl Fn(&Node) -> T) -> Vec<T> {
        list(self.req(key), key, self.p, item)
    }

    fn list_or_empty<T>(&self, key: &str, item: impl Fn(&Node) -> T) -> Vec<T> {
        match self.get(key) {
            None => Vec::new(),
            Some(node) => list(node, key, self.p, item),
        }
    }

    fn strings(&self, key: &str) -> Vec<String> {
        self.list_or_empty(key, |n| text_of(n, key, self.p))
    }

    fn strings_required(&self, key: &str) -> Vec<String> {
        self.list(key, |n| text_of(n, key, self.p))
    }

    fn pairs(&self, key: &str) -> Vec<(String, String)> {
        self.list_or_empty(key, |pair| {
            let [a, b] = tuple::<2>(pair, key, self.p);
            (text_of(a, key, self.p), text_of(b, key, self.p))
        })
    }
}
