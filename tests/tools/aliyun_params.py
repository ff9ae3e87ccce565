"""Prints the query parameters that Alibaba Cloud's Python SDK (aliyun-python-sdk-smc) sends for
StartReplicationJob, for each form read as JSON from stdin, minus the signature parameters.

stdin:  [{"region": "...", "JobId": "...", "OwnerId": "...", "ResourceOwnerAccount": "..."}, ...]
stdout: [[["Action", "StartReplicationJob"], ...] (raw, still percent-encoded), ...]
"""
import json
import sys

from aliyunsdksmc.request.v20190601.StartReplicationJobRequest import StartReplicationJobRequest

SIGNATURE = {"Signature", "SignatureNonce", "Timestamp", "AccessKeyId", "SignatureMethod", "SignatureType", "SignatureVersion"}

results = []
for form in json.load(sys.stdin):
    request = StartReplicationJobRequest()
    for name in ("JobId", "OwnerId", "ResourceOwnerAccount"):
        if name in form:
            getattr(request, "set_" + name)(form[name])
    # What AcsClient.do_action_with_exception does before sending.
    request.set_accept_format("JSON")
    url = request.get_url(form["region"], "AKIDEXAMPLE", "SECRETEXAMPLE")
    query = url.split("?", 1)[1]
    pairs = [pair.split("=", 1) for pair in query.split("&")]
    results.append([p for p in pairs if p[0] not in SIGNATURE])
json.dump(results, sys.stdout)
