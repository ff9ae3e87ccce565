#!/usr/bin/env python
"""Dump the argument table of every AWS CLI v1 operation, by introspection.

Run with the project venv's interpreter (it has the pinned awscli):

    .venv/bin/python tools/awscli_args.py --out target/awscli-args.json
    .venv/bin/python tools/awscli_args.py --all --out target/awscli-args-all.json
    .venv/bin/python tools/awscli_args.py --service dms --service ec2   # subset

Nothing here parses help text or model JSON by hand.  The script builds the
real CLI driver (``awscli.clidriver.create_clidriver()``), walks its command
table, and for every ``ServiceOperation`` reads ``.arg_table``: that property
runs ``ServiceOperation._create_argument_table``, which creates the base
arguments from the input shape and then emits
``building-argument-table.<cli service>.<cli operation>``, so every handler in
``awscli/customizations`` (argrename, toplevelbool, paginate, binaryhoist,
streamingoutputarg, cliinputjson, generatecliskeleton, ec2/…, hidden aliases)
has been applied exactly as when the command runs.  Then each argument's
``add_to_parser`` is called on a real argparse parser of the same kind the CLI
uses (``ArgTableArgParser``), so option strings, ``nargs``, ``action`` and
``dest`` are what argparse will actually accept.

Output: one JSON document (see ``build()`` / the README of the reply):

    {"awscli": "1.46.3", "botocore": "<bundled>", "filter": [...] | "all",
     "services": {"<botocore service>": {"cli": "...", "protocol": "...",
         "operations": {"<OperationName>": {"cli": "...", "args": [...],
                                             "paginated": bool, ...}}}},
     "removed": [["<service>", "<OperationName>"], ...]}

A summary goes to stderr.
"""

import argparse
import json
import os
import sys
import time
from collections import OrderedDict

# Keep the user's AWS configuration out of the picture: the argument tables do
# not depend on credentials, but a broken ~/.aws/config would make the CLI fail.
os.environ.setdefault('AWS_CONFIG_FILE', os.devnull)
os.environ.setdefault('AWS_SHARED_CREDENTIALS_FILE', os.devnull)
os.environ.setdefault('AWS_DEFAULT_REGION', 'us-east-1')
os.environ.pop('AWS_PROFILE', None)
os.environ.pop('AWS_DEFAULT_PROFILE', None)

import awscli  # noqa: E402
from awscli import clidriver  # noqa: E402
from awscli.argparser import ArgTableArgParser  # noqa: E402
from awscli.arguments import (  # noqa: E402
    BooleanArgument,
    CLIArgument,
    CustomArgument,
    ListArgument,
)
try:  # v1 lists the arguments whose file:// values are taken literally
    from awscli.paramfile import PARAMFILE_DISABLED  # noqa: E402
except ImportError:  # v2 expands file:// and fileb:// for every argument
    PARAMFILE_DISABLED = frozenset()
from awscli.utils import is_document_type  # noqa: E402

try:  # the CLI's own (bundled) botocore, never the top-level one
    from awscli.botocore import __version__ as BOTOCORE_VERSION
    from awscli.botocore import xform_name
except ImportError:  # pragma: no cover - older awscli used top-level botocore
    from botocore import __version__ as BOTOCORE_VERSION
    from botocore import xform_name

from awscli.customizations.flatten import FlattenedArgument  # noqa: E402
from awscli.customizations.paginate import PageArgument  # noqa: E402
from awscli.customizations.streamingoutputarg import (  # noqa: E402
    StreamingOutputArgument,
)
from awscli.customizations.toplevelbool import (  # noqa: E402
    NegativeBooleanParameter,
    PositiveBooleanArgument,
)

DEFAULT_PROTOCOLS = ('json', 'query', 'ec2', 'smithy-rpc-v2-cbor')

SCALAR = {'string', 'integer', 'long', 'float', 'double', 'boolean',
          'timestamp', 'blob'}


def _kebab(name):
    return xform_name(name, '-')


def _protocol(service_model):
    """The protocol the CLI's client will speak (botocore's resolution)."""
    try:
        return service_model.resolved_protocol
    except Exception:  # unsupported `protocols` list
        return service_model.metadata.get('protocol')


def _actions_for(parser, arg):
    """Call arg.add_to_parser on the operation parser; return new actions."""
    before = list(parser._actions)
    arg.add_to_parser(parser)
    return [a for a in parser._actions if not any(a is b for b in before)]


def _member_of(arg):
    """Top-level input member the argument sets, or None if synthetic."""
    if isinstance(arg, CLIArgument):
        return arg._serialized_name
    return _nested_target(arg)[0]


