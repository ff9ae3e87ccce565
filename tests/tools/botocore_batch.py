"""botocore's own serializers over a JSON batch, for tests/bulk_conformance.rs.

Two modes, both run with the project's .venv python (botocore as pinned there):

  botocore_batch.py services CLI_NAME...
      Prints {cli_name: {"botocore": name, "protocol": resolved, "unions": [shape, ...]}} for
      each AWS CLI service command named, mapped through the AWS CLI's own command table
      (`configservice` -> `config`, `s3api` -> `s3`, ...). `unions` lists the tagged-union
      structure shapes, which botocore's validator wants set with exactly one member.

  botocore_batch.py batch IN.json OUT.json
      IN is a list of {route, service (botocore name), region, operation, params, expected:
      {method, host, path, query, headers, body}}. Each item is sent by a real botocore client
      for that service and region, as the CLI sends it: every handler botocore and the client
      register (BUILTIN_HANDLERS, endpoint rules, endpoint discovery, checksums, compression),
      parameter validation included, and captured at `before-send` instead of being sent
      (unsigned: the page leaves signing to a proxy). OUT is a list of {route, status, detail,
      host} with status one of "match", "mismatch" (method, path, query, a header or the body
      differs), "invalid" (botocore's validator rejected the params: a generator gap),
      "endpoint" (the endpoint rules refused the input, so the CLI would not send it either)
      or "error" (anything else raised); host is null or how the hosts differ, which is
      reported apart (the page's hosts come from its endpoint table).
"""

import copy
import json
import os
import sys
import traceback
from urllib.parse import urlsplit

