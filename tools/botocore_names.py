"""boto3's method names where botocore's own `xform_name` rule alone does not give them, for
the model compiler.

    botocore_names.py --out FILE

Writes {"botocore": version, "names": {"OperationName": "python_name", ...}, "removed":
{"service": ["OperationName", ...]}}:

- names: the `_xform_cache` that botocore ships (entries for the `_` separator), which
  `botocore.xform_name` consults before its regular expressions. boto3 names its client
  methods with `xform_name`, so these are the names the rule alone would get wrong
  (`CreateCachediSCSIVolume` -> `create_cached_iscsi_volume`).
- removed: operations whose method a `creating-client-class.<service>` handler of botocore's
  takes off the client class (`remove_polly_start_speech_synthesis_stream`: they need HTTP/2),
  found by building those services' clients and looking for each operation's method.

Run with the project's .venv python: the pinned botocore of modeldata/PINS.
"""

import argparse
import json

import botocore
import botocore.handlers
import botocore.session


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    names = {name: value for (name, sep), value in botocore._xform_cache.items() if sep == "_"}
    session = botocore.session.Session()
    # The events name a service by its hyphenized service id (`lex-runtime-v2` for the data
    # folder `lexv2-runtime`).
    events = {
        event.split(".", 1)[1]
        for event, *_ in botocore.handlers.BUILTIN_HANDLERS
        if event.startswith("creating-client-class.")
    }
    removed = {}
    for service in session.get_available_services():
        if session.get_service_model(service).service_id.hyphenize() not in events:
            continue
        client = session.create_client(
            service, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
        )
        gone = [
            op
            for op in client.meta.service_model.operation_names
            if not hasattr(client, botocore.xform_name(op))
        ]
        if gone:
            removed[service] = gone
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(
            {
                "botocore": botocore.__version__,
                "names": dict(sorted(names.items())),
                "removed": removed,
            },
            f,
            indent=1,
        )


if __name__ == "__main__":
    main()