def _nested_target(arg):
    """(top-level member, nested path) for customizations that hoist a
    nested field to its own argument; (None, None) otherwise."""
    if hasattr(arg, '_original_member_name') and \
            hasattr(arg, '_serialized_name') and \
            not isinstance(arg, CLIArgument):
        # binaryhoist.InjectingArgument (translate --data-file, ...)
        return arg._serialized_name, arg._original_member_name
    if hasattr(arg, '_param_to_overwrite') and \
            hasattr(arg, '_source_arg_blob_member'):
        # customizations.arguments._NestedBlobArgumentParamOverwrite
        # (rekognition --image-bytes -> Image.Bytes)
        return arg._param_to_overwrite, arg._source_arg_blob_member
    if isinstance(arg, FlattenedArgument):
        container = arg._container
        return getattr(container, '_serialized_name', None), arg._property
    return None, None


def _shape_info(model):
    """Type facts that change how a value is written on the command line."""
    info = {}
    if model is None:
        return info
    t = model.type_name
    info['type'] = t
    if is_document_type(model):
        info['document'] = True  # JSON only (no shorthand)
    if t == 'list':
        m = model.member
        info['item_type'] = m.type_name
    elif t == 'map':
        info['value_type'] = model.value.type_name
    if t == 'blob' and model.serialization.get('streaming'):
        info['streaming'] = True
    return info


def _arg_entry(arg, actions, ctx):
    """Describe one argument-table entry (pairs are merged later)."""
    hidden = bool(getattr(arg, '_UNDOCUMENTED', False))
    required = bool(arg.required or getattr(arg, '_DOCUMENT_AS_REQUIRED',
                                            False))
    if len(actions) != 1:
        raise RuntimeError('%s.%s: argument %r added %d argparse actions' % (
            ctx['service_cli'], ctx['op_cli'], arg.name, len(actions)))
    act = actions[0]
    positional = not act.option_strings
    option = act.option_strings[0][2:] if act.option_strings else arg.name
    member = _member_of(arg)
    entry = OrderedDict()
    entry['arg'] = option
    entry['member'] = member
    entry['kind'] = 'value'
    entry['required'] = required
    entry['hidden'] = hidden
    entry['positional'] = positional
    act_name = type(act).__name__  # _StoreAction, _StoreTrueAction, ...
    action = {'_StoreAction': 'store', '_StoreTrueAction': 'store_true',
              '_StoreFalseAction': 'store_false',
              '_StoreConstAction': 'store_const'}.get(act_name, act_name)
    entry['_action'] = action
    entry['_dest'] = act.dest
    if action in ('store_true', 'store_false'):
        entry['kind'] = 'bool'
    if act.nargs is not None and action == 'store':
        entry['nargs'] = act.nargs
    if act.choices:
        entry['choices'] = list(act.choices)
    if act.const is not None and action == 'store':
        entry['const'] = act.const
    if required and not act.required and not positional and \
            entry['kind'] == 'value':
        # documented as required but argparse does not enforce it
        # (hidden-alias pairs, booleans, cli-input-json overrides)
        entry['argparse_required'] = False
    cls = type(arg)
    if cls not in (CLIArgument, ListArgument, BooleanArgument):
        entry['class'] = cls.__name__
    if isinstance(arg, CLIArgument) and \
            hasattr(arg, '_original_member_name'):
        # binaryhoist.OriginalArgument: the structure without the hoisted
        # blob field, which must be given with its own argument instead
        entry['without_submember'] = arg._original_member_name
    nested = _nested_target(arg)[1]
    if nested is not None:
        # the argument sets member.<submember> (a nested field)
        entry['submember'] = nested
    model = getattr(arg, 'argument_model', None)
    if isinstance(arg, (PageArgument, StreamingOutputArgument)):
        entry['type'] = arg.cli_type_name
    elif isinstance(arg, CLIArgument):
        entry.update(_shape_info(model))
    elif isinstance(arg, CustomArgument):
        entry['type'] = arg.cli_type_name
        if model is not None and model.type_name == 'list':
            entry['item_type'] = model.member.type_name
    else:
        try:
            entry['type'] = arg.cli_type_name
        except Exception:
            pass
    is_blob = entry.get('type') == 'blob'
    if is_blob and entry['kind'] == 'value':
        entry['kind'] = 'blob'
        if entry.get('streaming'):
            # argprocess.unpack_scalar_cli_arg: the value must be the path of
            # a local file, opened 'rb'; no fileb:// prefix.
            entry['blob_input'] = 'file-path'
        else:
            # v1: the string is sent as its UTF-8 bytes (botocore base64s it);
            # fileb://PATH reads raw bytes, file://PATH reads text.
            entry['blob_input'] = 'text-or-fileb'
    # Whether file:// / fileb:// / http(s):// values are expanded
    # (paramfile.URIArgumentHandler on load-cli-arg.<endpoint>.<op>.<arg>).
    key = '%s.%s.%s' % (ctx['endpoint_prefix'], ctx['op_cli'], arg.name)
    if key in PARAMFILE_DISABLED or getattr(arg, 'no_paramfile', None):
        entry['paramfile'] = False
    if isinstance(arg, PositiveBooleanArgument):
        entry['_tlb'] = 'pos'
    elif isinstance(arg, NegativeBooleanParameter):
        entry['_tlb'] = 'neg'
    return entry