# A client built from nothing but the arguments below: no profile, no instance metadata.
os.environ.update(
    AWS_CONFIG_FILE="/dev/null",
    AWS_SHARED_CREDENTIALS_FILE="/dev/null",
    AWS_EC2_METADATA_DISABLED="true",
)
for name in ("AWS_PROFILE", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_ENDPOINT_URL"):
    os.environ.pop(name, None)

import botocore
import botocore.handlers
import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.exceptions import (
    EndpointResolutionError,
    InvalidEndpointConfigurationError,
    NoCredentialsError,
    ParamValidationError,
)

# Headers the page leaves to the signer or that name the SDK and the attempt (the page's
# signing note lists the signer's): botocore's are not compared unless the page sets one too
# (a member bound to `x-amz-content-sha256`). The client does not sign (`UNSIGNED`), so these
# are a safeguard, and SigV2's body parameters (sdb) never appear.
NOT_COMPARED = {
    "authorization",
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-content-sha256",
    "user-agent",
    "amz-sdk-invocation-id",
    "amz-sdk-request",
}

def cli_service_names():
    """CLI command name -> botocore service name, from the AWS CLI's own command table."""
    from awscli.clidriver import create_clidriver

    table = create_clidriver()._get_command_table()
    names = {}
    for cli_name, command in table.items():
        service_name = getattr(command, "_service_name", None)
        if service_name:
            names[cli_name] = service_name
    return names


def services(wanted):
    session = botocore.session.Session()
    available = set(session.get_available_services())
    names = cli_service_names()
    out = {}
    for cli_name in wanted:
        name = names.get(cli_name, cli_name)
        if name not in available:
            continue
        model = session.get_service_model(name)
        shape_map = model._shape_resolver._shape_map
        unions = sorted(n for n, s in shape_map.items() if s.get("type") == "structure" and s.get("union"))
        out[cli_name] = {"botocore": name, "protocol": model.resolved_protocol, "unions": unions}
    return out


def first_difference(ours, theirs):
    """A short diff: the first differing offset with 60 characters of context from each side."""
    limit = min(len(ours), len(theirs))
    offset = next((i for i in range(limit) if ours[i] != theirs[i]), limit)
    start = max(0, offset - 20)
    return "at offset %d: ours %r, botocore %r" % (offset, ours[start:offset + 60], theirs[start:offset + 60])


class Captured(Exception):
    """Raised by the `before-send` hook: the request as the client would put it on the wire."""

    def __init__(self, request):
        super().__init__("captured")
        self.request = request


class Raw:
    """The raw stream of a made-up answer."""

    def __init__(self, body):
        self.body = body

    def stream(self, **kwargs):
        yield self.body


class Batch:
    def __init__(self):
        self.session = botocore.session.Session()
        self.clients = {}
        self.operation = None

    def capture(self, request, event_name, **kwargs):
        """The `before-send` hook. An endpoint-discovery call the client makes first
        (Timestream) gets a made-up endpoint, as the service would answer, so the operation's
        own request follows; any other request is captured and never sent."""
        if event_name.endswith(".DescribeEndpoints") and self.operation != "DescribeEndpoints":
            body = b'{"Endpoints": [{"Address": "discovered.example.com", "CachePeriodInMinutes": 1}]}'
            return AWSResponse(request.url, 200, {}, Raw(body))
        raise Captured(request)

    def client(self, service, region, signed=False):
        """One client per service and region, as the CLI makes it but unsigned (the page
        leaves signing to the proxy; `signed` for the few whose auth type signs regardless,
        `v4-unsigned-body`, and SigV2's importexport), sending nothing: its `before-send` hook raises the
        prepared request after every handler, the endpoint rules and the checksum step.
        botocore's idempotency-token handler is left out: a random UUID cannot equal anything;
        the page warns about it instead."""
        key = (service, region, signed)
        if key not in self.clients:
            config = Config(retries={"total_max_attempts": 1})
            if not signed:
                config = config.merge(Config(signature_version=botocore.UNSIGNED))
            client = self.session.create_client(
                service,
                region_name=region,
                aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                config=config,
            )
            client.meta.events.register("before-send", self.capture)
            client.meta.events.unregister(
                "before-parameter-build", botocore.handlers.generate_idempotent_uuid
            )
            self.clients[key] = client
        return self.clients[key]

    def send(self, item):
        """The request botocore's client sends for the item."""
        self.operation = item["operation"]
        request = None
        for signed in (False, True):
            client = self.client(item["service"], item["region"], signed)
            try:
                client._make_api_call(item["operation"], copy.deepcopy(item["params"]))
            except Captured as captured:
                request = captured.request
                break
            except NoCredentialsError:
                continue
        if request is None:
            raise RuntimeError("the client sent nothing")
        body = request.body or b""
        if hasattr(body, "read"):  # file-like bodies (S3 uploads, aws-chunked)
            body = body.read()
        if isinstance(body, str):
            body = body.encode("utf-8")
        url = urlsplit(request.url)
        # A discovered endpoint has no path; the request line is then `/`.
        path = url.path or "/"
        headers = {n.lower(): v for n, v in request.headers.items()}
        return request.method, url.hostname, path, body, url.query, headers

    def check(self, item):
        try:
            method, host, path, body, query, headers = self.send(item)
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
            problems.append("method: ours %r, botocore %r" % (expected["method"], method))
        # Hosts are compared apart: the page's come from its endpoint table, not the rules.
        host_note = None if expected["host"] == host else "ours %s, botocore %s" % (expected["host"], host)
        if expected["path"] != path:
            problems.append("path " + first_difference(expected["path"], path))
        ours_headers = {n.lower(): v for n, v in expected["headers"].items()}
        for name in NOT_COMPARED - set(ours_headers):
            headers.pop(name, None)
        for name in sorted(set(ours_headers) | set(headers)):
            ours, theirs = ours_headers.get(name), headers.get(name)
            if isinstance(theirs, bytes):
                theirs = theirs.decode("utf-8")
            if ours != theirs:
                problems.append("header %s: ours %r, botocore %r" % (name, ours, theirs))
        verdict = ("mismatch", "; ".join(problems)) if problems else ("match", "")
        return verdict + (host_note,)


def batch(in_path, out_path):
    with open(in_path, encoding="utf-8") as f:
        items = json.load(f)
    runner = Batch()
    results = []
    for item in items:
        status, detail, host = runner.check(item)
        results.append({"route": item["route"], "status": status, "detail": detail, "host": host})
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(results, f)


def main():
    mode = sys.argv[1]
    if mode == "services":
        json.dump(services(sys.argv[2:]), sys.stdout)
    elif mode == "batch":
        batch(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("usage: botocore_batch.py services NAME... | batch IN OUT")


if __name__ == "__main__":
    main()
