"""botocore's exceptions to its own `xform_name` rule, for the model compiler.

    botocore_names.py --out FILE

Writes {"OperationName": "python_name", ...}: the `_xform_cache` that botocore ships (entries
for the `_` separator), which `botocore.xform_name` consults before its regular expressions.
boto3 names its client methods with `xform_name`, so these are the method names that the rule
alone would get wrong (`CreateCachediSCSIVolume` -> `create_cached_iscsi_volume`). Run with the
project's .venv python: the pinned botocore of modeldata/PINS.
"""

import argparse
import json

import botocore


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    names = {name: value for (name, sep), value in botocore._xform_cache.items() if sep == "_"}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(
            {"botocore": botocore.__version__, "names": dict(sorted(names.items()))}, f, indent=1
        )


if __name__ == "__main__":
    main()
