"""The page's boto3 programs, run by the pinned boto3, for tests/sdk_python.rs.

    boto3_programs.py IN.json OUT.json

IN is a list of {route, service (botocore name), operation, method, program, expected: {method,
host, path, query, headers, body}} or {route, service, names: [[operation, method], ...]}.

A program item's text is executed as it is (`exec`, in a fresh namespace), with one change to
boto3: `boto3.client` returns a client (the default session's, one per service and region)
whose `before-send` hook captures the request after every handler and the endpoint rules, and
raises instead of sending it. As botocore_batch.py's, the client does not sign (the page leaves
signing to a proxy: SigV2's body parameters and bearer tokens are the signer's), except where
the operation's auth signs regardless (NoCredentialsError unsigned: it is run again signed, with
the dummy keys of the environment, the default chain). The program's own endpoint is kept: an
`endpoint_url` to a plain-HTTP capture server would change the request (S3 addressing, the
checksum trailer botocore uses only over HTTPS). The capture is compared with the page's
request as tests/tools/botocore_batch.py compares botocore's (method, path, query, body and
every header but the signer's and the SDK's own); hosts are reported apart. The method the
program calls must be the operation's (`client.meta.method_to_api_mapping`).

A names item checks that boto3's client for the service has each method and that it calls
that operation (an empty method: that the client has none for it), for the operations whose
random form could not be generated too.

OUT is a list of {route, status, detail, host}, status one of "match", "mismatch", "invalid"
(botocore's validator refused the params), "endpoint" (the endpoint rules refused them),
"error" (anything else raised, a wrong method name included).
"""

import json
import os
import sys
import traceback
from urllib.parse import urlsplit

os.environ.update(
    AWS_CONFIG_FILE="/dev/null",
    AWS_SHARED_CREDENTIALS_FILE="/dev/null",
    AWS_EC2_METADATA_DISABLED="true",
    AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
)
for name in ("AWS_PROFILE", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
    os.environ.pop(name, None)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import boto3
import botocore
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.exceptions import (
    EndpointResolutionError,
    InvalidEndpointConfigurationError,
    NoCredentialsError,
    ParamValidationError,
)

from botocore_batch import NOT_COMPARED, Captured, Raw, first_difference


class Runner:
    def __init__(self):
        self.clients = {}
        self.operation = None
        self.called = []
        self.signed = False
        real = boto3.client

        def client(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())), self.signed)
            if key not in self.clients:
                if not self.signed:
                    unsigned = Config(signature_version=botocore.UNSIGNED)
                    kwargs["config"] = unsigned.merge(kwargs["config"]) if "config" in kwargs else unsigned
                made = real(*args, **kwargs)
                made.meta.events.register("before-send", self.capture)
                made.meta.events.register("before-call", self.note_call)
                self.clients[key] = made
            return self.clients[key]

        boto3.client = client

    def note_call(self, model, **kwargs):
        self.called.append(model.name)

    def capture(self, request, event_name, **kwargs):
        """As botocore_batch's: answers an endpoint-discovery call, captures the rest."""
        if event_name.endswith(".DescribeEndpoints") and self.operation != "DescribeEndpoints":
            body = b'{"Endpoints": [{"Address": "discovered.example.com", "CachePeriodInMinutes": 1}]}'
            return AWSResponse(request.url, 200, {}, Raw(body))
        raise Captured(request)

    def run(self, item):
        """Executes the program; the request its call prepared."""
        self.operation = item["operation"]
        code = compile(item["program"], item["route"], "exec")
        request = None
        for signed in (False, True):
            self.signed, self.called = signed, []
            try:
                exec(code, {"__name__": "__main__"})
            except Captured as captured:
                request = captured.request
                break
            except NoCredentialsError:
                continue
            raise RuntimeError("the program sent nothing")
        if request is None:
            raise RuntimeError("the program sent nothing, signed or not")
        if self.called[:1] != [item["operation"]]:
            raise RuntimeError("the program called %r, not %s" % (self.called, item["operation"]))
        body = request.body or b""
        if hasattr(body, "read"):
            body = body.read()
        if isinstance(body, str):
            body = body.encode("utf-8")
        url = urlsplit(request.url)
        headers = {n.lower(): v for n, v in request.headers.items()}
        return request.method, url.hostname, url.path or "/", body, url.query, headers

    def check(self, item):
        try:
            method, host, path, body, query, headers = self.run(item)
        except ParamValidationError as e:
            return "invalid", str(e).replace("\n", " ")[:600], None
        except (EndpointResolutionError, InvalidEndpointConfigurationError) as e:
            return "endpoint", str(e).replace("\n", " ")[:300], None
        except Exception:
            return "error", traceback.format_exc(limit=3)[-800:], None
        expected = item["expected"]
        problems = []
        ours_body = expected["body"].encode("utf-8")
        if ours_body != body:
            problems.append("body " + first_difference(ours_body, body))
        if expected["query"] != query:
            problems.append("query " + first_difference(expected["query"], query))
        if expected["method"] != method:
            problems.append("method: ours %r, boto3 %r" % (expected["method"], method))
        if expected["path"] != path:
            problems.append("path " + first_difference(expected["path"], path))
        host_note = None if expected["host"] == host else "ours %s, boto3 %s" % (expected["host"], host)
        ours_headers = {n.lower(): v for n, v in expected["headers"].items()}
        for name in NOT_COMPARED - set(ours_headers):
            headers.pop(name, None)
        for name in sorted(set(ours_headers) | set(headers)):
            ours, theirs = ours_headers.get(name), headers.get(name)
            if isinstance(theirs, bytes):
                theirs = theirs.decode("utf-8")
            if ours != theirs:
                problems.append("header %s: ours %r, boto3 %r" % (name, ours, theirs))
        verdict = ("mismatch", "; ".join(problems)) if problems else ("match", "")
        return verdict + (host_note,)

    def names(self, item):
        try:
            client = boto3.client(item["service"], region_name="us-east-1")
        except Exception:
            return "error", traceback.format_exc(limit=2)[-400:], None
        mapping = client.meta.method_to_api_mapping
        wrong = []
        for op, method in item["names"]:
            if not method:
                if hasattr(client, botocore.xform_name(op)):
                    wrong.append("%s: boto3 has %s" % (op, botocore.xform_name(op)))
            elif not hasattr(client, method):
                wrong.append("%s: boto3 has no %s" % (op, method))
            elif mapping.get(method) != op:
                wrong.append("%s: %s calls %s" % (op, method, mapping.get(method)))
        return ("error", "; ".join(wrong), None) if wrong else ("match", "", None)


def main():
    in_path, out_path = sys.argv[1:3]
    with open(in_path, encoding="utf-8") as f:
        items = json.load(f)
    runner = Runner()
    results = []
    for item in items:
        status, detail, host = runner.names(item) if "names" in item else runner.check(item)
        results.append({"route": item["route"], "status": status, "detail": detail, "host": host})
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
