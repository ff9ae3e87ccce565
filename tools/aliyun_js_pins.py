"""Pins the Alibaba Cloud SDK for JavaScript packages (`@alicloud/<product><version>`) that the
page's `out-js` programs use, and records their names against the compiled models.

    aliyun_js_pins.py [--out modeldata/aliyun-npm]

For each compiled Alibaba Cloud product (models/aliyun/<product>.json) the package is named by
the SDK's rule: `@alicloud/` and the product code and API version without hyphens
(`@alicloud/ecs20140526`, `@alicloud/r-kvstore20150101`). `npm view` says whether npm has it (a
product without one gets no JavaScript program: the panel says so). Those that exist are
installed once with `npm install --save-exact`, with the three packages every program imports
(`@alicloud/credentials`, `@alicloud/openapi-core`, `@darabonba/typescript`), in a scratch folder;
its package.json and package-lock.json are written to OUT: scripts/ensure-test-tools installs
from that lock (`npm ci`) into .cache/js-sdk-aliyun, and tests/sdk_js.rs runs programs with it.

A package is usable when it is of the generation the page writes for: its client extends
`@alicloud/openapi-core`'s and takes `<action>WithOptions(request, runtime)` (older packages, such
as one built on `@alicloud/rpc-client`, are recorded with the reason and get no program).

OUT/names.json records, for each product, the package and version, or why there is none; and,
read from the installed package (each request and nested model class's `names()`, the client's
methods), only where the package is not the generator's rule (`core::sdk::aliyun_js`:
`<action>WithOptions` with the action's first letter in lower case; an attribute is the API
name with its first letter in lower case unless its second letter is a capital too):
`ops` {action: method, or "-" where the package has no method for it} and `members`
{"<Class>.<ApiName>": attribute, or "-" where the package's class lacks it (or the class is
missing)}. tools/aliyun_models.py merges it into the models (service `npm`, `npmv`; operation and
member `js`).

Run from the project root after scripts/build-models; then run scripts/build-models again.
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import tempfile

RUNTIME = ["@alicloud/credentials", "@alicloud/openapi-core", "@darabonba/typescript"]

# Dumps each package's client methods and its model classes' names() as JSON.
DUMP = r"""
const out = {};
for (const name of process.argv.slice(1)) {
  const mod = require(name);
  const Client = mod.default;
  const classes = {};
  for (const [key, value] of Object.entries(mod)) {
    if (typeof value === 'function' && typeof value.names === 'function') classes[key] = value.names();
  }
  const methods = [];
  for (let p = Client.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    methods.push(...Object.getOwnPropertyNames(p));
  }
  out[name] = { classes, methods };
}
console.log(JSON.stringify(out));
"""


def method_rule(action):
    return action[:1].lower() + action[1:] + "WithOptions"


def attribute_rule(name):
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def on_npm(name):
    found = subprocess.run(["npm", "view", name, "version"], capture_output=True, text=True)
    return found.returncode == 0 and found.stdout.strip() != ""


def compare(model, dump):
    """The operations and members where the package is not the rule, against the model."""
    shapes = model["shapes"]
    classes, methods = dump["classes"], set(dump["methods"])
    ops, members, seen = {}, {}, set()

    def walk(index):
        shape = shapes[index]
        if isinstance(shape, dict) and "st" in shape:
            name = shape["st"]["n"]
            if name in seen:
                return
            seen.add(name)
            names = {wire: attr for attr, wire in classes.get(name, {}).items()}
            for member in shape["st"].get("m", []):
                attr = names.get(member["n"], "-")
                if attr != attribute_rule(member["n"]):
                    members[f"{name}.{member['n']}"] = attr
                walk(member["s"])
        elif isinstance(shape, dict) and "l" in shape:
            walk(shape["l"]["m"]["s"])
        elif isinstance(shape, dict) and "m" in shape:
            walk(shape["m"]["v"]["s"])

    for op in model["operations"]:
        method = method_rule(op["name"])
        if method not in methods:
            ops[op["name"]] = "-"
            continue
        if "input" in op:
            walk(op["input"])
    return ops, members


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="modeldata/aliyun-npm")
    args = parser.parse_args()
    products = {}
    for path in sorted(glob.glob("models/aliyun/*.json")):
        with open(path, encoding="utf-8") as f:
            model = json.load(f)
        version = model["protocol"]["rpc"]["version"].replace("-", "")
        products[model["service"]] = (model, f"@alicloud/{model['service']}{version}")
    wanted = {service: name for service, (_, name) in products.items() if on_npm(name)}
    names = {}
    for service, (_, name) in products.items():
        if service not in wanted:
            names[service] = {"package": name, "none": "npm has no such package"}
    with tempfile.TemporaryDirectory() as scratch:
        with open(os.path.join(scratch, "package.json"), "w", encoding="utf-8") as f:
            json.dump({"name": "request-builder-aliyun-js-sdk-tests", "private": True}, f)
        install = ["npm", "install", "--save-exact", "--no-audit", "--no-fund", "--ignore-scripts"]
        subprocess.run(install + sorted(wanted.values()) + RUNTIME, cwd=scratch, check=True)
        usable = {}
        for service, name in wanted.items():
            with open(os.path.join(scratch, "node_modules", name, "package.json"), encoding="utf-8") as f:
                manifest = json.load(f)
            if "@alicloud/openapi-core" not in manifest.get("dependencies", {}):
                names[service] = {"package": name, "version": manifest["version"],
                                  "none": "an older SDK generation, on "
                                  + ", ".join(sorted(manifest.get("dependencies", {}))) + ", without <action>WithOptions"}
            else:
                usable[service] = (name, manifest["version"])
        dumped = subprocess.run(["node", "-e", DUMP] + [n for n, _ in usable.values()], cwd=scratch,
                                check=True, capture_output=True, text=True)
        dumps = json.loads(dumped.stdout)
        # Keep only the usable packages (and what the programs import) in the pins.
        for service, entry in names.items():
            if "version" in entry:
                subprocess.run(["npm", "uninstall", "--no-audit", "--no-fund", "--ignore-scripts", entry["package"]],
                               cwd=scratch, check=True)
        for service, (name, version) in usable.items():
            ops, members = compare(products[service][0], dumps[name])
            names[service] = {"package": name, "version": version, "ops": ops, "members": members}
            print(f"{name} {version}: {len(ops)} operations without a method, "
                  f"{sum(1 for v in members.values() if v == '-')} members missing, "
                  f"{sum(1 for v in members.values() if v != '-')} named otherwise than the rule")
        os.makedirs(args.out, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(os.path.join(scratch, name), os.path.join(args.out, name))
    with open(os.path.join(args.out, "names.json"), "w", encoding="utf-8") as f:
        json.dump(dict(sorted(names.items())), f, indent=1, sort_keys=True)
        f.write("\n")
    for service, entry in sorted(names.items()):
        if "none" in entry:
            print(f"{entry['package']}: no program ({entry['none']})")


if __name__ == "__main__":
    main()
