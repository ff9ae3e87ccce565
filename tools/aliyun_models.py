#!/usr/bin/env python
"""Extract every operation of the pinned Alibaba Cloud SDK packages into the page's model format.

Run with the project venv's interpreter (it has the packages pinned in modeldata/PINS):

    .venv/bin/python tools/aliyun_models.py --pins modeldata/PINS --out DIR \
        [--cache .cache/aliyun-models] [--meta METADATA] [--jobs 2] [--product smc ...]

Each product is extracted in a worker process (``--jobs``); with ``--cache`` its result is kept as
``<package>-<version>-<tool hash>.json`` (the hash covers this file, the SDK runtime's versions and
the CLI metadata), so an unchanged pin is not extracted again. A product that fails (an import
error, a client that signs through a gateway package, a timeout) is written to ``failed.json``
with the reason and the others go on. ``--meta``: the ``aliyun`` CLI's metadata folder
(``metadatas/``), for ROA path label names and a check of each ROA method and path against it.

Operations are read by introspecting the installed SDK, never by parsing its code: for each
``<operation>_with_options`` method of a product's ``Client`` the script builds the request model
with every field set (distinct values, nested models and lists filled one level per item) and
calls the method through a client whose ``call_api`` is replaced by a recorder. What the recorder
receives is what the SDK would send: the action, version, method, path, style (RPC or ROA), the
flattened ``query`` and ``body`` maps. Each top-level member is then placed by where its keys
landed (query or formData body) and how its value was written (flattened ``Key.1.Name``, a JSON
string for the SDK's ``json`` shrink style, or a comma list for ``simple``). Types come from the
request models' type hints; required flags and one-line docs from the comments the generator
writes above each field (``This parameter is required.``), read with ``tokenize``. Endpoints per
region are what each client resolves (its ``_endpoint_map`` and endpoint rule), by constructing
the client for each region.

The Python SDK's own names, for the page's `out-python` program (`core::sdk::aliyun_python`):
the package (the service's ``sdk``), the module of the ``RuntimeOptions`` class its client's
``runtime`` parameters take (``pyrt``: ``darabonba.runtime`` or Tea's
``alibabacloud_tea_util.models``), and, only where the SDK's name is not the generator's rule
(``python_name``, also in ``core::model::names::aliyun_python``), a method (the operation's
``py``) or a model attribute (the member's ``py``). Request and nested model classes are the
structure names (each class is checked to be exported as ``<package>.models.<name>``).

The JavaScript SDK's names, for `out-js` (`core::sdk::aliyun_js`), come from
``modeldata/aliyun-npm/names.json`` (written by tools/aliyun_js_pins.py from the pinned npm
packages): the service's ``npm`` package and, where it is usable, its ``npmv`` version; an
operation's or member's ``js`` name where the package is not the rule (``-``: it has none).

ROA operations (``style`` ROA) are recorded too: each path argument is filled with a marker and
mapped back to a ``{Label}`` in the template, and each member is placed (query key, header name,
top-level body key, or the whole body) by calling the SDK with it and without it. The older
clients that call ``do_rpcrequest``/``do_roarequest`` themselves are recorded the same way;
nothing the SDK does reaches the network. See docs/aliyun-roa.md for the format.

Output: one file per RPC product in the compiled model format (``src/core/model/format.rs``,
cloud ``aliyun``, protocol ``rpc``), one per ROA product in ``roa/`` (protocol ``roa``, op
``http`` and ``xroa``), ``summary.json`` (operations per product, the ROA and skipped ones),
``roa/summary.json`` (ROA counts, extras, the CLI metadata check), ``failed.json`` and
``timings.json`` (seconds per extracted product).
"""

import argparse
import functools
import hashlib
import importlib
import importlib.metadata
import inspect
import io
import json
import keyword
import multiprocessing
import os
import re
import signal
import sys
import time
import tokenize
import traceback
import typing
import urllib.parse

PRODUCT = re.compile(r"^(alibabacloud_[a-z0-9_]+?)(\d{8})==(\S+)\s*(?:#\s*(.*))?$")
PUBLIC_REGION = re.compile(r"^(cn|ap|eu|us|me|na|sa|af)-[a-z]+(-\d+)?$")
INTERNAL = ("finance", "gov", "pop", "test", "share", "edge", "inner")
# Alibaba Cloud's public regions, offered for every product (the SDKs carry no region list; the
# public regions of each product's endpoint map, and of its `regional_endpoints` in the aliyun
# CLI's products.json, are added). Each region's host is then what the product's client resolves
# for it.
BASE_REGIONS = [
    "cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-qingdao", "cn-zhangjiakou",
    "cn-huhehaote", "cn-wulanchabu", "cn-chengdu", "cn-heyuan", "cn-guangzhou", "cn-hongkong",
    "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ap-northeast-1", "ap-northeast-2", "ap-south-1", "eu-central-1", "eu-west-1", "us-east-1",
    "us-west-1", "me-east-1", "me-central-1",
]


def python_name(name):
    """The SDK generator's snake_case of an API name (`DBInstanceId` -> `dbinstance_id`,
    `Ipv6Address` -> `ipv_6address`), a keyword getting a trailing `_` (`From` -> `from_`).
    The page applies the same rule (`core::model::names::aliyun_python`); where the SDK names
    otherwise (`VSwitchId` -> `v_switch_id`) the model records the SDK's name."""
    snake = re.sub(r"([a-z])([A-Z0-9])", r"\1_\2", name).lower()
    return snake + "_" if keyword.iskeyword(snake) else snake


