#!/usr/bin/env python
"""Extract every RPC operation of the pinned Alibaba Cloud SDK packages into the page's model format.

Run with the project venv's interpreter (it has the packages pinned in modeldata/PINS):

    .venv/bin/python tools/aliyun_models.py --pins modeldata/PINS --out .cache/aliyun-models
    .venv/bin/python tools/aliyun_models.py --pins modeldata/PINS --out DIR --product smc

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

Output: one file per product in the compiled model format (``src/core/model/format.rs``, cloud
``aliyun``, protocol ``rpc``) and ``summary.json`` (operations per product, ROA operations left
out).
"""

import argparse
import importlib
import importlib.metadata
import inspect
import io
import json
import keyword
import os
import re
import sys
import tokenize
import typing

PRODUCT = re.compile(r"^(alibabacloud_[a-z_]+?)(\d{8})==(\S+)\s*(?:#\s*(.*))?$")
PUBLIC_REGION = re.compile(r"^(cn|ap|eu|us|me|na|sa|af)-[a-z]+(-\d+)?$")
INTERNAL = ("finance", "gov", "pop", "test", "share", "edge", "inner")
# Alibaba Cloud's public regions, offered for every product (the SDKs carry no region list; the
# public regions of each product's endpoint map are added). Each region's host is then what the
# product's client resolves for it.
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
        origin = typing.get_origin(hint)
        instance = cls()
        probe = [_Probe()] if origin in (list, typing.List) else {"k": _Probe()} if origin in (dict, typing.Dict) else _Probe()
        setattr(instance, attr, probe)
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
            return f"v{self.n}"
        return None  # streams: upload ("advance") operations only


class Shapes:
    """The shape table of one product, shared between operations."""

    def __init__(self):
        self.shapes, self.index = [], {}

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
            self.shapes[slot] = {"st": {"n": name, "m": members(self, hint, stack + [name])}}
            return slot
        if hint is typing.Any:
            return self.add("d", "d")
        return self.add("s", {"s": {}})


def exported(cls):
    """Checks that a model class is its package's `models.<name>` (the page writes it so)."""
    package = cls.__module__.split(".")[0]
    if getattr(importlib.import_module(package + ".models"), cls.__name__, None) is not cls:
        sys.exit(f"{cls.__module__}.{cls.__name__} is not {package}.models.{cls.__name__}")


def members(shapes, cls, stack, only=None):
    """The members of model `cls` in the model format; `only`: the wire names to keep."""
    comments = field_comments(cls)
    out = []
    always = set(cls().to_map())
    for attr, wire, hint in model_fields(cls):
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        list_of_models = origin in (list, typing.List) and args and hasattr(args[0], "to_map")
        if (wire in always) != bool(list_of_models):
            # The page writes JSON-text parameters on this rule (core::wire::aliyun_rpc::sdk_json).
            sys.exit(f"{cls.__name__}.{attr}: to_map() writes it when unset: {wire in always}; the page assumes "
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


def extract(package, version, title):
    client_module = importlib.import_module(package + ".client")
    models = importlib.import_module(package + ".models")
    from alibabacloud_tea_openapi import models as open_api_models

    Client = client_module.Client
    product = {}
    original = Client.get_endpoint

    def spy(self, product_id, region_id, rule, network, suffix, endpoint_map, endpoint):
        product.update(id=product_id, rule=rule, map=dict(endpoint_map or {}))
        return original(self, product_id, region_id, rule, network, suffix, endpoint_map, endpoint)

    Client.get_endpoint = spy
    try:
        hosts = {}
        client = Client(open_api_models.Config(access_key_id="AK", access_key_secret="SK", region_id="cn-hangzhou"))
        public = [r for r in sorted(product["map"]) if PUBLIC_REGION.match(r) and not any(w in r for w in INTERNAL)]
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
    endpoints = {"regions": regions, "templates": templates, "overrides": overrides}

    calls = []

    def recorder(params, request, runtime):
        calls.append((params, request))
        raise Recorded()

    client.call_api = recorder
    client.do_request = client.execute = lambda *a, **k: (_ for _ in ()).throw(Recorded())

    shapes = Shapes()
    operations, roa, skipped, versions, runtimes = [], [], [], [], set()
    names = sorted(n for n in dir(Client) if n.endswith("_with_options") and not n.endswith("_advance_with_options"))
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
            else:
                args.append({})  # headers of ROA operations
        calls.clear()
        try:
            method(*args)
        except Recorded:
            pass
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            skipped.append([method_name, f"{type(error).__name__}: {error}"])
            continue
        if not calls:
            skipped.append([method_name, "no call recorded"])
            continue
        params_, req = calls[0]
        action = params_.action
        versions.append(params_.version)
        if (params_.style or "").upper() != "RPC":
            roa.append(action)
            continue
        query = dict(req.query or {})
        body = flatten_body(req.body)
        placements = []
        input_members = None
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

    if len(runtimes) != 1 or not all(getattr(importlib.import_module(m), "RuntimeOptions", None) for m in runtimes):
        sys.exit(f"{package}: the clients' runtime parameters take {sorted(runtimes)}, not one RuntimeOptions class")
    title = f"Alibaba Cloud {title or code}"
    service = {
        "format": 1,
        "cloud": "aliyun",
        "service": code.lower(),
        "title": title,
        "signingName": code.lower(),
        "sdk": package,
        "pyrt": runtimes.pop(),
        "protocol": {"rpc": {"version": versions[0] if versions else ""}},
        "endpoints": endpoints,
        "shapes": shapes.shapes,
        "operations": operations,
    }
    return service, {"package": f"{package}=={version}", "operations": len(operations), "roa": sorted(roa),
                     "skipped": skipped}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pins", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--product", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    npm_names = os.path.join(os.path.dirname(os.path.abspath(args.pins)), "aliyun-npm", "names.json")
    npm = json.load(open(npm_names, encoding="utf-8")) if os.path.exists(npm_names) else {}
    summary = {}
    for package, version, title in read_pins(args.pins):
        installed = importlib.metadata.version(package.replace("_", "-"))
        if installed != version:
            sys.exit(f"{package} {installed} is installed, modeldata/PINS pins {version}: run scripts/ensure-test-tools")
        service, facts = extract(package, version, title)
        if args.product and service["service"] not in args.product:
            continue
        merge_js(service, npm.get(service["service"]))
        with open(os.path.join(args.out, service["service"] + ".json"), "w", encoding="utf-8") as f:
            json.dump(service, f, ensure_ascii=False, indent=0, separators=(",", ":"))
        summary[service["service"]] = facts
        print(f"[aliyun_models] {service['service']}: {facts['operations']} RPC operations, "
              f"{len(facts['roa'])} ROA, {len(facts['skipped'])} not callable", file=sys.stderr)
    if args.product:
        return
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
