"""AWS CLI v2's own YAML loader as an oracle: reads each document of a batch exactly as
`--cli-input-yaml` does (`awscli/customizations/cliinput.py`: ruamel.yaml, typ='safe',
pure=True) and writes what it loaded as JSON.

Usage: python yaml_loader.py BATCH_JSON OUT_JSON (run by .venv-awscli2's Python)

BATCH is a list of YAML texts. OUT is a list of the same length: {"value": the loaded value, with
any value JSON has no type for as {"__type__": its Python type, "text": str(value)}} or
{"error": the loader's error class}.
"""

import json
import math
import sys

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError


def plain(value):
    if isinstance(value, float) and not math.isfinite(value):
        return {"__type__": "float", "text": str(value)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k) if isinstance(k, str) else json.dumps(plain(k)): plain(v) for k, v in value.items()}
    return {"__type__": type(value).__name__, "text": str(value)}


def main(batch_path, out_path):
    with open(batch_path) as f:
        texts = json.load(f)
    results = []
    for text in texts:
        try:
            results.append({"value": plain(YAML(typ="safe", pure=True).load(text))})
        except YAMLError as e:
            results.append({"error": type(e).__name__})
        except Exception as e:  # noqa: BLE001 - the CLI turns any load failure into an error
            results.append({"error": type(e).__name__})
    with open(out_path, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main(*sys.argv[1:3])
