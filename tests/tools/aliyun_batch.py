"""Sends each generated request of a batch through the product's own Alibaba Cloud SDK (the
package pinned in modeldata/PINS) with its transport replaced by a recorder, and compares what
the SDK would send with what the page rendered. Requests are built field by field from the
JSON (API names), never with the models' from_map(), which also sets unset list fields.

    python aliyun_batch.py BATCH.json OUT.json

BATCH: [{"route", "service", "action", "params" (the request as JSON, API names),
         "expected": {"action", "version", "method", "path", "query": [[k, v], ...] (business
         parameters, decoded), "body": "<exact form body>"}}, ...]
OUT:   [{"route", "status": "match" | "mismatch" | "error", "detail", "booleans"}, ...]

The SDK runs its RPC path (signature v2, `do_rpcrequest`): `DaraCore.do_action`, the one place
that would open a connection, records the request instead. Signature, nonce, time and key
parameters are left out (unless the operation has a member of that name, which the SDK's merge
lets win: the action and version are then compared in its x-acs-* headers); `Format` is the SDK's own (`json`; the page sends `JSON`, both are
accepted). The Python SDK writes booleans with `str()` (`True`), where the other SDKs and the
aliyun CLI write `true`: such pairs count as equal and are counted in `booleans`.
"""
import inspect
import json
import os
import sys
import typing

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import aliyun_models  # noqa: E402  (read_pins, the product of a package)

from darabonba.core import DaraCore  # noqa: E402
from alibabacloud_tea_openapi import models as open_api_models  # noqa: E402
from alibabacloud_tea_util import models as util_models  # noqa: E402

LEFT_OUT = {"Timestamp", "SignatureNonce", "Signature", "SignatureMethod", "SignatureVersion", "AccessKeyId", "Format",
            "Action", "Version"}


class Recorded(BaseException):
    def __init__(self, request):
        self.request = request


def record(request, runtime=None):
    raise Recorded(request)


def record_instead_of_sending():
    """Makes the one place that would open a connection record the request instead. Called by
    the tools that record (this module's main, aliyun_sign.py), not on import:
    tests/tools/aliyun_programs.py imports this module's helpers and sends for real."""
    DaraCore.do_action = staticmethod(record)


class Product:
    """A product's client (RPC signature path) and its operations by action name."""

    def __init__(self, package, signature_algorithm="v2", key_id="AKIDEXAMPLE", secret="SECRETEXAMPLE"):
        import importlib
        self.module = importlib.import_module(package + ".client")
        self.client = self.module.Client(open_api_models.Config(
            access_key_id=key_id, access_key_secret=secret, region_id="cn-hangzhou",
            signature_algorithm=signature_algorithm))
        self.by_action = {}
        real = self.client.call_api
        for name in dir(self.module.Client):
            # `with_options`: `describe_dbinstance_sslwith_options` too (tools/aliyun_models.py).
            if not name.endswith("with_options") or name.endswith("_advance_with_options"):
                continue
            hints = typing.get_type_hints(getattr(self.module.Client, name), globalns=self.module.__dict__)
            params = [p for p in inspect.signature(getattr(self.module.Client, name)).parameters if p != "self"]
            request_cls = next((hints[p] for p in params if p != "runtime" and inspect.isclass(hints.get(p))
                                and hasattr(hints[p], "to_map")), None)
            seen = []
            self.client.call_api = lambda p, r, rt: (seen.append(p.action), (_ for _ in ()).throw(Recorded(None)))[1]
            # The older generation of clients calls do_rpcrequest itself (its first argument is
            # the action); it too ends in DaraCore.do_action, which records.
            self.client.do_rpcrequest = lambda action, *a, **k: (seen.append(action), (_ for _ in ()).throw(Recorded(None)))[1]
            try:
                getattr(self.client, name)(*[request_cls() if p != "runtime" and request_cls and hints.get(p) is request_cls
                                             else util_models.RuntimeOptions() if p == "runtime" else {} for p in params])
            except Recorded:
                pass
            except Exception:  # noqa: BLE001 - a ROA operation's path arguments; not an RPC one
                continue
            if seen:
                self.by_action[seen[0]] = (name, request_cls, params, hints)
        self.client.call_api = real
        del self.client.do_rpcrequest

    def send(self, action, params):
        name, request_cls, names, hints = self.by_action[action]
        args = []
        for p in names:
            if p == "runtime":
                args.append(util_models.RuntimeOptions())
            elif hints.get(p) is request_cls and request_cls is not None:
                args.append(build(request_cls, params))
            else:
                args.append({})
        try:
            getattr(self.client, name)(*args)
        except Recorded as recorded:
            return recorded.request
        raise RuntimeError("the SDK sent nothing")


