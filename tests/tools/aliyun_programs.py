"""The page's Python programs for Alibaba Cloud operations, run by the products' pinned SDK
packages (modeldata/PINS) against a capture server, for tests/sdk_python.rs.

    aliyun_programs.py IN.json OUT.json

IN is a list of {route, action, version, program, expected: {host, method, path, query: [[name,
value], ...] (the page's business parameters, decoded), body (the page's form body)}}; a RESTful
(ROA) operation's item has `"roa": true` and its expected `headers` ([[name, value], ...], names
in lower case: every header the page sets but the host and length).

Each program's text is executed as it is (`exec`, in a fresh namespace), with one change: the
endpoint. Every `alibabacloud_tea_openapi` `Config` the program makes gets this process's
capture server on 127.0.0.1 as its endpoint, over plain HTTP; the region, the credentials
(`alibabacloud_credentials`' default chain, here the dummy keys of the environment) and all
else are the program's. The server records each request and answers it with a client error,
which the SDK raises. The one request a program sent is compared with the page's:

- the endpoint the program's Config names: the host the page shows;
- the method and the path;
- the action and version, which the SDK (signing with ACS3-HMAC-SHA256) sends in its
  `x-acs-action` and `x-acs-version` headers, as the page shows them too;
- the query's parameters, decoded and sorted (the SDK sorts them); the page's common parameters
  `Action`, `Version`, `Format` and `RegionId` (unless the operation has a member of that name)
  are left out on its side by the caller, since this signature style carries them otherwise, and
  the old signature's parameters (`OLD_SIGNATURE`) on the SDK's side where a client signs that way;
- the body's parameters, decoded, in order.

A ROA request is compared as tests/tools/aliyun_batch.py compares the SDK's recorded one
(`compare_roa`), here as it arrived over HTTP: the method, the path as sent (percent-encoded),
the query's parameters (decoded), every header the page sets (and no other from the SDK but its
signer's and client's own, and the HTTP client's: `TRANSPORT`), the body byte for byte.

The Python SDK writes booleans with `str()` (`True`) where the page writes `true` (the program
says so in a comment): such pairs count as equal and are counted in `booleans`, as
aliyun_batch.py counts them.

OUT is a list of {route, status, detail, booleans, requoted (ROA)}, status one of "match",
"mismatch", "error" (the program raised before sending, or sent no request or more than one).
"""

import json
import os
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

for name in list(os.environ):
    if name.startswith("ALIBABA_CLOUD_") or name.startswith("ALICLOUD_"):
        del os.environ[name]
os.environ.update(
    ALIBABA_CLOUD_ACCESS_KEY_ID="AKIDEXAMPLE",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET="SECRETEXAMPLE",
    ALIBABA_CLOUD_CREDENTIALS_FILE="/dev/null",
    ALIBABA_CLOUD_CONFIG_FILE="/dev/null",
    ALIBABA_CLOUD_ECS_METADATA_DISABLED="true",
)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from alibabacloud_tea_openapi import models as open_api_models  # noqa: E402
from requests import PreparedRequest  # noqa: E402

from aliyun_batch import booleans_as_page, compare_roa  # noqa: E402


# The endpoints the programs' Configs named, before the override.
ENDPOINTS = []


class Capture(BaseHTTPRequestHandler):
    """Records every request and answers it with a client error (the SDK does not retry)."""

    received = []

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        Capture.received.append((self.command, self.path, headers, body))
        text = b'{"Code":"CaptureOnly","Message":"captured by the test","RequestId":"capture"}'
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        self.wfile.write(text)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = answer

    def log_message(self, *args):
        pass


def serve():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Capture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def override_endpoint(address):
    """Every Config the programs make sends to `address` over HTTP."""
    config = open_api_models.Config
    real = config.__init__

    def init(self, *args, **kwargs):
        real(self, *args, **kwargs)
        ENDPOINTS.append(self.endpoint)
        self.endpoint = address
        self.protocol = "http"

    config.__init__ = init


def run(item):
    Capture.received.clear()
    ENDPOINTS.clear()
    code = compile(item["program"], item["route"], "exec")
    raised = None
    try:
        exec(code, {"__name__": "__main__"})
    except Exception:  # noqa: BLE001 - the capture server's answer is an error by design
        raised = traceback.format_exc(limit=3)[-600:]
    if len(Capture.received) != 1:
        raise RuntimeError("the program sent %d requests; %s" % (len(Capture.received), raised or "it raised nothing"))
    return Capture.received[0]


# What the old (HMAC-SHA1, RPC v1) signature and anonymous calls add to the query.
OLD_SIGNATURE = {"AccessKeyId", "Action", "Format", "Signature", "SignatureMethod", "SignatureNonce",
                 "SignatureVersion", "SignatureType", "Timestamp", "Version"}