class Recorded(Exception):
    """Raised by the recording transport: the SDK got as far as sending."""


class Refused(Exception):
    """An operation (or a product) the page's format or assumptions cannot take: skipped, with
    this reason."""


def read_pins(path):
    products = []
    for line in open(path, encoding="utf-8"):
        match = PRODUCT.match(line.strip())
        if match:
            products.append((match.group(1) + match.group(2), match.group(3), (match.group(4) or "").strip()))
    return products


def field_comments(cls):
    """Comment lines above each `self.<field> = ` assignment of the model's __init__, read with
    tokenize (the generator writes the field's documentation there, nowhere else)."""
    try:
        source = inspect.getsource(cls.__init__)
    except (OSError, TypeError):
        return {}
    comments, pending, line_tokens = {}, [], []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            pending.append(tok.string.lstrip("#").strip())
        elif tok.type in (tokenize.NEWLINE, tokenize.NL):
            text = [t.string for t in line_tokens]
            if len(text) >= 4 and text[0] == "self" and text[1] == "." and text[3] == "=":
                comments[text[2]] = pending
                pending = []
            elif text:
                pending = []
            line_tokens = []
        elif tok.type not in (tokenize.INDENT, tokenize.DEDENT):
            line_tokens.append(tok)
    return comments


def first_sentence(lines):
    text = " ".join(l for l in lines if l and not l.startswith("**") and "This parameter is required." not in l)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return ""
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence[:300]


class _Probe:
    """A stand-in value whose serialization shows which to_map() key a field writes."""

    def to_map(self):
        return {"probe": True}

    def validate(self):
        pass


def probe_for(hint):
    """A probe shaped as the field's type, so to_map() can walk it: a map of lists of models
    (`Dict[str, List[SessionNetworkRule]]`) iterates its values, which a bare probe is not."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (list, typing.List):
        return [probe_for(args[0]) if args else _Probe()]
    if origin in (dict, typing.Dict):
        return {"k": probe_for(args[1]) if len(args) > 1 else _Probe()}
    return _Probe()


@functools.lru_cache(maxsize=None)
def model_fields(cls):
    """(attribute, wire name, type) of a Tea/Dara model, in the order of its to_map(). The wire
    name is the to_map() key whose value changes when only that field is set (some generated
    models write empty lists for unset list fields, so key presence alone does not tell)."""
    hints = typing.get_type_hints(cls.__init__, globalns=sys.modules[cls.__module__].__dict__)
    params = [p for p in inspect.signature(cls.__init__).parameters if p != "self"]
    base = cls().to_map()
    fields = []
    for attr in params:
        hint = hints.get(attr, str)
        instance = cls()
        setattr(instance, attr, probe_for(hint))
        try:
            result = instance.to_map()
        except Exception:
            continue
        changed = [k for k in result if k not in base or result[k] != base[k]]
        if len(changed) == 1:
            fields.append((list(result).index(changed[0]), attr, changed[0], hint))
    return [(attr, wire, hint) for _, attr, wire, hint in sorted(fields, key=lambda f: f[0])]


class Filler:
    """Builds a request model with every field set to a distinct value."""

    def __init__(self):
        self.n = 0

    def value(self, hint, depth):
        self.n += 1
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if hint is str:
            return f"v{self.n}"
        if hint is bool:
            return True
        if hint is int:
            return 1000 + self.n
        if hint is float:
            return self.n + 0.5
        if origin in (list, typing.List):
            item = self.value(args[0] if args else str, depth + 1)
            return None if item is None else [item]
        if origin in (dict, typing.Dict):
            inner = self.value(args[1] if len(args) > 1 else str, depth + 1)
            return None if inner is None else {f"k{self.n}": inner}
        if inspect.isclass(hint) and hasattr(hint, "to_map") and hasattr(hint, "from_map"):
            if depth > 6:
                return None
            model = hint()
            for attr, _, sub in model_fields(hint):
                setattr(model, attr, self.value(sub, depth + 1))
            return model
        if hint is typing.Any:
            # A free document: an object, so that how the SDK writes it shows (one JSON text, the
            # `json` style, or flattened by its keys); a string would read the same either way.
            return {f"k{self.n}": f"v{self.n}"}
        return None  # streams: upload ("advance") operations only


class Shapes:
    """The shape table of one product, shared between operations."""

    def __init__(self, rpc=True):
        self.shapes, self.index, self.rpc = [], {}, rpc

    def add(self, key, shape):
        if key not in self.index:
            self.index[key] = len(self.shapes)
            self.shapes.append(shape)
        return self.index[key]

    def of(self, hint, stack):
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if hint is str:
            return self.add("s", {"s": {}})
        if hint is bool:
            return self.add("b", "b")
        if hint is int:
            return self.add("i", {"i": {"long": True}})
        if hint is float:
            return self.add("f", {"f": {}})
        if origin in (list, typing.List):
            item = self.of(args[0] if args else str, stack)
            return self.add(("l", item), {"l": {"m": {"s": item}}})
        if origin in (dict, typing.Dict):
            key = self.of(str, stack)
            value = self.of(args[1] if len(args) > 1 else str, stack)
            return self.add(("m", value), {"m": {"k": {"s": key}, "v": {"s": value}}})
        if inspect.isclass(hint) and hasattr(hint, "to_map"):
            name = hint.__name__
            exported(hint)
            if ("st", name) in self.index:
                return self.index[("st", name)]
            slot = self.add(("st", name), None)
            try:
                self.shapes[slot] = {"st": {"n": name, "m": members(self, hint, stack + [name], rpc=self.rpc)}}
            except Refused:
                # The operation is skipped; the slot stays a valid (unused) shape.
                self.shapes[slot] = {"st": {"n": name, "m": []}}
                del self.index[("st", name)]
                raise
            return slot
        if hint is typing.Any:
            return self.add("d", "d")
        return self.add("s", {"s": {}})


def exported(cls):
    """Checks that a model class is its package's `models.<name>` (the page writes it so)."""
    package = cls.__module__.split(".")[0]
    if getattr(importlib.import_module(package + ".models"), cls.__name__, None) is not cls:
        raise Refused(f"{cls.__module__}.{cls.__name__} is not {package}.models.{cls.__name__}")


