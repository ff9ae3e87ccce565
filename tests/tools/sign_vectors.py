"""Signatures made by the reference SDKs for fixed inputs, for the proxy's signing tests.

stdin: {"acs3": [...], "rpc_v1": [...], "sigv4": [...]} (see proxy/tests/signing.rs)
stdout: the same lists, each case with the SDK's result added.
  acs3   -> Alibaba's alibabacloud_openapi_util Client.get_authorization (signature V3)
  rpc_v1 -> aliyunsdkcore's rpc_signature_composer (HMAC-SHA1, signature V2)
  sigv4  -> botocore's SigV4Auth, with the clock fixed
"""
import datetime
import hashlib
import json
import sys
from unittest import mock

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from alibabacloud_openapi_util.client import Client as OpenApiUtil
from aliyunsdkcore.auth.composer import rpc_signature_composer
from Tea.request import TeaRequest

cases = json.load(sys.stdin)

for case in cases["acs3"]:
    request = TeaRequest()
    request.method = case["method"]
    request.pathname = case["path"]
    request.query = dict(case["query"])
    request.headers = dict(case["headers"])
    payload = hashlib.sha256(case["body"].encode()).hexdigest()
    case["authorization"] = OpenApiUtil.get_authorization(request, "ACS3-HMAC-SHA256", payload, case["key_id"], case["secret"])

for case in cases["rpc_v1"]:
    with mock.patch.object(rpc_signature_composer.helper, "get_iso_8061_date", return_value=case["timestamp"]), \
         mock.patch.object(rpc_signature_composer.helper, "get_uuid", return_value=case["nonce"]):
        params = dict(case["params"])
        url, _ = rpc_signature_composer.get_signed_url(params, case["key_id"], case["secret"], "JSON", case["method"], {})
    signed = {k: v for k, v in params.items()}
    case["signature"] = signed.pop("Signature")
    case["signed_params"] = sorted(signed.items())

for case in cases["sigv4"]:
    method = case.get("method", "POST")
    request = AWSRequest(method=method, url=case["url"], data=case["body"].encode(), headers=dict(case["headers"]))
    fixed = datetime.datetime.fromtimestamp(case["epoch"], datetime.timezone.utc).replace(tzinfo=None)
    # S3 signs with its own variant (x-amz-content-sha256, the path as sent), as the CLI does.
    signer = botocore.auth.S3SigV4Auth if case["service"] == "s3" else botocore.auth.SigV4Auth
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=fixed):
        signer(Credentials(case["key_id"], case["secret"], case.get("token")), case["service"], case["region"]).add_auth(request)
    case["authorization"] = request.headers["Authorization"]
    case["content_sha256"] = request.headers.get("X-Amz-Content-SHA256")

json.dump(cases, sys.stdout)
