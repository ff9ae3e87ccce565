//! Reads the compiled model files (`core::modelfile`) and the operations index from a JSON
//! tree, by hand.
//!
//! Why not serde's derived `Deserialize`: in the page every derived type is compiled once per
//! shape of serde_json's parser, which made the model reader a tenth of the wasm module. Here
//! serde_json parses the text once into the untyped tree that paste already uses
//! (`paste::tree::Node`), and small functions pick the fields out. The derives stay for the
//! compiler and the tests: `tests/model_decode.rs` checks that both readers agree on every
//! compiled file, so a field added to the format and not read here fails there.
//!
//! Absent fields take the format's defaults, unknown fields are ignored (as serde does).

use super::model::{Check, CliArg, CliGap, Cloud, Endpoints, Location, Rule};
use super::modelfile::{
    HttpFile, IndexService, MemberFile, OperationFile, ProtocolFile, ServiceFile, ShapeFile, XmlNamespaceFile,
};
use super::paste::tree::{parse_json, Node};

type Result<T> = std::result::Result<T, String>;

/// Parses a service file.
pub fn service_file(text: &str) -> Result<ServiceFile> {
    let tree = parse_json(text).map_err(|e| format!("the model file is not valid: {} at byte {}", e.message, e.offset))?;
    service(&tree).map_err(|e| format!("the model file is not valid: {e}"))
}

/// Parses the operations index.
pub fn index_file(text: &str) -> Result<Vec<IndexService>> {
    let tree = parse_json(text).map_err(|e| format!("the operations index is not valid: {} at byte {}", e.message, e.offset))?;
    list(&tree, "index", |entry| {
        let o = Obj::new(entry, "index entry")?;
        Ok(IndexService {
            cloud: cloud(o.req("cloud")?)?,
            service: o.string("service")?,
            title: o.string("title")?,
            ops: o.list("ops", |op| {
                let [name, cli, summary] = tuple::<3>(op, "ops")?;
                Ok((text_of(name, "ops")?, text_of(cli, "ops")?, text_of(summary, "ops")?))
            })?,
        })
    })
}

fn service(tree: &Node) -> Result<ServiceFile> {
    let o = Obj::new(tree, "service")?;
    Ok(ServiceFile {
        format: o.number("format")?,
        cloud: cloud(o.req("cloud")?)?,
        service: o.string("service")?,
        title: o.string("title")?,
        signing_name: o.string("signingName")?,
        protocol: protocol(o.req("protocol")?)?,
        endpoints: endpoints(o.req("endpoints")?)?,
        shapes: o.list("shapes", shape)?,
        operations: o.list("operations", operation)?,
        hints: o.pairs("hints")?,
    })
}

fn cloud(node: &Node) -> Result<Cloud> {
    match text_of(node, "cloud")?.as_str() {
        "aws" => Ok(Cloud::Aws),
        "aliyun" => Ok(Cloud::Aliyun),
        other => Err(format!("unknown cloud {other:?}")),
    }
}

fn protocol(node: &Node) -> Result<ProtocolFile> {
    let (tag, body) = variant(node, "protocol")?;
    let o = Obj::new(body, "protocol")?;
    Ok(match tag {
        "json" => ProtocolFile::Json {
            json_version: o.string("jsonVersion")?,
            target_prefix: o.string("targetPrefix")?,
            query_compatible: o.flag("queryCompatible")?,
        },
        "query" => ProtocolFile::Query { api_version: o.string("apiVersion")? },
        "ec2" => ProtocolFile::Ec2 { api_version: o.string("apiVersion")? },
        "rpc" => ProtocolFile::Rpc { version: o.string("version")? },
        "restJson" => ProtocolFile::RestJson { api_version: o.string("apiVersion")? },
        "restXml" => ProtocolFile::RestXml { api_version: o.string("apiVersion")? },
        other => return Err(format!("unknown protocol {other:?}")),
    })
}

