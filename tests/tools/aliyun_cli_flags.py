"""Checks the page's `aliyun` commands against the aliyun CLI's own metadata, as the CLI does.

Usage: python aliyun_cli_flags.py METADATA_TAR_GZ BATCH_JSON OUT_JSON

METADATA_TAR_GZ is the aliyun/aliyun-openapi-meta snapshot (`metadatas/<product>/<Api>.json`):
the metadata the `aliyun` CLI is built with. Each batch item is one operation with a fully
filled form: the page's command text (POSIX shell), its warnings, and the page's own request
(query and form body). The command is split as a POSIX shell splits it, and every `--Flag` is
looked up the way aliyun-cli's `meta/api.go` (`findParameterInner`) looks it up. A flag the
metadata does not list must come with `--force` and a warning naming it; a flag the CLI places
in the query where the page's request has it in the body (or the other way round) must be named
in a warning; an API the metadata does not list needs `--force` and a warning; `--force`
without any of these is a mismatch too. One verdict per item: `match` or `mismatch`, with the
counts of flags in each class.
"""

import json
import re
import shlex
import sys
import tarfile
import urllib.parse

CLI_FLAGS_WITH_VALUE = {"--region", "--profile", "--endpoint", "--version", "--output"}
# The SDKs' owner parameters: in every request model, in no API's metadata (the page puts them
# last and writes them only when filled, with --force).
OWNER = {"OwnerId", "OwnerAccount", "ResourceOwnerAccount", "ResourceOwnerId", "SecurityToken"}
CLI_FLAGS_ALONE = {"--force", "--secure", "--insecure", "--quiet", "--dryrun"}


def find_parameter(params, name):
    """aliyun-cli meta/api.go findParameterInner, over the parameters in metadata order."""
    for p in params:
        p_name = p["name"]
        if p_name == name:
            return p
        subs = p.get("sub_parameters") or []
        if subs and name.startswith(p_name + "."):
            s = name[len(p_name):]
            if len(s) >= 4 and s[0] == "." and s.count(".") >= 2:
                index = name[len(p_name) + 1:].index(".") + 2
                return find_parameter(subs, name[len(p_name) + index:])
            return None
        if p.get("type") == "RepeatList" and name.startswith(p_name):
            s = name[len(p_name):]
            if len(s) >= 2 and s[0] == ".":
                return p
    return None


def load_metadata(path, products):
    apis = {}
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            parts = member.name.split("/")
            if len(parts) == 3 and parts[0] == "metadatas" and parts[1] in products and parts[2].endswith(".json"):
                data = json.load(tar.extractfile(member))
                if isinstance(data, dict) and "parameters" in data:
                    apis[(parts[1], parts[2][:-5])] = data
    return apis


def keys(encoded):
    return {k for k, _ in urllib.parse.parse_qsl(encoded, keep_blank_values=True)}


def check_roa(item, apis):
    """A ROA command (`aliyun <product> <METHOD> <path> --key v --header N=v --body ...`): the
    metadata's method and pathPattern must be the operation's, and each query flag a Query
    parameter of the API (the CLI refuses any other flag for an API it knows)."""
    words = shlex.split(item["cli"].replace("\\\n", " "))
    roa = item["roa"]
    counts = {"flags": 0, "roa_unknown": 0, "roa_moved": 0, "roa_unlisted": 0, "roa": 1}
    if words[:3] != ["aliyun", item["service"], roa["method"]] or len(words) < 4:
        return "mismatch", f"command starts {words[:4]}", counts
    query, i = [], 4
    while i < len(words):
        word = words[i]
        if word in CLI_FLAGS_ALONE:
            i += 1
        elif word in CLI_FLAGS_WITH_VALUE or word in ("--header", "--body"):
            i += 2
        elif word.startswith("--") and i + 1 < len(words):
            query.append(word[2:])
            i += 2
        else:
            return "mismatch", f"unexpected word {word!r}", counts
    counts["flags"] = len(query)
    api = apis.get((item["service"], item["action"]))
    if api is None:
        # The CLI then takes every flag as a query parameter.
        counts["roa_unlisted"] = 1
        api = {"method": roa["method"], "pathPattern": re.sub(r"\{([^}]+)\}", r"[\1]", roa["template"]), "parameters": []}
    problems = []
    if roa["method"] not in api.get("method", "").split("|"):
        problems.append(f"method {roa['method']}, the metadata's {api.get('method')}")
    ours = re.sub(r"\{([^}]+)\}", r"[\1]", roa["template"]).replace("%3A", ":")
    if (api.get("pathPattern") or "").replace("%3A", ":") != ours:
        problems.append(f"path {ours}, the metadata's {api.get('pathPattern')}")
    # aliyun-cli's RestfulInvoker looks the API up by its command's name, which for
    # `aliyun <product> <METHOD> <path>` is the CLI's own: it finds none and sends every flag
    # in the query unchecked. Flags the metadata does not list, or places elsewhere, are
    # counted (members newer than the metadata), not refused.
    for flag in query:
        param = find_parameter(api["parameters"], flag)
        if param is None:
            counts["roa_unknown"] += 1
        elif param["position"] != "Query":
            counts["roa_moved"] += 1
    # The CLI's checkHttpMethod takes GET, POST, PUT and DELETE only.
    if roa["method"] not in ("GET", "POST", "PUT", "DELETE"):
        counts["no_cli"] = 1
        if "GET, POST, PUT or DELETE only" not in " ".join(item["warnings"]):
            problems.append(f"a {roa['method']} request, which the CLI cannot send, without a warning")
    return ("mismatch" if problems else "match"), "; ".join(problems), counts