def members(shapes, cls, stack, only=None, rpc=True):
    """The members of model `cls` in the model format; `only`: the wire names to keep; `rpc`:
    check the RPC writer's assumption about JSON-text parameters."""
    comments = field_comments(cls)
    out = []
    always = set(cls().to_map())
    for attr, wire, hint in model_fields(cls):
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        list_of_models = is_list_of_models(hint)
        if rpc and (wire in always) != bool(list_of_models):
            # The page writes JSON-text parameters on this rule (core::wire::aliyun_rpc::sdk_json).
            raise Refused(f"{cls.__name__}.{attr}: to_map() writes it when unset: {wire in always}; the page assumes "
                     f"exactly the lists of structures are (update sdk_json)")
        if only is not None and wire not in only:
            continue
        scalar = hint in (str, int, float, bool, typing.Any)
        if not (scalar or typing.get_origin(hint) or hasattr(hint, "to_map")):
            continue  # streams of upload ("advance") variants: not a request parameter
        lines = comments.get(attr, [])
        member = {"n": wire, "s": shapes.of(hint, stack)}
        if attr != python_name(wire):
            member["py"] = attr
        if any("This parameter is required." in l for l in lines):
            member["r"] = True
        doc = first_sentence(lines)
        if doc:
            member["d"] = doc
        out.append(member)
    return out


def is_list_of_models(hint):
    """A list of request models, or of lists of them (eventbridge's `MatchRules`): what the
    models' to_map() writes as `[]` when unset (core::wire::aliyun_rpc::list_of_structures)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin not in (list, typing.List) or not args:
        return False
    return hasattr(args[0], "to_map") or is_list_of_models(args[0])


def summary_of(method):
    doc = inspect.getdoc(method) or ""
    match = re.search(r"@summary\s+(.+?)(?:\n\s*\n|\n@|$)", doc, re.S)
    return re.sub(r"\s+", " ", match.group(1)).strip() if match else ""


def placement(wire, value, recorded_query, recorded_body):
    """Where the SDK put member `wire` and how: (where, style) or None when it sent nothing."""
    for where, recorded in (("query", recorded_query), ("body", recorded_body)):
        keys = [k for k in recorded if k == wire or k.startswith(wire + ".")]
        if not keys:
            continue
        if keys == [wire] and isinstance(value, (list, dict)) or keys == [wire] and hasattr(value, "to_map"):
            text = recorded[wire]
            if isinstance(text, str) and text.startswith(("[", "{")):
                return where, "json"
            if isinstance(value, list) and text == ",".join(map(str, value)):
                return where, "simple"
            return where, "?"
        return where, "flat"
    return None


def flatten_body(body):
    from alibabacloud_openapi_util.client import Client as OpenApiUtil
    return OpenApiUtil.query(body) if body else {}


def merge_js(service, npm):
    """Adds the npm package's names (tools/aliyun_js_pins.py's names.json entry) to a service."""
    if not npm:
        return
    service["npm"] = npm["package"]
    if "none" in npm:
        return
    service["npmv"] = npm["version"]
    for op in service["operations"]:
        if op["name"] in npm["ops"]:
            op["js"] = npm["ops"][op["name"]]
    for shape in service["shapes"]:
        if isinstance(shape, dict) and "st" in shape:
            for member in shape["st"]["m"]:
                found = npm["members"].get(f"{shape['st']['n']}.{member['n']}")
                if found is not None:
                    member["js"] = found


def cli_regions(meta_dir, code):
    """The regions the aliyun CLI's products.json lists for a product (`regional_endpoints`,
    matched by the product code as its metadata folders are), or none without the metadata."""
    path = os.path.join(meta_dir or "", "products.json")
    if not meta_dir or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        products = json.load(f)["products"]
    return sorted(region for product in products if product["code"].lower() == code.lower()
                  for region in (product.get("regional_endpoints") or {}))


def endpoints_of(Client, open_api_models, package, meta_dir=None):
    """(product code, endpoints, a client for cn-hangzhou) as the client resolves them, for the
    public regions of Alibaba's list, the SDK's endpoint map and the CLI's products.json."""
    if not hasattr(Client, "get_endpoint"):
        spi = re.findall(r"alibabacloud_gateway_[a-z_]+", inspect.getsource(sys.modules[Client.__module__]))
        raise Refused(f"its client signs and sends through a gateway ({', '.join(sorted(set(spi))) or 'its own'}), "
                      f"not the common OpenAPI client's call_api")
    product = {}
    original = Client.get_endpoint

    def spy(self, product_id, region_id, rule, network, suffix, endpoint_map, endpoint):
        product.update(id=product_id, rule=rule, map=dict(endpoint_map or {}))
        return original(self, product_id, region_id, rule, network, suffix, endpoint_map, endpoint)

    Client.get_endpoint = spy
    try:
        hosts = {}
        client = Client(open_api_models.Config(access_key_id="AK", access_key_secret="SK", region_id="cn-hangzhou"))
        if "id" not in product:
            raise Refused("its client resolves no endpoint (get_endpoint is never called)")
        known = sorted(product["map"]) + cli_regions(meta_dir, product["id"])
        public = [r for r in known if PUBLIC_REGION.match(r) and not any(w in r for w in INTERNAL)]
        regions = list(dict.fromkeys(BASE_REGIONS + public))
        for region in regions:
            hosts[region] = Client(open_api_models.Config(access_key_id="AK", access_key_secret="SK", region_id=region))._endpoint
    finally:
        Client.get_endpoint = original
    code = product["id"]
    central = f"{code}.aliyuncs.com"
    regional = f"{code}.{{region}}.aliyuncs.com"
    template = central if product["rule"] == "central" else regional
    overrides = [[r, h] for r, h in hosts.items() if h != template.replace("{region}", r)]
    # The page shows the SDK's host; the proxy also accepts the product's other rule.
    templates = [["", template], ["", regional if template == central else central]]
    return code, {"regions": regions, "templates": templates, "overrides": overrides}, client


