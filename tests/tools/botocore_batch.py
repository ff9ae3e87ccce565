"""botocore's own serializers over a JSON batch, for tests/bulk_conformance.rs.

Two modes, both run with the project's .venv python (botocore as pinned there):

  botocore_batch.py services CLI_NAME...
      Prints {cli_name: {"botocore": name, "protocol": resolved, "unions": [shape, ...]}} for
      each AWS CLI service command named, mapped through the AWS CLI's own command table
      (`configservice` -> `config`, `s3api` -> `s3`, ...). `unions` lists the tagged-union
      structure shapes, which botocore's validator wants set with exactly one member.

  botocore_batch.py batch IN.json OUT.json
      IN is a list of {route, service (CLI name), operation, params, expected: {body, query,
      headers}, plus method and path for REST operations, whose headers are then all of them}}.
      Each item is serialized by botocore (create_serializer with validation, as the
      CLI does) and prepared into the exact bytes botocore sends (prepare_request_dict,
      create_request_object(...).prepare()). OUT is a list of {route, status, detail} with
      status one of "match", "mismatch" (the bytes differ), "invalid" (botocore's validator
      rejected the params: a generator gap) or "error" (anything else raised).
"""

import json
import sys
import traceback
from urllib.parse import urlsplit

import botocore.handlers
import botocore.httpchecksum
import botocore.session
from botocore.config import Config
from botocore.awsrequest import create_request_object, prepare_request_dict
from botocore.exceptions import ParamValidationError
from botocore.serialize import create_serializer

PROTOCOL_HEADERS = ("X-Amz-Target", "Content-Type", "x-amzn-query-mode")

# Service-specific handlers of botocore's BUILTIN_HANDLERS that REST requests go through as the
# CLI sends them, except those that only make sense with the endpoint rules (they edit the
# model so the rules can put the bucket or account in the host) and S3's SSE-C key hashing,
# which the page does not do (listed in the README).
# Glacier's tree-hash checksums of an upload need SHA-256 in the page, which it does not have.
SKIPPED_HANDLERS = {
    "remove_bucket_from_url_paths_from_model",
    "remove_accid_host_prefix_from_model",
    "sse_md5",
    "copy_source_sse_md5",
    "add_glacier_checksums",
}


def service_handlers(stage, model, operation):
    """The builtin handlers registered for this stage of this service (or operation)."""
    names = {model.service_name, model.service_id.hyphenize()}
    found = []
    for event, handler, *_ in botocore.handlers.BUILTIN_HANDLERS:
        parts = event.split(".")
        if parts[0] != stage or len(parts) < 2 or parts[1] not in names:
            continue
        if len(parts) > 2 and parts[2] != operation:
            continue
        if getattr(handler, "__name__", "") not in SKIPPED_HANDLERS:
            found.append(handler)
    return found


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


class Batch:
    def __init__(self):
        self.session = botocore.session.Session()
        self.models = {}
        self.serializers = {}
        self.names = None

    def model(self, service):
        if service not in self.models:
            self.models[service] = self.session.get_service_model(service)
        return self.models[service]

    def serializer(self, protocol):
        if protocol not in self.serializers:
            self.serializers[protocol] = create_serializer(protocol, include_validation=True)
        return self.serializers[protocol]

    def send(self, item):
        """The request botocore would send for the item: (body bytes, query, headers)."""
        model = self.model(item["service"])
        operation = model.operation_model(item["operation"])
        rest = model.resolved_protocol in ("rest-json", "rest-xml")
        params, context = item["params"], {}
        for handler in service_handlers("before-parameter-build", model, operation.name) if rest else []:
            handler(params=params, model=operation, context=context)
        request_dict = self.serializer(model.resolved_protocol).serialize_to_request(params, operation)
        # The body checksum the client adds (default configuration), except on streaming
        # uploads, which carry it in an aws-chunked trailer (not shown by the page).
        checksum = rest and not operation.has_streaming_input
        request_dict["context"] = {"client_config": Config(request_checksum_calculation="when_supported")}
        request_dict["url"] = "https://example.amazonaws.com/"
        if checksum:
            botocore.httpchecksum.resolve_request_checksum_algorithm(request_dict, operation, params)
        for handler in service_handlers("before-call", model, operation.name) if rest else []:
            handler(params=request_dict, model=operation, context=context)
        if checksum:
            botocore.httpchecksum.apply_request_checksum(request_dict)
        prepare_request_dict(request_dict, endpoint_url="https://example.amazonaws.com")
        request = create_request_object(request_dict)
        for handler in service_handlers("request-created", model, operation.name) if rest else []:
            handler(request=request, operation_name=operation.name)
        prepared = request.prepare()
        body = prepared.body or b""
        if hasattr(body, "read"):  # S3 uploads: convert_body_to_file_like_object
            body = body.read()
        if isinstance(body, str):
            body = body.encode("utf-8")
        url = urlsplit(prepared.url)
        return prepared.method, url.path, body, url.query, prepared.headers

    def check(self, item):
        try:
            method, path, body, query, headers = self.send(item)
        except ParamValidationError as e:
            return "invalid", str(e).replace("\n", " ")[:600]
        except Exception:
            return "error", traceback.format_exc(limit=3)[-800:]
        expected = item["expected"]
        problems = []
        ours_body = expected["body"].encode("utf-8")
        if ours_body != body:
            problems.append("body " + first_difference(ours_body, body))
        if expected["query"] != query:
            problems.append("query " + first_difference(expected["query"], query))
        names = PROTOCOL_HEADERS
        if "method" in expected:
            if expected["method"] != method:
                problems.append("method: ours %r, botocore %r" % (expected["method"], method))
            if expected["path"] != path:
                problems.append("path " + first_difference(expected["path"], path))
            ours_names = {n.lower(): n for n in expected["headers"]}
            theirs_names = {n.lower() for n in headers}
            names = sorted(set(ours_names) | theirs_names)
            expected = dict(expected, headers={n.lower(): v for n, v in expected["headers"].items()})
        for name in names:
            ours = expected["headers"].get(name)
            theirs = headers.get(name)
            if isinstance(theirs, bytes):
                theirs = theirs.decode("utf-8")
            if ours != theirs:
                problems.append("header %s: ours %r, botocore %r" % (name, ours, theirs))
        return ("mismatch", "; ".join(problems)) if problems else ("match", "")


def batch(in_path, out_path):
    with open(in_path, encoding="utf-8") as f:
        items = json.load(f)
    runner = Batch()
    results = []
    for item in items:
        status, detail = runner.check(item)
        results.append({"route": item["route"], "status": status, "detail": detail})
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