def send_roa(client, method_name, params, path_args):
    """Calls a ROA operation's `<op>_with_options`: the path labels as its positional arguments
    (by the SDK's names), the members on its request model and on its headers model (a member
    belongs to the model that has a field of its wire name)."""
    module = sys.modules[type(client).__module__]
    fn = getattr(type(client), method_name)
    hints = typing.get_type_hints(fn, globalns=module.__dict__)
    args = []
    for p in (p for p in inspect.signature(fn).parameters if p != "self"):
        hint = hints.get(p)
        if p == "runtime":
            args.append(hint() if inspect.isclass(hint) else util_models.RuntimeOptions())
        elif inspect.isclass(hint) and hasattr(hint, "to_map"):
            args.append(build(hint, params))
        elif p == "headers":
            args.append({})
        else:
            # A path argument the SDK never puts in the path (xroa.pathUnused) may be unset.
            args.append(dict(path_args).get(p))
    try:
        getattr(client, method_name)(*args)
    except Recorded as recorded:
        return recorded.request
    raise RuntimeError("the SDK sent nothing")


# Headers every ROA request of the SDK carries, which the page leaves to the signer and the HTTP
# client (host, user-agent, accept) or shows under their own names.
ROA_SDK_HEADERS = {"host", "user-agent", "accept", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256",
                   "authorization", "x-acs-action", "x-acs-version", "content-type",
                   "x-acs-credentials-provider",
                   # The older ROA signature's own headers (GEMP, and the older clients that call
                   # do_roarequest themselves); the proxy signs those products with ACS3.
                   "date", "x-acs-signature-method", "x-acs-signature-version"}


def compare_roa(item, request):
    """The problems between the page's ROA request and the SDK's."""
    expected = item["expected"]
    problems = []
    for key, ours in (("method", request.method), ("path", request.pathname)):
        if expected[key] != ours:
            problems.append(f"{key}: page {expected[key]!r}, SDK {ours!r}")
    theirs = sorted((k, str(v)) for k, v in (request.query or {}).items())
    mine = sorted(tuple(p) for p in expected["query"])
    theirs, booleans = booleans_as_page(theirs, mine)
    if theirs != mine:
        problems.append(f"query: SDK only {[p for p in theirs if p not in mine][:4]}, page only {[p for p in mine if p not in theirs][:4]}")
    sdk_headers = {k.lower(): str(v) for k, v in request.headers.items()}
    page_headers = dict(expected["headers"])
    for name, value in page_headers.items():
        theirs_value = sdk_headers.get(name)
        if theirs_value != value and (theirs_value, value) not in (("True", "true"), ("False", "false")):
            problems.append(f"header {name}: page {value!r}, SDK {theirs_value!r}")
    extra = sorted(set(sdk_headers) - set(page_headers) - ROA_SDK_HEADERS)
    if extra:
        problems.append(f"headers the SDK sends and the page does not: {extra}")
    body = request.body if isinstance(request.body, str) else (request.body or b"").decode() if request.body else ""
    if sdk_headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        # A form body: booleans as in the query.
        split = lambda text: [tuple(p.split("=", 1)) for p in text.split("&")] if text else []
        pairs, body_booleans = booleans_as_page(split(body), split(expected["body"]))
        body = "&".join("=".join(p) for p in pairs)
        booleans += body_booleans
    if body != expected["body"]:
        mine = expected["body"]
        at = next((i for i, (a, b) in enumerate(zip(mine, body)) if a != b), min(len(mine), len(body)))
        start = max(0, at - 60)
        problems.append(f"body differs at byte {at}: page ...{mine[start:at + 160]!r}, SDK ...{body[start:at + 160]!r}")
    return problems, booleans