def mapped(value):
    """A filled value as the SDK's parse_to_map writes it into a JSON body."""
    if hasattr(value, "to_map"):
        return value.to_map()
    if isinstance(value, list):
        return [mapped(v) for v in value]
    if isinstance(value, dict):
        return {k: mapped(v) for k, v in value.items()}
    return value


def same(a, b):
    return json.dumps(a, sort_keys=True, default=repr) == json.dumps(b, sort_keys=True, default=repr)


def changed(full, without):
    """The keys of map `full` that are gone or different in `without`."""
    without = without if isinstance(without, dict) else {}
    return [k for k in full if k not in without or not same(without[k], full[k])]


def text_style(value, text):
    """How a value was written as one text: json, simple (a comma list) or ?; for a scalar, None
    when it is Python's str() of it (a boolean: `True`), json when JSON's (`true`)."""
    if not isinstance(value, (list, dict)) and not hasattr(value, "to_map"):
        if text == value or text == str(value):
            return None
        return "json" if text == json.dumps(value) else "?"
    if isinstance(text, str) and text.startswith(("[", "{")):
        return "json"
    if isinstance(value, list) and text == ",".join(map(str, value)):
        return "simple"
    return "?"


def landed(value, full, without):
    """Where one member went, comparing the request with it (full) and without it: a list of
    (loc, wire name, style) with loc querystring, header, body, payload or stream."""
    _, req = full
    _, req2 = without
    out = []
    for loc, a, b in (("querystring", req.query or {}, req2.query or {}), ("header", req.headers or {}, req2.headers or {})):
        keys = changed(a, b)
        if keys:
            if len(keys) == 1:
                out.append((loc, keys[0], text_style(value, a[keys[0]])))
            else:
                out.append((loc, os.path.commonprefix([k + "." for k in keys]).split(".")[0], "flat"))
    body, body2 = req.body, req2.body
    if body is not None:
        if (body2 is None or body2 in ({}, [], "")) and (not isinstance(body, dict) or same(body, mapped(value))):
            out.append(("payload", None, None))
        elif isinstance(body, dict):
            keys = changed(body, body2)
            if len(keys) == 1:
                # A structured member the SDK writes into the body as one text (its "shrink"
                # JSON, a comma list), as it does in the query.
                sent = body[keys[0]]
                structured = isinstance(value, (list, dict)) or hasattr(value, "to_map")
                out.append(("body", keys[0], text_style(value, sent) if structured and isinstance(sent, str) else None))
            elif keys:
                out.append(("body", os.path.commonprefix([k + "." for k in keys]).split(".")[0], "flat"))
    if getattr(req, "stream", None) is not None and getattr(req2, "stream", None) is None:
        out.append(("stream", None, None))
    return out


def meta_labels(meta_dir, code, action):
    """The aliyun CLI metadata's Path parameters and pathPattern of one API, if there."""
    if not meta_dir:
        return [], None, None
    path = os.path.join(meta_dir, code.lower(), action + ".json")
    if not os.path.exists(path):
        return [], None, None
    api = json.load(open(path, encoding="utf-8"))
    names = [p["name"] for p in api.get("parameters", []) if p.get("position") == "Path"]
    return names, api.get("method"), api.get("pathPattern")