def _merge_bool_pairs(entries):
    """Fold --x / --no-x argparse pairs into one 'bool-pair' entry."""
    out = []
    used = set()
    n = len(entries)
    for i, e in enumerate(entries):
        if i in used:
            continue
        partner = None
        if e['_action'] == 'store_true' and '_tlb' not in e:
            # BooleanArgument (model booleans) and custom --x/--no-x flags:
            # the negative is store_false into the same dest.
            for j in range(n):
                f = entries[j]
                if j not in used and j != i and \
                        f['_action'] == 'store_false' and \
                        f['_dest'] == e['_dest'] and '_tlb' not in f:
                    partner = j
                    break
        elif e.get('_tlb') == 'pos':
            # toplevelbool: --x [Value=true|false] (nargs='?') and --no-x
            # (store_true into dest no_x), same member.
            for j in range(n):
                f = entries[j]
                if j not in used and j != i and f.get('_tlb') == 'neg' and \
                        f['member'] == e['member'] and \
                        f['_dest'] == 'no_' + e['_dest']:
                    partner = j
                    break
        if partner is None and e['_action'] == 'store_true' and \
                e['member'] is None and '_tlb' not in e:
            # custom flag pairs written as two store_true arguments, e.g.
            # ec2 run-instances --[no-]associate-public-ip-address
            for j in range(n):
                f = entries[j]
                if j not in used and j != i and \
                        f['_action'] == 'store_true' and \
                        f['member'] is None and f['arg'] == 'no-' + e['arg']:
                    partner = j
                    break
        if partner is None and e['_action'] == 'store_false' and \
                '_tlb' not in e:
            # negative listed before its positive (after a rename): let the
            # positive pick it up.
            if any(entries[j]['_action'] == 'store_true' and
                   entries[j]['_dest'] == e['_dest'] and j not in used
                   for j in range(n)):
                continue
        if partner is not None:
            used.add(i)
            used.add(partner)
            f = entries[partner]
            pair = OrderedDict(e)
            pair['kind'] = 'bool-pair'
            pair['negative'] = f['arg']
            pair['negative_hidden'] = f['hidden']
            pair['required'] = e['required'] or f['required']
            if e['_action'] == f['_action']:
                pair['bool_style'] = 'custom'
            elif e.get('_tlb') == 'pos':
                # --x means {"Value": true}, --no-x {"Value": false};
                # --x also accepts a value (shorthand/JSON of the structure).
                pair['bool_style'] = 'value-structure'
                pair.pop('nargs', None)
            else:
                # --x sends true, --no-x sends false (same argparse dest)
                pair['bool_style'] = 'flag'
            out.append(pair)
        else:
            used.add(i)
            out.append(e)
    # a store_false whose positive came later was skipped above; emit
    # any still-unused entries in place (should not happen)
    for i, e in enumerate(entries):
        if i not in used:
            out.append(e)
    for e in out:
        e.pop('_action', None)
        e.pop('_dest', None)
        e.pop('_tlb', None)
    return out


def _preview_services():
    try:
        from awscli.customizations.preview import PREVIEW_SERVICES
    except ImportError:  # v2 has no preview services
        return ()
    return PREVIEW_SERVICES


