"""Prints the input members of the three AWS operations as a flat JSON map, from an official model.

Usage: model_dump.py today|cli-v1
  today   botocore's own data (today's official models, the `botocore` package on PyPI)
  cli-v1  the data bundled inside the `awscli` v1 package (what the real `aws` command uses)

Each key is a member path (list items as `Name[]`); each value holds type, required, enum,
min, max and pattern exactly as the model states them.
"""
import gzip
import json
import os
import sys

OPERATIONS = [("dms", "StartReplicationTask"), ("datasync", "StartTaskExecution"), ("elasticache", "StartMigration")]


def load(package, service):
    folder = os.path.join(os.path.dirname(package.__file__), "data", service)
    version = sorted(os.listdir(folder))[-1]
    path = os.path.join(folder, version, "service-2.json")
    if os.path.exists(path):
        return json.load(open(path))
    return json.load(gzip.open(path + ".gz"))


def flatten(model, shape_name, path, required, out):
    shape = model["shapes"][shape_name]
    entry = {"type": shape["type"], "required": required}
    for key in ("enum", "min", "max", "pattern"):
        if key in shape:
            entry[key] = shape[key]
    if path:
        out[path] = entry
    if shape["type"] == "structure":
        for name, member in shape["members"].items():
            child = f"{path}.{name}" if path else name
            flatten(model, member["shape"], child, name in shape.get("required", []), out)
    elif shape["type"] == "list":
        flatten(model, shape["member"]["shape"], path + "[]", False, out)


def main():
    if sys.argv[1] == "today":
        import botocore as package
    else:
        import awscli.botocore as package
    result = {}
    for service, operation in OPERATIONS:
        model = load(package, service)
        members = {}
        flatten(model, model["operations"][operation]["input"]["shape"], "", False, members)
        result[f"aws/{service}/{operation}"] = members
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


main()