def build(hint, value):
    """The SDK value of `hint` for a JSON value, setting only the fields the JSON names (the
    models' own from_map() also sets unset list fields to [], which the SDK would then send)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if value is None:
        return None
    if origin in (list, typing.List):
        return [build(args[0] if args else str, item) for item in value]
    if origin in (dict, typing.Dict):
        return {k: build(args[1] if len(args) > 1 else str, v) for k, v in value.items()}
    if inspect.isclass(hint) and hasattr(hint, "to_map"):
        model = hint()
        for attr, wire, sub in aliyun_models.model_fields(hint):
            if wire in value:
                setattr(model, attr, build(sub, value[wire]))
        return model
    return value


def booleans_as_page(theirs, mine):
    """The SDK's pairs with `True`/`False` read as the page's `true`/`false` where the page has
    those at the same key; and how many there were."""
    if len(theirs) != len(mine):
        return theirs, 0
    fixed, count = [], 0
    for (tk, tv), (mk, mv) in zip(theirs, mine):
        if tk == mk and (tv, mv) in (("True", "true"), ("False", "false")):
            count += 1
            tv = mv
        fixed.append((tk, tv))
    return fixed, count


class products(dict):
    """Every pinned product by its code (`smc`, `r-kvstore`), each client made when first asked
    for: the compiled models' aliyun-summary.json names each product's package (about 300 are
    pinned; importing them all takes a while). Without that file, every pin is made at once."""

    def __init__(self, **client):
        super().__init__()
        self.client = client
        root = os.path.join(os.path.dirname(__file__), "..", "..")
        summary = os.path.join(root, "models", "aliyun-summary.json")
        self.packages = {}
        if os.path.exists(summary):
            for code, facts in json.load(open(summary, encoding="utf-8")).items():
                self.packages[code] = facts["package"].split("==")[0]
        else:
            for package, _version, _title in aliyun_models.read_pins(os.path.join(root, "modeldata", "PINS")):
                product = Product(package, **client)
                self[product_code(product)] = product

    def for_package(self, code, package):
        """The product `code`, whose package is `package` (a ROA product is not in the summary)."""
        self.packages.setdefault(code, package)
        return self[code]

    def __missing__(self, code):
        if code not in self.packages:
            raise KeyError(code)
        product = self[code] = Product(self.packages[code], **self.client)
        return product


def main():
    batch_path, out_path = sys.argv[1:3]
    record_instead_of_sending()
    by_service = products()
    # An operation with a member named like a parameter of the old signature (Signature, Format,
    # SignatureVersion...) is recorded as the SDK signs by default (ACS3), which leaves the
    # query to the business parameters: the old signature overwrites that member's value.
    by_service_acs3 = products(signature_algorithm="ACS3-HMAC-SHA256")
    verdicts = []
    for item in json.load(open(batch_path, encoding="utf-8")):
        verdict = {"route": item["route"], "status": "match", "detail": "", "booleans": 0}
        try:
            if "roa" in item:
                roa = item["roa"]
                product = by_service_acs3.for_package(item["service"], roa["package"])
                request = send_roa(product.client, roa["method"], item["params"], roa["path"])
                problems, verdict["booleans"] = compare_roa(item, request)
                if problems:
                    verdict.update(status="mismatch", detail="; ".join(problems))
                verdicts.append(verdict)
                continue
            product = (by_service_acs3 if LEFT_OUT & set(item["params"]) else by_service)[item["service"]]
            request = product.send(item["action"], item["params"])
            expected = item["expected"]
            query = {k: str(v) for k, v in request.query.items()}
            problems = []
            headers = {k.lower(): v for k, v in request.headers.items()}
            for key, ours in (("action", headers.get("x-acs-action")), ("version", headers.get("x-acs-version")),
                              ("method", request.method), ("path", request.pathname)):
                if expected[key] != ours:
                    problems.append(f"{key}: page {expected[key]!r}, SDK {ours!r}")
            members = set(item["params"])
            theirs = sorted((k, v) for k, v in query.items() if k not in LEFT_OUT or k in members)
            mine = sorted(tuple(p) for p in expected["query"])
            theirs, booleans = booleans_as_page(theirs, mine)
            if theirs != mine:
                only_sdk = [p for p in theirs if p not in mine]
                only_page = [p for p in mine if p not in theirs]
                problems.append(f"query: SDK only {only_sdk[:4]}, page only {only_page[:4]}")
            body = request.body if isinstance(request.body, str) else (request.body or b"").decode() if request.body else ""
            split = lambda text: [tuple(p.split("=", 1)) for p in text.split("&")] if text else []
            body_pairs, body_booleans = booleans_as_page(split(body), split(expected["body"]))
            body = "&".join(f"{k}={v}" for k, v in body_pairs)
            booleans += body_booleans
            if body != expected["body"]:
                problems.append(f"body: page {expected['body'][:200]!r}, SDK {body[:200]!r}")
            verdict["booleans"] = booleans
            if problems:
                verdict.update(status="mismatch", detail="; ".join(problems))
        except Exception as error:  # noqa: BLE001 - every failure is reported
            verdict.update(status="error", detail=f"{type(error).__name__}: {error}")
        verdicts.append(verdict)
    json.dump(verdicts, open(out_path, "w", encoding="utf-8"), indent=0)


def product_code(product):
    codes = []
    original = product.module.Client.get_endpoint

    def spy(self, product_id, *rest):
        codes.append(product_id)
        return original(self, product_id, *rest)

    product.module.Client.get_endpoint = spy
    try:
        product.module.Client(open_api_models.Config(access_key_id="A", access_key_secret="S", region_id="cn-hangzhou"))
    finally:
        product.module.Client.get_endpoint = original
    return codes[0].lower()


if __name__ == "__main__":
    main()
