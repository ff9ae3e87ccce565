#!/usr/bin/env python
"""Checks extracted ROA models (tools/aliyun_models.py's <out>/roa/<product>.json) against the SDK.

    .venv/bin/python tools/aliyun_roa_check.py OUT/roa/cs.json [OUT/roa/fc.json ...]

For every operation, fills the scalar members (strings, numbers, booleans) and the path labels with
fresh values that the extractor did not use, builds from the model alone the request the page
would send (method, the path from `http.u`, the query, the headers and the top-level JSON body
keys by each member's `ln` and `loc`; a boolean in the query or a header as Python's `True`,
which is what the Python SDK sends), calls the SDK's `<op>_with_options` with the same values
through a recording `call_api`, and compares. Prints the mismatches and a count per product.
Structured members (lists, maps, structures) are left unset: their encodings are the bulk
conformance test's business.
"""

import importlib
import inspect
import json
import sys
import typing
import urllib.parse

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import aliyun_models  # noqa: E402


def scalar(shapes, index):
    shape = shapes[index]
    if shape == "b":
        return "b"
    if isinstance(shape, dict) and ("s" in shape or "i" in shape or "f" in shape):
        return next(iter(shape))
    return None


def check(path):
    service = json.load(open(path, encoding="utf-8"))
    package = service["sdk"]
    client_module = importlib.import_module(package + ".client")
    models = importlib.import_module(package + ".models")
    from alibabacloud_tea_openapi import models as open_api_models

    aliyun_models.no_sending()
    Client = client_module.Client
    client = Client(open_api_models.Config(access_key_id="AK", access_key_secret="SK", region_id="cn-hangzhou"))
    calls = []

    def recorder(params, request, runtime):
        calls.append((params, request))
        raise aliyun_models.Recorded()

    client.call_api = recorder
    client.do_roarequest = lambda *a: recorder(aliyun_models.OldParams(a[0], a[1], a[2], a[3], a[4], a[5], "ROA", "json", a[6]), a[7], a[8])
    client.do_roarequest_with_form = lambda *a: recorder(aliyun_models.OldParams(a[0], a[1], a[2], a[3], a[4], a[5], "ROA", "formData", a[6]), a[7], a[8])
    shapes = service["shapes"]
    checked, bad = 0, []
    for op in service["operations"]:
        method_name = op.get("py") or aliyun_models.python_name(op["name"]) + "_with_options"
        fn = getattr(Client, method_name)
        hints = typing.get_type_hints(fn, globalns=client_module.__dict__)
        extra = op.get("xroa", {})
        header_members = set(extra.get("headerMembers", []))
        members = shapes[op["input"]]["st"]["m"]
        values, n = {}, 0
        for m in members:
            kind = scalar(shapes, m["s"])
            if kind is None or m["n"] == op["http"].get("pl"):
                continue
            n += 1
            values[m["n"]] = True if kind == "b" else (4200 + n if kind == "i" else (n + 0.25 if kind == "f" else f"z{n}q"))
        request = headers_model = None
        args = []
        for p in (p for p in inspect.signature(fn).parameters if p != "self"):
            hint = hints.get(p)
            if p == "runtime":
                args.append(hint())
            elif inspect.isclass(hint) and hasattr(hint, "to_map"):
                model = hint()
                if p == "headers" or hint.__name__.endswith("Headers"):
                    headers_model = model
                else:
                    request = model
                args.append(model)
            elif p == "headers":
                args.append({})
            else:
                member = next((m for m in members if m.get("loc") == "uri" and (m.get("py") or aliyun_models.python_name(m["n"])) == p), None)
                args.append(values.get(member["n"], "unset") if member else "unlabelled")
        for m in members:
            if m["n"] not in values or m.get("loc") == "uri":
                continue
            target = headers_model if m["n"] in header_members else request
            attr = m.get("py") or next((a for a, w, _ in aliyun_models.model_fields(type(target)) if w == m["n"]), None)
            setattr(target, attr, values[m["n"]])
        calls.clear()
        try:
            getattr(client, method_name)(*args)
        except aliyun_models.Recorded:
            pass
        except Exception as error:  # noqa: BLE001 - a mismatch like any other
            bad.append([op["name"], f"the SDK call failed: {type(error).__name__}: {error}"])
            continue
        if not calls:
            bad.append([op["name"], "no call recorded"])
            continue
        params, req = calls[0]

        def text(v):
            # The Python SDK writes a boolean into the query and headers with str(): `True`.
            return str(v)

        uri = op["http"]["u"]
        for m in members:
            if m.get("loc") == "uri" and m["n"] in values:
                uri = uri.replace("{" + m["ln"] + "}", urllib.parse.quote(text(values[m["n"]]), safe=""))
        styles = extra.get("styles", {})

        def written(m):
            value = values[m["n"]]
            return json.dumps(value) if styles.get(m["n"]) == "json" else text(value)

        want_query = {m["ln"]: written(m) for m in members if m.get("loc") == "querystring" and m["n"] in values}
        want_headers = {m["ln"]: written(m) for m in members if m.get("loc") == "header" and m["n"] in values}
        want_body = {m["ln"]: values[m["n"]] for m in members if "loc" not in m and m["n"] in values}
        unset = extra.get("sentWhenUnset", {})
        want_query = dict({k: text(v) for k, v in unset.get("querystring", {}).items()}, **want_query)
        want_headers = dict({k: text(v) for k, v in unset.get("header", {}).items()}, **want_headers)
        want_body = dict(unset.get("body", {}), **want_body)
        got_query = {k: text(v) for k, v in (req.query or {}).items()}
        got_headers = {k: text(v) for k, v in (req.headers or {}).items()}
        got_body = req.body if isinstance(req.body, dict) else ({} if req.body in (None, [], "") else {"<payload>": req.body})
        problems = []
        if params.method.upper() != op["http"]["m"]:
            problems.append(f"method {params.method} != {op['http']['m']}")
        if params.pathname != uri:
            problems.append(f"path {params.pathname} != {uri}")
        if got_query != want_query:
            problems.append(f"query {got_query} != {want_query}")
        if got_headers != want_headers:
            problems.append(f"headers {got_headers} != {want_headers}")
        if {k: text(v) for k, v in got_body.items()} != {k: text(v) for k, v in want_body.items()}:
            problems.append(f"body {got_body} != {want_body}")
        checked += 1
        if problems:
            bad.append([op["name"], "; ".join(problems)])
    return checked, bad


def main():
    total = 0
    for path in (p for p in sys.argv[1:] if not p.endswith("summary.json")):
        checked, bad = check(path)
        total += len(bad)
        print(f"{path}: {checked} operations compared, {len(bad)} mismatches")
        for name, why in bad[:10]:
            print(f"  {name}: {why[:400]}")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