fn endpoints(node: &Node) -> Result<Endpoints> {
    let o = Obj::new(node, "endpoints")?;
    Ok(Endpoints { regions: o.list("regions", |r| text_of(r, "regions"))?, templates: o.pairs("templates")?, overrides: o.pairs("overrides")? })
}

fn member(node: &Node) -> Result<MemberFile> {
    let o = Obj::new(node, "member")?;
    Ok(MemberFile {
        name: o.text_or_empty("n")?,
        shape: o.number("s")?,
        required: o.flag("r")?,
        location_name: o.opt_string("ln")?,
        query_name: o.opt_string("qn")?,
        doc: o.text_or_empty("d")?,
        host_label: o.flag("hl")?,
        idempotency_token: o.flag("it")?,
        location: match o.get("loc") {
            None | Some(Node::Null) => None,
            Some(node) => Some(location(node)?),
        },
        xml_attribute: o.flag("xa")?,
        xml_namespace: o.get("xns").map(xml_namespace).transpose()?,
        json_value: o.flag("jv")?,
        flattened: o.flag("fl")?,
        streaming: o.flag("sm")?,
    })
}

fn location(node: &Node) -> Result<Location> {
    Ok(match text_of(node, "loc")?.as_str() {
        "uri" => Location::Uri,
        "querystring" => Location::Querystring,
        "header" => Location::Header,
        "headers" => Location::Headers,
        "statusCode" => Location::StatusCode,
        other => return Err(format!("unknown location {other:?}")),
    })
}

fn xml_namespace(node: &Node) -> Result<XmlNamespaceFile> {
    let o = Obj::new(node, "xmlNamespace")?;
    Ok(XmlNamespaceFile { prefix: o.text_or_empty("p")?, uri: o.string("u")? })
}

fn http(node: &Node) -> Result<HttpFile> {
    let o = Obj::new(node, "http")?;
    Ok(HttpFile {
        method: o.string("m")?,
        request_uri: o.string("u")?,
        payload: o.opt_string("pl")?,
        xml_root: o.opt_string("root")?,
        xml_namespace: o.get("xns").map(xml_namespace).transpose()?,
        checksum_required: o.flag("ck")?,
        checksum_algorithm_member: o.opt_string("cka")?,
        last_segment: o.strings("ls")?,
        streaming_output: o.flag("so")?,
    })
}

fn shape(node: &Node) -> Result<ShapeFile> {
    let (tag, body) = variant(node, "shape")?;
    match tag {
        "b" => return Ok(ShapeFile::Boolean),
        "d" => return Ok(ShapeFile::Document),
        _ => {}
    }
    let o = Obj::new(body, "shape")?;
    Ok(match tag {
        "s" => ShapeFile::String {
            min: o.opt_number("min")?,
            max: o.opt_number("max")?,
            pattern: o.opt_string("p")?,
            values: o.strings("e")?,
        },
        "i" => ShapeFile::Integer { min: o.opt_number("min")?, max: o.opt_number("max")?, long: o.flag("long")? },
        "f" => ShapeFile::Float { min: o.opt_number("min")?, max: o.opt_number("max")? },
        "ts" => ShapeFile::Timestamp { format: o.opt_string("fmt")? },
        "bl" => ShapeFile::Blob { min: o.opt_number("min")?, max: o.opt_number("max")? },
        "l" => ShapeFile::List {
            item: member(o.req("m")?)?,
            min: o.opt_number("min")?,
            max: o.opt_number("max")?,
            flattened: o.flag("fl")?,
        },
        "m" => ShapeFile::Map {
            key: member(o.req("k")?)?,
            value: member(o.req("v")?)?,
            min: o.opt_number("min")?,
            max: o.opt_number("max")?,
            flattened: o.flag("fl")?,
        },
        "st" => ShapeFile::Structure { name: o.string("n")?, members: o.list_or_empty("m", member)? },
        other => return Err(format!("unknown shape kind {other:?}")),
    })
}

