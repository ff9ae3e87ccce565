"""Pins the AWS SDK for JavaScript v3 packages tests/sdk_js.rs runs the page's programs with.

    js_sdk_pins.py [--published FILE] [--out tests/js-sdk]

The package of each compiled AWS service is named by the SDK's codegen rule from the model's
service id (`sid`, botocore's `metadata.serviceId`): `@aws-sdk/client-` and the id in lower
case, spaces as hyphens (`core::sdk::javascript::package`). `--published` narrows them to the
names a list of npm packages holds (a file whose lines start with a package name, such as a
registry listing; a name the registry does not have would fail the whole install). The packages
are installed once with `npm install --save-exact` in a scratch folder, and its package.json and
package-lock.json are written to OUT: scripts/ensure-test-tools installs from that lock (`npm ci`)
into .cache/js-sdk, and tests/sdk_js.rs samples the services whose package OUT pins and checks
each pinned package's client class, service id and commands.

Run from the project root after scripts/build-models.
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--published")
    parser.add_argument("--out", default="tests/js-sdk")
    args = parser.parse_args()
    names = set()
    for path in glob.glob("models/aws/*.json"):
        with open(path, encoding="utf-8") as f:
            sid = json.load(f).get("sid")
        if sid:
            names.add("@aws-sdk/client-" + sid.lower().replace(" ", "-"))
    if args.published:
        with open(args.published, encoding="utf-8") as f:
            published = {line.split("\t")[0].split()[0] for line in f if line.strip()}
        names &= published
    with tempfile.TemporaryDirectory() as scratch:
        with open(os.path.join(scratch, "package.json"), "w", encoding="utf-8") as f:
            json.dump({"name": "request-builder-js-sdk-tests", "private": True}, f)
        subprocess.run(
            ["npm", "install", "--save-exact", "--no-audit", "--no-fund", "--ignore-scripts"]
            + sorted(names),
            cwd=scratch,
            check=True,
        )
        os.makedirs(args.out, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(os.path.join(scratch, name), os.path.join(args.out, name))
    print("pinned %d packages in %s" % (len(names), args.out))


if __name__ == "__main__":
    main()
