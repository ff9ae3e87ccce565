"""Requests of any pinned Alibaba Cloud product as its own SDK signs them, for fixed times and
nonces, for the signing proxy's tests.

stdin:  {"key_id", "secret", "cases": [{"service", "action", "params" (API names),
         "style": "acs3" | "rpc_v1", "date", "nonce"}, ...]}
stdout: the cases, each with "sdk": {"method", "path", "host", "query": [[k, v], ...] (decoded,
        as sent), "headers": {...}, "body"}: the request the SDK would send, signature included
        (ACS3: the Authorization header; RPC v1: the Signature query parameter).

The SDK's own signing runs: ACS3-HMAC-SHA256 in tea-openapi's do_request, HMAC-SHA1 in its
do_rpcrequest (signature_algorithm "v2"); only the clock and the nonce are fixed, and the
transport records the request instead of sending it (aliyun_batch.py).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import aliyun_batch  # noqa: E402  (the recording transport and the request builder)

from alibabacloud_tea_openapi.utils import Utils  # noqa: E402

# Regression: since aliyun_batch stopped recording on import, this tool sent its requests to
# the real endpoints (proxy/tests/signing.rs failed on a name lookup in scripts/test).
aliyun_batch.record_instead_of_sending()

job = json.load(sys.stdin)
clients = {
    "acs3": aliyun_batch.products(signature_algorithm=None, key_id=job["key_id"], secret=job["secret"]),
    "rpc_v1": aliyun_batch.products(signature_algorithm="v2", key_id=job["key_id"], secret=job["secret"]),
}
for case in job["cases"]:
    Utils.get_timestamp = staticmethod(lambda date=case["date"]: date)
    Utils.get_nonce = staticmethod(lambda nonce=case["nonce"]: nonce)
    if "roa" in case:
        roa = case["roa"]
        product = clients["acs3"].for_package(case["service"], roa["package"])
        request = aliyun_batch.send_roa(product.client, roa["method"], case["params"], roa["path"])
    else:
        request = clients[case["style"]][case["service"]].send(case["action"], case["params"])
    body = request.body if isinstance(request.body, str) else (request.body or b"").decode()
    case["sdk"] = {
        "method": request.method,
        "path": request.pathname,
        "host": request.headers.get("host"),
        "query": [[k, str(v)] for k, v in request.query.items()],
        "headers": {k.lower(): str(v) for k, v in request.headers.items()},
        "body": body,
    }
json.dump(job["cases"], sys.stdout)