def describe_operation(op_cmd, service_cli, ctx):
    op_model = op_cmd._operation_model
    arg_table = op_cmd.arg_table  # emits building-argument-table.*
    parser = ArgTableArgParser({})
    entries = []
    for name, arg in arg_table.items():
        actions = _actions_for(parser, arg)
        entries.append(_arg_entry(arg, actions, ctx))
    args = _merge_bool_pairs(entries)
    # hidden aliases (argrename.HIDDEN_ALIASES / utils.make_hidden_alias):
    # a hidden copy of a documented argument, accepted but not shown.
    for a in args:
        if a['hidden'] and a['member'] is not None:
            for b in args:
                if b is not a and not b['hidden'] and \
                        b['member'] == a['member'] and \
                        b.get('submember') == a.get('submember') and \
                        b['kind'] == a['kind']:
                    a['alias_of'] = b['arg']
                    break
    result = OrderedDict()
    result['cli'] = op_cmd.name
    result['args'] = args
    result['paginated'] = any(isinstance(a, PageArgument)
                              for a in arg_table.values())
    if getattr(op_cmd, '_UNDOCUMENTED', False):
        result['hidden'] = True
    if op_model.deprecated:
        result['deprecated'] = True
    # input members that no argument sets (e.g. shadowed by paging args)
    exposed = {a['member'] for a in args if a['member'] is not None}
    members = list(op_model.input_shape.members) \
        if op_model.input_shape is not None else []
    unexposed = [m for m in members if m not in exposed]
    if unexposed:
        result['unexposed_members'] = unexposed
    for a in args:
        if a.get('class') == 'PageArgument':
            shadow = [m for m in members if _kebab(m) == a['arg']]
            if shadow and shadow[0] in unexposed:
                # the model member is only reachable with --no-paginate
                a['shadows'] = shadow[0]
    if op_model.input_shape is not None and \
            op_model.input_shape.serialization.get('payload'):
        result['payload'] = op_model.input_shape.serialization['payload']
    if op_model.has_streaming_output:
        result['streaming_output'] = True
    return result


def build(keep_all=False, only=None, progress=False):
    t0 = time.time()
    driver = clidriver.create_clidriver()
    top = driver._get_command_table()
    session = driver.session
    # botocore service name -> [(cli name, ServiceCommand)]
    by_service = OrderedDict()
    for cli_name, cmd in top.items():
        if isinstance(cmd, clidriver.ServiceCommand):
            by_service.setdefault(cmd._service_name, []).append(
                (cli_name, cmd))
    available = session.get_available_services()
    services = OrderedDict()
    removed = []
    replaced = []
    missing_services = []
    for service_name in sorted(set(available) | set(by_service)):
        if only and service_name not in only:
            continue
        cmds = by_service.get(service_name)
        if not cmds:
            missing_services.append(service_name)
            continue
        documented = [c for c in cmds
                      if not getattr(c[1], '_UNDOCUMENTED', False)]
        cli_name, svc_cmd = (documented or cmds)[0]
        service_model = svc_cmd.service_model
        protocol = _protocol(service_model)
        if not keep_all and protocol not in DEFAULT_PROTOCOLS:
            continue
        if progress:
            print('  %s (%s)' % (service_name, cli_name), file=sys.stderr)
        table = svc_cmd._get_command_table()
        ctx = {'service_cli': cli_name,
               'endpoint_prefix': service_model.endpoint_prefix}
        ops_by_name = OrderedDict()
        custom = []
        for op_cli, op_cmd in table.items():
            if isinstance(op_cmd, clidriver.ServiceOperation):
                ops_by_name.setdefault(op_cmd._operation_model.name,
                                       []).append((op_cli, op_cmd))
            elif op_cli != 'help':
                custom.append(op_cli)
        operations = OrderedDict()
        for op_name in service_model.operation_names:
            found = ops_by_name.get(op_name)
            if not found:
                removed.append([service_name, op_name])
                if _kebab(op_name) in custom:
                    # `aws <cli> <op-cli>` exists but is a hand-written
                    # command with its own arguments (e.g. emr, logs)
                    replaced.append([service_name, op_name, _kebab(op_name)])
                continue
            # documented command first (hidden command aliases, e.g.
            # cloudwatch get-o-tel-enrichment, come after)
            found.sort(key=lambda f: bool(getattr(f[1], '_UNDOCUMENTED',
                                                  False)))
            descs = []
            for op_cli, op_cmd in found:
                ctx['op_cli'] = op_cli
                desc = describe_operation(op_cmd, cli_name, ctx)
                desc['cli'] = op_cli  # the table key is what the user types
                descs.append(desc)
            desc = descs[0]
            for other in descs[1:]:
                if other['args'] == desc['args']:
                    # same arguments under another (usually hidden) name
                    desc.setdefault('cli_aliases', []).append(other['cli'])
                else:
                    # one model operation, several commands with different
                    # argument tables (rds ModifyOptionGroup ->
                    # add-option-to-option-group / remove-option-from-...)
                    desc.setdefault('variants', []).append(other)
            operations[op_name] = desc
        entry = OrderedDict()
        entry['cli'] = cli_name
        if len(cmds) > 1:
            entry['cli_aliases'] = [c[0] for c in cmds if c[0] != cli_name]
        entry['protocol'] = protocol
        protocols = service_model.metadata.get('protocols')
        if protocols:
            entry['protocols'] = list(protocols)
        # awscli/customizations/preview.py: the command refuses to run until
        # `aws configure set preview.<cli name> true`.
        if cli_name in _preview_services():
            entry['preview'] = True
        entry['endpoint_prefix'] = service_model.endpoint_prefix
        entry['api_version'] = service_model.api_version
        if custom:
            entry['custom_commands'] = custom
        entry['operations'] = operations
        services[service_name] = entry
    doc = OrderedDict()
    doc['awscli'] = awscli.__version__
    doc['botocore'] = BOTOCORE_VERSION
    doc['filter'] = 'all' if keep_all else list(DEFAULT_PROTOCOLS)
    doc['services'] = services
    doc['removed'] = removed
    doc['removed_replaced_by_custom_command'] = replaced
    if missing_services:
        doc['services_without_cli_command'] = missing_services
    # The run's seconds go to the summary, not the document: the same inputs give the same
    # bytes, which modeldata/derived.tar.xz relies on (scripts/snapshot-models --check).
    return doc, round(time.time() - t0, 1)