# The regions the page offers: public ones, not the finance, government or internal regions
# (tools/aliyun_models.py's rule).
PUBLIC_REGION = re.compile(r"^(cn|ap|eu|us|me|na|sa|af)-[a-z]+(-\d+)?$")
INTERNAL = ("finance", "gov", "pop", "test", "share", "edge", "inner")


def check_regions(item, cli_regions):
    """The public regions of the product's `regional_endpoints` in products.json that the page's
    region list lacks."""
    listed = cli_regions.get(item["service"].lower(), [])
    public = [r for r in listed if PUBLIC_REGION.match(r) and not any(w in r for w in INTERNAL)]
    return public, [r for r in public if r not in item["regions"]]


def endpoint(words):
    """The value of the command's `--endpoint` flag, None without one."""
    for flag, value in zip(words, words[1:]):
        if flag == "--endpoint":
            return value
    return None


def check(item, apis, cli_regions):
    if "regions" in item:
        public, missing = check_regions(item, cli_regions)
        if missing:
            return "mismatch", f"regions the CLI's products.json lists and the page does not offer: {missing}", {}
        status, detail, counts = check_operation(item, apis)
        return status, detail, {**counts, "cli_regions": len(public)}
    return check_operation(item, apis)


def check_operation(item, apis):
    # The CLI sends to --endpoint as given (BasicInvoker.Init), so the command reaches the host
    # the page shows only with it; without it the CLI looks up a host of its own.
    given = endpoint(shlex.split(item["cli"].replace("\\\n", " ")))
    if given != item["host"]:
        return "mismatch", f"--endpoint {given}, the page's host {item['host']}", {}
    if "roa" in item:
        return check_roa(item, apis)
    words = shlex.split(item["cli"].replace("\\\n", " "))
    if words[:3] != ["aliyun", item["service"], item["action"]]:
        return "mismatch", f"command starts {words[:3]}", {}
    flags, force, i = [], False, 3
    while i < len(words):
        word = words[i]
        if word in CLI_FLAGS_ALONE:
            force |= word == "--force"
            i += 1
        elif word in CLI_FLAGS_WITH_VALUE:
            i += 2
        elif word.startswith("--") and i + 1 < len(words):
            flags.append(word[2:])
            i += 2
        else:
            return "mismatch", f"unexpected word {word!r}", {}
    warnings = " ".join(item["warnings"])
    body_keys = keys(item["body"])
    api = apis.get((item["service"], item["action"]))
    counts = {"flags": len(flags), "unknown": 0, "owner": 0, "moved": 0, "unlisted": 0}
    if api is None:
        counts["unlisted"] = 1
        if not force or f"metadata lacks {item['action']}" not in warnings:
            return "mismatch", "API not in the metadata, without --force and its warning", counts
        return "match", "", counts
    problems, needs_force = [], False
    for flag in flags:
        param = find_parameter(api["parameters"], flag)
        if param is None:
            counts["owner" if flag in OWNER else "unknown"] += 1
            needs_force = True
            if f"--{flag}" not in warnings:
                problems.append(f"--{flag} is not in the metadata and no warning names it")
            continue
        page_body = flag in body_keys
        cli_body = param["position"] in ("Body", "FormData")
        if page_body != cli_body:
            counts["moved"] += 1
            if f"--{flag}" not in warnings:
                problems.append(f"--{flag}: the CLI sends it in the {param['position']}, the page in the {'body' if page_body else 'query'}, unnoted")
    if needs_force and not force:
        problems.append("flags the metadata does not list, without --force")
    if force and not needs_force:
        problems.append("--force without a flag that needs it")
    return ("mismatch" if problems else "match"), "; ".join(problems), counts


def load_cli_regions(path):
    """Product code (lower case, as the metadata's folders) -> the regions of its
    `regional_endpoints` in products.json."""
    with tarfile.open(path, "r:gz") as tar:
        products = json.load(tar.extractfile("metadatas/products.json"))["products"]
    return {p["code"].lower(): sorted(p.get("regional_endpoints") or {}) for p in products}


def main():
    tar_path, batch_path, out_path = sys.argv[1:4]
    batch = json.load(open(batch_path))
    apis = load_metadata(tar_path, {item["service"] for item in batch})
    cli_regions = load_cli_regions(tar_path)
    verdicts = []
    for item in batch:
        try:
            status, detail, counts = check(item, apis, cli_regions)
        except Exception as error:  # one bad case must not hide the others
            status, detail, counts = "error", repr(error), {}
        verdicts.append({"route": item["route"], "status": status, "detail": detail, **counts})
    json.dump(verdicts, open(out_path, "w"))


if __name__ == "__main__":
    main()