# Headers the HTTP client adds to every request, beside the SDK's own (aliyun_batch.ROA_SDK_HEADERS).
TRANSPORT = {"content-length", "accept-encoding", "connection", "transfer-encoding"}


class Arrived:
    """A request as it arrived over HTTP, in the shape aliyun_batch.compare_roa reads (the SDK's
    recorded request): method, pathname as sent, query (decoded), headers, body."""

    def __init__(self, method, url, headers, body):
        self.method = method
        self.pathname = url.path or "/"
        self.query = dict(parse_qsl(url.query, keep_blank_values=True))
        self.headers = {k: v for k, v in headers.items() if k not in TRANSPORT}
        self.body = body.decode("utf-8")
        self.duplicate_keys = len(self.query) != len(parse_qsl(url.query, keep_blank_values=True))


def as_requests_sends(path):
    """The path as requests, the SDK's HTTP client, sends it (PreparedRequest.prepare_url)."""
    prepared = PreparedRequest()
    prepared.prepare_url("http://127.0.0.1" + path, None)
    return urlsplit(prepared.url).path


def check_roa(item, method, url, headers, body):
    expected = item["expected"]
    problems = []
    if ENDPOINTS != [expected["host"]]:
        problems.append("endpoint: page %r, SDK %r" % (expected["host"], ENDPOINTS))
    arrived = Arrived(method, url, headers, body)
    if arrived.duplicate_keys:
        problems.append("query: a key sent twice: %r" % url.query[:200])
    # A path sent as typed (Cloud Control's whole-path label) is rewritten by requests, the
    # SDK's HTTP client, before it is sent: `requoted` says the path arrived as requests
    # prepares the page's (the program says so), and the rest is compared.
    requoted = arrived.pathname != expected["path"] and as_requests_sends(expected["path"]) == arrived.pathname
    if requoted:
        arrived.pathname = expected["path"]
    found, booleans = compare_roa(item, arrived)
    problems.extend(found)
    if problems:
        return {"status": "mismatch", "detail": "; ".join(problems), "booleans": booleans, "requoted": requoted}
    return {"status": "match", "detail": "", "booleans": booleans, "requoted": requoted}


def check(item):
    try:
        method, target, headers, body = run(item)
    except Exception as error:  # noqa: BLE001 - every failure is reported
        return {"status": "error", "detail": "%s: %s" % (type(error).__name__, error), "booleans": 0}
    expected = item["expected"]
    url = urlsplit(target)
    if item.get("roa"):
        return check_roa(item, method, url, headers, body)
    problems = []
    for what, ours, theirs in (
        ("endpoint", [expected["host"]], ENDPOINTS),
        ("method", expected["method"], method),
        ("path", expected["path"], url.path or "/"),
        ("x-acs-action", item["action"], headers.get("x-acs-action")),
        ("x-acs-version", item["version"], headers.get("x-acs-version")),
    ):
        if ours != theirs:
            problems.append("%s: page %r, SDK %r" % (what, ours, theirs))
    mine = sorted(tuple(p) for p in expected["query"])
    # The older clients (do_rpcrequest), the products that set the `v2` signature and anonymous
    # operations sign the old way, in the query: its parameters are the signature's, not the
    # request's (the page's proxy signs with ACS3), unless the operation has a member of the name.
    page_keys = {k for k, _ in mine}
    sent = [(k, v) for k, v in parse_qsl(url.query, keep_blank_values=True)
            if k not in OLD_SIGNATURE or k in page_keys]
    theirs, booleans = booleans_as_page(sorted(sent), mine)
    if theirs != mine:
        only_sdk = [p for p in theirs if p not in mine]
        only_page = [p for p in mine if p not in theirs]
        problems.append("query: SDK only %r, page only %r" % (only_sdk[:4], only_page[:4]))
    mine_body = parse_qsl(expected["body"], keep_blank_values=True)
    theirs_body, body_booleans = booleans_as_page(parse_qsl(body.decode("utf-8"), keep_blank_values=True), mine_body)
    booleans += body_booleans
    if theirs_body != mine_body:
        problems.append("body: page %r, SDK %r" % (expected["body"][:200], body[:200]))
    if problems:
        return {"status": "mismatch", "detail": "; ".join(problems), "booleans": booleans}
    return {"status": "match", "detail": "", "booleans": booleans}


def main():
    in_path, out_path = sys.argv[1:3]
    with open(in_path, encoding="utf-8") as f:
        items = json.load(f)
    server = serve()
    override_endpoint("127.0.0.1:%d" % server.server_address[1])
    results = []
    for item in items:
        verdict = check(item)
        verdict["route"] = item["route"]
        results.append(verdict)
    server.shutdown()
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