def summarize(doc, elapsed):
    n_ops = n_args = renamed = pairs = blobs = hidden = positional = 0
    tlb = aliases = 0
    renamed_examples = []
    by_proto = {}
    for sname, svc in doc['services'].items():
        by_proto[svc['protocol']] = by_proto.get(svc['protocol'], 0) + 1
        for oname, op in svc['operations'].items():
            n_ops += 1
            for a in op['args']:
                n_args += 1
                if a.get('alias_of'):
                    aliases += 1
                elif a['member'] is not None and 'submember' not in a and \
                        a['arg'] != _kebab(a['member']):
                    renamed += 1
                    if len(renamed_examples) < 5:
                        renamed_examples.append('%s %s --%s (%s)' % (
                            svc['cli'], op['cli'], a['arg'], a['member']))
                if a['kind'] == 'bool-pair':
                    pairs += 1
                    if a['member'] is not None and \
                            a['negative'] != 'no-' + _kebab(a['member']):
                        renamed += 1
                        if len(renamed_examples) < 5:
                            renamed_examples.append('%s %s --%s (%s)' % (
                                svc['cli'], op['cli'], a['negative'],
                                'not ' + a['member']))
                    if a.get('bool_style') == 'value-structure':
                        tlb += 1
                if a['kind'] == 'blob':
                    blobs += 1
                if a['hidden']:
                    hidden += 1
                if a['positional']:
                    positional += 1
    lines = [
        'awscli %s (bundled botocore %s), %.1fs' % (
            doc['awscli'], doc['botocore'], elapsed),
        'services: %d %s' % (len(doc['services']), json.dumps(
            by_proto, sort_keys=True)),
        'operations: %d' % n_ops,
        'removed operations: %d (%d of them replaced by a custom command '
        'of the same name)' % (len(doc['removed']),
                               len(doc['removed_replaced_by_custom_command'])),
        'arguments: %d (hidden %d, positional %d)' % (
            n_args, hidden, positional),
        'renamed arguments: %d  e.g. %s' % (
            renamed, '; '.join(renamed_examples)),
        'hidden alias arguments: %d' % aliases,
        'bool-pairs: %d (of which toplevelbool value-structure: %d)' % (
            pairs, tlb),
        'blob args: %d' % blobs,
    ]
    if doc.get('services_without_cli_command'):
        lines.append('services without a CLI command: %s' % ', '.join(
            doc['services_without_cli_command']))
    return '\n'.join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--out', help='write JSON here instead of stdout')
    p.add_argument('--all', action='store_true',
                   help='keep every protocol (also rest-json, rest-xml)')
    p.add_argument('--service', action='append',
                   help='only this botocore service name (repeatable)')
    p.add_argument('--progress', action='store_true')
    p.add_argument('--indent', type=int, default=None)
    opts = p.parse_args(argv)
    doc, elapsed = build(keep_all=opts.all, only=set(opts.service or ()),
                progress=opts.progress)
    text = json.dumps(doc, indent=opts.indent)
    if opts.out:
        d = os.path.dirname(os.path.abspath(opts.out))
        os.makedirs(d, exist_ok=True)
        with open(opts.out, 'w') as f:
            f.write(text)
            f.write('\n')
    else:
        sys.stdout.write(text + '\n')
    print(summarize(doc, elapsed), file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