def squash(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def roa_operation(client, Client, client_module, method_name, calls, shapes, runtimes, code, meta_dir):
    """One ROA operation: what the SDK sends, with each path argument filled with a marker and
    each member placed by comparing the request with and without it."""
    fn = getattr(Client, method_name)
    hints = typing.get_type_hints(fn, globalns=client_module.__dict__)
    spec, request_cls, headers_cls = [], None, None
    for i, p in enumerate(p for p in inspect.signature(fn).parameters if p != "self"):
        hint = hints.get(p)
        if p == "runtime":
            runtimes.add(hint.__module__)
            spec.append(("runtime", p, hint))
        elif inspect.isclass(hint) and hasattr(hint, "to_map"):
            if p == "headers" or hint.__name__.endswith("Headers"):
                headers_cls = hint
                spec.append(("headers", p, hint))
            else:
                request_cls = hint
                spec.append(("request", p, hint))
        elif p == "headers":
            spec.append(("raw", p, None))
        else:
            spec.append(("path", p, (7770000 + i) if hint is int else f"PATH{i}MARK", hint))
    filler = Filler()
    req_values = {a: filler.value(h, 0) for a, _, h in model_fields(request_cls)} if request_cls else {}
    hdr_values = ({a: filler.value(h, 0) for a, _, h in model_fields(headers_cls) if a != "common_headers"}
                  if headers_cls else {})

    def call(skip=None, empty=False):
        args = []
        for kind, p, x, *_ in spec:
            if kind == "runtime":
                args.append(x())
            elif kind in ("request", "headers"):
                values = req_values if kind == "request" else hdr_values
                model = x()
                for a, v in values.items():
                    if (kind, a) != skip and not empty:
                        setattr(model, a, v)
                args.append(model)
            elif kind == "raw":
                args.append({})
            else:
                args.append(x)
        calls.clear()
        try:
            getattr(client, method_name)(*args)
        except Recorded:
            pass
        if not calls:
            raise Refused("no call recorded")
        return calls[0]

    full = call()
    params, req = full
    action = params.action
    extra = {}
    labels, meta_method, meta_path = meta_labels(meta_dir, code, action)
    input_members, path_names = [], {}
    uri = params.pathname
    for kind, p, marker, *rest in spec:
        if kind != "path":
            continue
        label = next((l for l in labels if squash(l) == squash(p)), None) or "".join(w[:1].upper() + w[1:] for w in p.split("_"))
        if str(marker) not in uri:
            extra.setdefault("pathUnused", []).append(label)
            continue
        uri = uri.replace(str(marker), "{" + label + "}")
        member = {"n": label, "s": shapes.of(rest[0] or str, [action]), "r": True, "ln": label, "loc": "uri"}
        if p != python_name(label):
            member["py"] = p
        input_members.append(member)
        path_names[label] = p
    if "pathUnused" in extra:
        # The SDK method's path arguments in its order: a program passes the unused ones too.
        extra["pathArgs"] = [p for kind, p, *_ in spec if kind == "path"]
    http = {"m": (params.method or "GET").upper(), "u": uri}
    styles, header_members = {}, []
    for kind, cls, values in (("request", request_cls, req_values), ("headers", headers_cls, hdr_values)):
        if cls is None:
            continue
        exported(cls)
        places = {}
        for attr, wire, hint in model_fields(cls):
            if values.get(attr) is None:
                continue
            where = landed(values[attr], full, call(skip=(kind, attr)))
            if where:
                places[wire] = where[0]
                if len(where) > 1:
                    extra.setdefault("alsoSent", []).append([wire] + [w[0] for w in where[1:]])
        for member in members(shapes, cls, [cls.__name__], only=set(places), rpc=False):
            loc, key, style = places[member["n"]]
            if loc == "payload":
                http["pl"] = member["n"]
            elif loc == "stream":
                extra["stream"] = member["n"]
            else:
                member["ln"] = key
                if loc != "body":
                    member["loc"] = loc
            if style and style != "flat":
                styles[member["n"]] = style
            elif style == "flat":
                styles[member["n"]] = "flat"
            if kind == "headers":
                header_members.append(member["n"])
            input_members.append(member)
    # What the SDK sends with no member set (lists of structures that to_map() writes as [] when
    # unset, for one): the page has to send the same.
    _, bare = call(empty=True)
    unset = {}
    for loc, sent in (("querystring", bare.query), ("header", bare.headers), ("body", bare.body)):
        if isinstance(sent, dict) and sent:
            unset[loc] = sent
    # A list payload that the SDK sends as [] when unset (older generations' to_array).
    if isinstance(bare.body, list) and "pl" in http:
        unset["payload"] = {"": bare.body}
    if unset:
        extra["sentWhenUnset"] = json.loads(json.dumps(unset, default=repr))
    # A path label with the name of a request member (devops `id`): the path member is renamed;
    # the label in `u` is the path member's `ln` (its wire name), as for every path member.
    taken = {m["n"] for m in input_members if m.get("loc") != "uri"}
    for member in input_members:
        if member.get("loc") == "uri" and member["n"] in taken:
            member["n"] = member["n"] + "Path"
            member.setdefault("py", path_names[member["ln"]])
            extra.setdefault("pathRenamed", []).append(member["ln"])
    name = request_cls.__name__ if request_cls else f"{action}Request"
    if request_cls is None:
        extra["noRequestClass"] = True
    if headers_cls is not None:
        extra["headersClass"] = headers_cls.__name__
        extra["headerMembers"] = header_members
    if (params.req_body_type or "json") != "json":
        extra["reqBodyType"] = params.req_body_type
    if (params.body_type or "json") != "json":
        extra["bodyType"] = params.body_type
    if (params.auth_type or "AK") != "AK":
        extra["authType"] = params.auth_type
    if styles:
        extra["styles"] = styles
    op = {"name": action, "summary": summary_of(fn)}
    if method_name != python_name(action) + "_with_options":
        op["py"] = method_name
    op["input"] = shapes.add(("input", action), {"st": {"n": name, "m": input_members}})
    op["http"] = http
    if extra:
        op["xroa"] = extra
    check = None
    if meta_path is not None:
        pattern = re.sub(r"\[(\w+)\]", r"{\1}", meta_path)
        # The CLI lists every method an API accepts (`POST|PUT`); the SDK writes `:` as `%3A`.
        agree = http["m"] in (meta_method or "").split("|") and urllib.parse.unquote(uri.split("?")[0]) == pattern
        check = "same" if agree else [meta_method, pattern]
    return op, params.version, check


class OldParams:
    """The arguments of the older clients' do_rpcrequest/do_roarequest, as call_api's Params."""

    def __init__(self, action, version, protocol, method, auth_type, pathname, style, req_body_type, body_type):
        self.action, self.version, self.protocol, self.method = action, version, protocol, method
        self.auth_type, self.pathname, self.style = auth_type, pathname, style
        self.req_body_type, self.body_type = req_body_type, body_type


def no_sending():
    """The last guard: nothing the SDK does may reach the network."""
    def refuse(*args, **kwargs):
        raise Refused("the SDK tried to send a request without going through call_api")

    for module, cls in (("darabonba.core", "DaraCore"), ("Tea.core", "TeaCore")):
        try:
            core = getattr(importlib.import_module(module), cls)
        except (ImportError, AttributeError):
            continue
        for name in ("do_action", "async_do_action"):
            if hasattr(core, name):
                setattr(core, name, staticmethod(refuse))


def extract(package, version, title, meta_dir=None):
    client_module = importlib.import_module(package + ".client")
    importlib.import_module(package + ".models")
    from alibabacloud_tea_openapi import models as open_api_models

    Client = client_module.Client
    no_sending()
    code, endpoints, client = endpoints_of(Client, open_api_models, package, meta_dir)

    calls, executed = [], []

    def recorder(params, request, runtime):
        calls.append((params, request))
        raise Recorded()

    def executor(params, request, runtime):
        executed.append(params)
        raise Recorded()

    client.call_api = recorder
    client.execute = executor
    client.do_request = lambda *a, **k: (_ for _ in ()).throw(Recorded())
    # The older generation of product packages calls these directly instead of call_api (and
    # signs the old way: HMAC-SHA1 in the query for RPC, `acs AK:signature` for ROA).
    old = []

    def old_rpc(action, version, protocol, method, auth_type, body_type, request, runtime):
        old.append("do_rpcrequest")
        return recorder(OldParams(action, version, protocol, method, auth_type, "/", "RPC", "formData", body_type),
                        request, runtime)

    def old_roa(form):
        def record(action, version, protocol, method, auth_type, pathname, body_type, request, runtime):
            old.append("do_roarequest_with_form" if form else "do_roarequest")
            return recorder(OldParams(action, version, protocol, method, auth_type, pathname, "ROA",
                                      "formData" if form else "json", body_type), request, runtime)
        return record

    client.do_rpcrequest = old_rpc
    client.do_roarequest = old_roa(False)
    client.do_roarequest_with_form = old_roa(True)

    shapes, roa_shapes = Shapes(), Shapes(rpc=False)
    operations, roa_operations, roa, skipped, versions, roa_versions, runtimes = [], [], [], [], [], [], set()
    meta_checks = {"same": 0, "differ": [], "absent": 0}
    # `with_options`, not `_with_options`: the generator writes `describe_dbinstance_sslwith_options`
    # where an action ends in capitals or digits (`DescribeDBInstanceSSL`, `DescribeClustersV1`).
    names = sorted(n for n in dir(Client) if n.endswith("with_options") and not n.endswith("_advance_with_options"))
    for method_name in names:
        method = getattr(client, method_name)
        signature = inspect.signature(getattr(Client, method_name))
        hints = typing.get_type_hints(getattr(Client, method_name), globalns=client_module.__dict__)
        params = [p for p in signature.parameters if p not in ("self",)]
        request_cls = None
        filler = Filler()
        request = None
        args = []
        for p in params:
            hint = hints.get(p)
            if request is None and inspect.isclass(hint) and hasattr(hint, "to_map") and p != "runtime":
                request_cls = hint
                request = request_cls()
                for attr, _, hint in model_fields(request_cls):
                    setattr(request, attr, filler.value(hint, 0))
                args.append(request)
            elif p == "runtime":
                runtimes.add(hints[p].__module__)
                args.append(hints[p]())
            elif inspect.isclass(hint) and hasattr(hint, "to_map"):
                args.append(hint())  # the headers model of a ROA operation
            elif p == "headers":
                args.append({})  # the headers of a ROA operation
            else:
                args.append("x")  # a path argument of a ROA operation
        calls.clear()
        executed.clear()
        try:
            method(*args)
        except Recorded:
            pass
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            if not calls or (calls[0][0].style or "").upper() == "RPC":
                skipped.append([method_name, f"{type(error).__name__}: {error}"])
                continue
        if executed:
            skipped.append([method_name, f"sent through the client's gateway ({type(client._spi).__name__}), not call_api"])
            continue
        if not calls:
            skipped.append([method_name, "no call recorded"])
            continue
        params_, req = calls[0]
        action = params_.action
        if (params_.style or "").upper() != "RPC":
            roa.append(action)
            try:
                op, roa_version, check = roa_operation(client, Client, client_module, method_name, calls, roa_shapes,
                                                       runtimes, code, meta_dir)
            except Exception as error:  # noqa: BLE001 - reported, not hidden
                skipped.append([method_name, f"ROA: {type(error).__name__}: {error}"])
                continue
            roa_operations.append(op)
            roa_versions.append(roa_version)
            if check is None:
                meta_checks["absent"] += 1
            elif check == "same":
                meta_checks["same"] += 1
            else:
                meta_checks["differ"].append([action, op["http"]["m"], op["http"]["u"]] + check)
            continue
        versions.append(params_.version)
        query = dict(req.query or {})
        body = flatten_body(req.body)
        placements = []
        input_members = None
        try:
            if request is not None:
                sent = set()
                for attr, wire, hint in model_fields(request_cls):
                    value = getattr(request, attr)
                    if value is None:
                        continue
                    where = placement(wire, value, query, body)
                    if where is None:
                        continue
                    sent.add(wire)
                    place = []
                    if where[0] == "body":
                        place.append("body")
                    if where[1] != "flat":
                        place.append(where[1])
                    if place:
                        placements.append([wire, ",".join(place)])
                exported(request_cls)
                input_members = members(shapes, request_cls, [request_cls.__name__], only=sent)
        except Refused as error:
            skipped.append([method_name, str(error)])
            continue
        op = {"name": action, "summary": summary_of(getattr(Client, method_name))}
        if method_name != python_name(action) + "_with_options":
            op["py"] = method_name
        if input_members is not None:
            op["input"] = shapes.add(("input", action), {"st": {"n": request_cls.__name__, "m": input_members}})
        if params_.method and params_.method.upper() != "POST":
            op["rpcMethod"] = params_.method.upper()
        if placements:
            op["placement"] = placements
        operations.append(op)

    if not operations and not roa_operations:
        reasons = sorted({r for _, r in skipped})
        raise Refused(f"no operation could be recorded ({len(skipped)} skipped: {'; '.join(reasons)[:300]})")
    if len(runtimes) != 1 or not all(getattr(importlib.import_module(m), "RuntimeOptions", None) for m in runtimes):
        raise Refused(f"{package}: the clients' runtime parameters take {sorted(runtimes)}, not one RuntimeOptions class")
    title = f"Alibaba Cloud {title or code}"
    pyrt = runtimes.pop()

    def service(protocol, shapes_, ops):
        return {
            "format": 1,
            "cloud": "aliyun",
            "service": code.lower(),
            "title": title,
            "signingName": code.lower(),
            "sdk": package,
            "pyrt": pyrt,
            "protocol": protocol,
            "endpoints": endpoints,
            "shapes": shapes_.shapes,
            "operations": ops,
        }

    rpc_service = service({"rpc": {"version": versions[0] if versions else ""}}, shapes, operations) if operations else None
    roa_service = None
    facts = {"package": f"{package}=={version}", "operations": len(operations), "roa": sorted(roa), "skipped": skipped,
             "code": code}
    if roa_operations:
        roa_service = service({"roa": {"version": roa_versions[0]}}, roa_shapes, roa_operations)
        roa_service["signature"] = getattr(client, "_signature_algorithm", None) or "ACS3-HMAC-SHA256"
        facts["roaOperations"] = len(roa_operations)
        facts["roaMeta"] = meta_checks
        extras = {}
        for op in roa_operations:
            for key in op.get("xroa", {}):
                extras.setdefault(key, []).append(op["name"])
        facts["roaExtras"] = extras
        headers = {}
        for op in roa_operations:
            for member in roa_service["shapes"][op["input"]]["st"]["m"]:
                if member.get("loc") == "header":
                    headers.setdefault(member["ln"], set()).add(member["n"])
        facts["roaHeaders"] = {h: sorted(m) for h, m in sorted(headers.items())}
    if getattr(client, "_signature_algorithm", None):
        facts["signatureAlgorithm"] = client._signature_algorithm
    if old:
        facts["oldClient"] = sorted(set(old))
    return rpc_service, roa_service, facts


def tool_hash(meta_dir):
    """What an extraction depends on besides the product package: this file, the SDK runtime, the
    CLI metadata (ROA path labels)."""
    h = hashlib.sha1(open(os.path.abspath(__file__), "rb").read())
    for dist in ("alibabacloud-tea-openapi", "darabonba-core", "alibabacloud-openapi-util"):
        try:
            h.update(f"{dist}=={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:
            pass
    if meta_dir and os.path.exists(os.path.join(meta_dir, "products.json")):
        h.update(open(os.path.join(meta_dir, "products.json"), "rb").read())
    return h.hexdigest()[:12]


def _alarm(signum, frame):
    raise TimeoutError("the extraction took too long")


def work(job):
    """Extracts one product (in a worker process): {rpc, roa, facts} or {error}."""
    package, version, title, meta_dir, timeout = job
    start = time.monotonic()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        installed = importlib.metadata.version(package.replace("_", "-"))
        if installed != version:
            raise Refused(f"{package} {installed} is installed, modeldata/PINS pins {version}: run scripts/ensure-test-tools")
        rpc, roa, facts = extract(package, version, title, meta_dir)
        result = {"rpc": rpc, "roa": roa, "facts": facts}
    except Exception as error:  # noqa: BLE001 - one product's failure is recorded, not fatal
        detail = str(error) if isinstance(error, Refused) else f"{type(error).__name__}: {error}"
        if not isinstance(error, (Refused, TimeoutError)):
            detail += " at " + traceback.extract_tb(error.__traceback__)[-1].filename.split("site-packages/")[-1]
        result = {"error": detail[:500]}
    finally:
        signal.alarm(0)
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]
    return result, time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pins", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--product", action="append", default=[], help="only these packages (or their product codes)")
    parser.add_argument("--cache", help="keep each product's extraction here, by package, version and tool hash")
    parser.add_argument("--meta", help="the aliyun CLI metadata folder (metadatas/): ROA path labels and checks")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=600, help="seconds one product may take")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    npm_names = os.path.join(os.path.dirname(os.path.abspath(args.pins)), "aliyun-npm", "names.json")
    npm = json.load(open(npm_names, encoding="utf-8")) if os.path.exists(npm_names) else {}
    pins = read_pins(args.pins)
    if args.product:
        wanted = {p.lower() for p in args.product}
        pins = [p for p in pins if p[0] in wanted or p[0][len("alibabacloud_"):-8].replace("_", "-") in wanted]
    digest = tool_hash(args.meta)
    results, jobs = {}, []
    for package, version, title in pins:
        path = args.cache and os.path.join(args.cache, f"{package}-{version}-{digest}.json")
        if path and os.path.exists(path):
            results[package] = (json.load(open(path, encoding="utf-8")), 0.0, True)
        else:
            jobs.append((package, version, title, args.meta, args.timeout))
    start = time.monotonic()
    if jobs:
        context = multiprocessing.get_context("fork")
        with context.Pool(args.jobs, maxtasksperchild=8) as pool:
            for job, (result, seconds) in zip(jobs, pool.imap(work, jobs)):
                results[job[0]] = (result, seconds, False)
                if args.cache:
                    os.makedirs(args.cache, exist_ok=True)
                    path = os.path.join(args.cache, f"{job[0]}-{job[1]}-{digest}.json")
                    with open(path + ".tmp", "w", encoding="utf-8") as f:
                        json.dump(result, f)
                    os.replace(path + ".tmp", path)
    summary, roa_summary, failed, timings, seen = {}, {}, {}, {}, {}
    for package, version, title in pins:
        result, seconds, cached = results[package]
        timings[package] = None if cached else round(seconds, 2)
        if "error" in result:
            failed[package] = {"version": version, "reason": result["error"]}
            print(f"[aliyun_models] {package}: FAILED: {result['error']}", file=sys.stderr)
            continue
        rpc, roa, facts = result["rpc"], result["roa"], result["facts"]
        name = (rpc or roa)["service"]
        if name in seen:
            failed[package] = {"version": version, "reason": f"the same product code ({name}) as {seen[name]}"}
            continue
        seen[name] = package
        # The title is the pin's comment, not part of the cached extraction's key: set here.
        for service in (rpc, roa):
            if service is not None:
                service["title"] = f"Alibaba Cloud {title or facts['code']}"
        if rpc is not None:
            merge_js(rpc, npm.get(name))
            with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8") as f:
                json.dump(rpc, f, ensure_ascii=False, indent=0, separators=(",", ":"))
        if roa is not None:
            os.makedirs(os.path.join(args.out, "roa"), exist_ok=True)
            with open(os.path.join(args.out, "roa", name + ".json"), "w", encoding="utf-8") as f:
                json.dump(roa, f, ensure_ascii=False, indent=0, separators=(",", ":"))
            roa_summary[name] = {k: facts[k] for k in ("package", "roaOperations", "roaMeta", "roaExtras", "roaHeaders")
                                 if k in facts}
            if "signatureAlgorithm" in facts:
                roa_summary[name]["signatureAlgorithm"] = facts["signatureAlgorithm"]
        summary[name] = {k: facts[k] for k in ("package", "operations", "roa", "skipped", "signatureAlgorithm", "oldClient")
                         if k in facts}
        print(f"[aliyun_models] {name}: {facts['operations']} RPC operations, {facts.get('roaOperations', 0)} ROA "
              f"(of {len(facts['roa'])}), {len(facts['skipped'])} not callable{' (cached)' if cached else ''}",
              file=sys.stderr)
    print(f"[aliyun_models] {len(pins) - len(failed)} products, {len(failed)} failed, {len(jobs)} extracted in "
          f"{time.monotonic() - start:.1f} s", file=sys.stderr)
    if args.product:
        return
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
    with open(os.path.join(args.out, "failed.json"), "w", encoding="utf-8") as f:
        json.dump(failed, f, indent=1, sort_keys=True)
    if roa_summary:
        with open(os.path.join(args.out, "roa", "summary.json"), "w", encoding="utf-8") as f:
            json.dump(roa_summary, f, indent=1, sort_keys=True)
    with open(os.path.join(args.out, "timings.json"), "w", encoding="utf-8") as f:
        json.dump(timings, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
