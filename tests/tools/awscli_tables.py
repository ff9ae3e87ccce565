"""The argument tables of the AWS CLI this interpreter runs, for tests/cli_tables.rs.

Run with the interpreter of the CLI's venv (.venv for v1, .venv-awscli2 for v2). It reuses
tools/awscli_args.py's introspection (the real driver's command tables, every customization
applied, each argument added to a real argparse parser) and prints, as one JSON document on
stdout, only what the comparison needs:

    {"awscli": "<version>",
     "services": {"<cli service name>": {"<OperationName>": {
         "cli": "<command>",
         "args": [[member, option, kind, negative, bool_style, hidden], ...],
         "members": [every top-level member the CLI's bundled model has]}}},
     "old_list": [[cli service, command, option], ...]}

`old_list` lists the options whose list of one-member structures the CLI takes as bare words
(`aws elb register-instances-with-load-balancer --instances i-1 i-2`): its argprocess.py's
`_uses_old_list_case`, asked for every argument of every command (v1 keys it by the service id,
v2 by the command name).

`args` holds the arguments that carry a whole top-level member: not the ones that set a nested
field (`submember`) and not hidden aliases of another argument. Every CLI name of a service
(`s3api`, aliases) maps to the same operations.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                                'tools'))

import awscli_args  # noqa: E402


def old_list_options(doc):
    from awscli.argprocess import ParamShorthand
    from awscli.clidriver import create_clidriver
    session = create_clidriver().session
    shorthand = ParamShorthand()
    found = []
    for name, svc in doc['services'].items():
        try:
            service_id = session.get_service_model(name).service_id.hyphenize()
        except Exception:  # noqa: BLE001 - a service the CLI's botocore lacks
            service_id = None
        for op in svc['operations'].values():
            for arg in op['args']:
                if any(shorthand._uses_old_list_case(key, op['cli'], arg['arg'])
                       for key in (svc['cli'], service_id) if key):
                    found.append([svc['cli'], op['cli'], arg['arg']])
    return sorted(found)


def main():
    doc, _ = awscli_args.build(keep_all=True)
    services = {}
    for svc in doc['services'].values():
        ops = {}
        for name, op in svc['operations'].items():
            args = [[a['member'], a['arg'], a['kind'], a.get('negative'), a.get('bool_style'),
                     a['hidden']]
                    for a in op['args']
                    if a['member'] is not None and 'submember' not in a
                    and 'alias_of' not in a]
            members = sorted({a['member'] for a in op['args'] if a['member'] is not None}
                             | set(op.get('unexposed_members', ())))
            ops[name] = {'cli': op['cli'], 'args': args, 'members': members}
        for cli in [svc['cli']] + svc.get('cli_aliases', []):
            services[cli] = ops
    json.dump({'awscli': doc['awscli'], 'services': services, 'old_list': old_list_options(doc)},
              sys.stdout)
    return 0


if __name__ == '__main__':
    sys.exit(main())