fn operation(node: &Node) -> Result<OperationFile> {
    let o = Obj::new(node, "operation")?;
    Ok(OperationFile {
        name: o.string("name")?,
        cli: o.opt_string("cli")?,
        summary: o.text_or_empty("summary")?,
        input: o.opt_number("input")?,
        host_prefix: o.opt_string("hostPrefix")?,
        rules: o.list_or_empty("rules", rule)?,
        gaps: o.list_or_empty("gaps", gap)?,
        cli_args: o.list_or_empty("cliArgs", cli_arg)?,
        paginated: o.flag("paginated")?,
        order: o.strings("order")?,
        docs: o.pairs("docs")?,
        enum_docs: o.list_or_empty("enumDocs", |t| {
            let [path, value, doc] = tuple::<3>(t, "enumDocs")?;
            Ok((text_of(path, "enumDocs")?, text_of(value, "enumDocs")?, text_of(doc, "enumDocs")?))
        })?,
        checks: o.list_or_empty("checks", |t| {
            let [path, c] = tuple::<2>(t, "checks")?;
            Ok((text_of(path, "checks")?, check(c)?))
        })?,
        rpc_method: o.opt_string("rpcMethod")?,
        http: o.get("http").map(http).transpose()?,
        placement: o.pairs("placement")?,
    })
}

fn rule(node: &Node) -> Result<Rule> {
    let (tag, body) = variant(node, "rule")?;
    let o = Obj::new(body, "rule")?;
    Ok(match tag {
        "atMostOneOf" => Rule::AtMostOneOf { paths: o.strings("paths")? },
        "exactlyOneOf" => Rule::ExactlyOneOf { paths: o.strings("paths")? },
        "enumPairs" => {
            let [first, second] = tuple::<2>(o.req("defaults")?, "defaults")?;
            Rule::EnumPairs {
                first: o.string("first")?,
                second: o.string("second")?,
                defaults: (text_of(first, "defaults")?, text_of(second, "defaults")?),
                allowed: o.pairs("allowed")?,
            }
        }
        "forbiddenNumber" => Rule::ForbiddenNumber { path: o.string("path")?, value: o.number("value")?, message: o.string("message")? },
        "advisedMaxItems" => Rule::AdvisedMaxItems { path: o.string("path")?, max: o.number("max")?, message: o.string("message")? },
        other => return Err(format!("unknown rule {other:?}")),
    })
}

fn check(node: &Node) -> Result<Check> {
    let (tag, body) = variant(node, "check")?;
    Ok(match tag {
        "arnRegionMatches" => Check::ArnRegionMatches,
        "hostOrIp" => Check::HostOrIp,
        "tcpPort" => Check::TcpPort,
        "arn" => {
            let o = Obj::new(body, "check")?;
            Check::Arn { service: o.string("service")?, resource: o.string("resource")? }
        }
        "idPrefix" => {
            let o = Obj::new(body, "check")?;
            Check::IdPrefix { prefix: o.string("prefix")?, what: o.string("what")? }
        }
        other => return Err(format!("unknown check {other:?}")),
    })
}

fn gap(node: &Node) -> Result<CliGap> {
    let (tag, body) = variant(node, "gap")?;
    let path = text_of(body, "gap")?;
    Ok(match tag {
        "unknown" => CliGap::Unknown(path),
        "required" => CliGap::Required(path),
        "operation" => CliGap::Operation(path),
        "preview" => CliGap::Preview(path),
        "uri" => CliGap::Uri(path),
        other => return Err(format!("unknown CLI gap {other:?}")),
    })
}

fn cli_arg(node: &Node) -> Result<CliArg> {
    let o = Obj::new(node, "cliArgs")?;
    Ok(CliArg {
        member: o.string("member")?,
        arg: o.string("arg")?,
        bool_pair: o.flag("bool_pair")?,
        negative: o.opt_string("negative")?,
        value_structure: o.flag("value_structure")?,
    })
}

/// An externally tagged enum value: `"tag"` for a unit variant, `{"tag": body}` otherwise.
fn variant<'a>(node: &'a Node, what: &str) -> Result<(&'a str, &'a Node)> {
    match node {
        Node::Str(tag) => Ok((tag, node)),
        Node::Map(pairs) if pairs.len() == 1 => Ok((&pairs[0].0, &pairs[0].1)),
        _ => Err(format!("{what}: expected a tag or a one-key object")),
    }
}

fn text_of(node: &Node, what: &str) -> Result<String> {
    match node {
        Node::Str(text) => Ok(text.clone()),
        _ => Err(format!("{what}: expected a string")),
    }
}

fn tuple<'a, const N: usize>(node: &'a Node, what: &str) -> Result<[&'a Node; N]> {
    match node {
        Node::List(items) if items.len() == N => Ok(std::array::from_fn(|i| &items[i])),
        _ => Err(format!("{what}: expected a list of {N}")),
    }
}

fn list<T>(node: &Node, what: &str, item: impl Fn(&Node) -> Result<T>) -> Result<Vec<T>> {
    match node {
        Node::List(items) => {
            // A plain loop: `collect` into a `Result` costs an adapter per item type in the wasm.
            let mut out = Vec::with_capacity(items.len());
            for node in items {
                out.push(item(node)?);
            }
            Ok(out)
        }
        _ => Err(format!("{what}: expected a list")),
    }
}

/// A number of any integer or float type the format uses, read from the text as written.
trait FromNumber: Sized {
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
        super::float::parse(text)
    }
}

/// One JSON object's fields.
struct Obj<'a> {
    pairs: &'a [(String, Node)],
    what: &'static str,
}

impl<'a> Obj<'a> {
    fn new(node: &'a Node, what: &'static str) -> Result<Obj<'a>> {
        match node {
            Node::Map(pairs) => Ok(Obj { pairs, what }),
            _ => Err(format!("{what}: expected an object")),
        }
    }

    fn get(&self, key: &str) -> Option<&'a Node> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn req(&self, key: &str) -> Result<&'a Node> {
        self.get(key).ok_or_else(|| format!("{}: missing field `{key}`", self.what))
    }

    fn string(&self, key: &str) -> Result<String> {
        text_of(self.req(key)?, key)
    }

    fn text_or_empty(&self, key: &str) -> Result<String> {
        Ok(self.opt_string(key)?.unwrap_or_default())
    }

    fn opt_string(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None | Some(Node::Null) => Ok(None),
            Some(node) => text_of(node, key).map(Some),
        }
    }

    fn number<T: FromNumber>(&self, key: &str) -> Result<T> {
        self.opt_number(key)?.ok_or_else(|| format!("{}: missing field `{key}`", self.what))
    }

    fn opt_number<T: FromNumber>(&self, key: &str) -> Result<Option<T>> {
        match self.get(key) {
            None | Some(Node::Null) => Ok(None),
            Some(Node::Num(text)) => T::from_text(text).map(Some).ok_or_else(|| format!("{key}: {text} is out of range")),
            Some(_) => Err(format!("{key}: expected a number")),
        }
    }

    fn flag(&self, key: &str) -> Result<bool> {
        match self.get(key) {
            None => Ok(false),
            Some(Node::Bool(b)) => Ok(*b),
            Some(_) => Err(format!("{key}: expected true or false")),
        }
    }

    fn list<T>(&self, key: &str, item: impl Fn(&Node) -> Result<T>) -> Result<Vec<T>> {
        list(self.req(key)?, key, item)
    }

    fn list_or_empty<T>(&self, key: &str, item: impl Fn(&Node) -> Result<T>) -> Result<Vec<T>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(node) => list(node, key, item),
        }
    }

    fn strings(&self, key: &str) -> Result<Vec<String>> {
        self.list_or_empty(key, |n| text_of(n, key))
    }

    fn pairs(&self, key: &str) -> Result<Vec<(String, String)>> {
        self.list_or_empty(key, |pair| {
            let [a, b] = tuple::<2>(pair, key)?;
            Ok((text_of(a, key)?, text_of(b, key)?))
        })
    }
}
