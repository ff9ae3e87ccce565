"""AWS CLI v2, in process, as an oracle of the requests commands send: for tests/cli_examples.rs.

    awscli2_oracle.py IN.json OUT.json

IN is a list of {"original": text, "page": text}, each an `aws …` command as bash would read it
(or null: nothing to run); the text is split into words with Python's POSIX shlex, which is
bash's quoting without expansions (the test leaves commands that need those out). One driver (`awscli.clidriver.create_clidriver()`) runs them all, one after the other,
exactly as `aws` would parse and run them; the first request each sends is taken at botocore's
`before-send` event and never leaves the process (the handler raises, so nothing is sent and
nothing is retried or paged). OUT is a list of the same length, {"original": R, "page": R}, R null for null, else
{"kind": "operation" | what else the command is, "request": {method, path, query, headers,
 body, binary} | null, "rc": int, "error": the CLI's last stderr line when it sent nothing}.
"kind" says whether `aws <service> <command>` is an API operation's command (ServiceOperation)
or one of the CLI's own commands (`s3 cp`, `deploy`, `wait`, …), which are not run.

Dummy credentials and no config file: nothing depends on the machine running the test.
"""

import base64
import contextlib
import io
import json
import os
import shlex
import sys
from urllib.parse import urlsplit

os.environ.update(
    AWS_ACCESS_KEY_ID='AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    AWS_CONFIG_FILE=os.devnull,
    AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    AWS_DEFAULT_REGION='us-east-1',
    AWS_EC2_METADATA_DISABLED='true',
    AWS_PAGER='',
    AWS_CLI_AUTO_PROMPT='off',
)
for name in ('AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_ENDPOINT_URL',
             'AWS_SESSION_TOKEN', 'AWS_CLI_BINARY_FORMAT'):
    os.environ.pop(name, None)

from awscli.arguments import CLIArgument  # noqa: E402
from awscli.clidriver import ServiceCommand, ServiceOperation  # noqa: E402
from awscli.customizations.paginate import PageArgument  # noqa: E402
from awscli.clidriver import create_clidriver  # noqa: E402


class Captured(Exception):
    """Raised at before-send: the request is taken, and the command goes no further."""


def per_run_handlers(driver):
    """Makes one driver good for many commands; returns what to call after each.

    Every `driver.main()` emits `top-level-args-parsed` and `session-initialized`, whose handlers
    register handlers of their own on the session (the file:// loader, the blob format of
    `--cli-binary-format`, ...): a second command would run them twice, the thousandth a
    thousand times. What those two events register is undone after each command; what lazily
    loaded plugins register while they are emitted stays, as it would in a fresh process.
    """
    emitter = driver.session.get_component('event_emitter')
    registered = []
    depth = {'recording': 0, 'lazy': 0}
    base = type(emitter)

    # A subclass, not patched instance attributes: clients copy the session's emitter, and a
    # copy must keep registering on itself.
    class Recording(base):
        def _verify_and_register(self, event_name, handler, unique_id, register_method,
                                 unique_id_uses_count):
            super()._verify_and_register(event_name, handler, unique_id, register_method,
                                         unique_id_uses_count)
            if self is emitter and depth['recording'] and not depth['lazy']:
                registered.append((event_name, handler, unique_id, unique_id_uses_count))

        def _ensure_initialized(self, event_name):
            depth['lazy'] += 1
            try:
                return super()._ensure_initialized(event_name)
            finally:
                depth['lazy'] -= 1

    if not hasattr(base, '_ensure_initialized'):
        del Recording._ensure_initialized
    emitter.__class__ = Recording
    # Each operation's argument table registers handlers on the session's generic events
    # (`calling-command.*`, `before-building-argument-table-parser`, ...), which every later
    # command then runs too; a CLI process builds one table. The table is built afresh for
    # each command and its handlers go with it.
    built = []
    create_table = ServiceOperation._create_argument_table

    def create_argument_table(self):
        depth['recording'] += 1
        try:
            built.append(self)
            return create_table(self)
        finally:
            depth['recording'] -= 1

    ServiceOperation._create_argument_table = create_argument_table
    for name in ('_handle_top_level_args', '_emit_session_event'):
        method = getattr(driver, name)

        def wrapped(*args, _method=method, **kwargs):
            depth['recording'] += 1
            try:
                return _method(*args, **kwargs)
            finally:
                depth['recording'] -= 1

        setattr(driver, name, wrapped)

    def undo():
        while registered:
            event_name, handler, unique_id, uses_count = registered.pop()
            emitter.unregister(event_name, handler, unique_id, uses_count)
        while built:
            built.pop()._arg_table = None

    return undo


def custom_options(driver, argv):
    """The options of the command's argument table that are the CLI's own (customizations such
    as `ec2 run-instances --count` or `cloudwatch put-metric-data --metric-name`), not an input
    member's argument: the page models members, so it does not read these."""
    words = [w for w in argv if not w.startswith('-')][:2]
    try:
        operation = driver._get_command_table()[words[0]]._get_command_table()[words[1]]
        table = operation.arg_table
    except Exception:  # noqa: BLE001 - only asked for commands that ran
        return []
    return ['--' + name for name, arg in table.items()
            if not isinstance(arg, (CLIArgument, PageArgument))]


def kind(driver, argv):
    """What `aws <service> <command>` names: an API operation's command, or what else."""
    words = [w for w in argv if not w.startswith('-')][:2]
    if len(words) < 2:
        return 'no command'
    top = driver._get_command_table().get(words[0])
    if top is None:
        return 'no such service'
    if not isinstance(top, ServiceCommand):
        return 'aws %s' % words[0]
    sub = top._get_command_table().get(words[1])
    if isinstance(sub, ServiceOperation):
        return 'operation'
    if words[1] == 'wait':
        return 'aws <service> wait'
    if sub is None:
        return 'no such command'
    return 'custom command %s' % type(sub).__name__


def main(in_path, out_path):
    with open(in_path) as f:
        items = json.load(f)
    driver = create_clidriver()
    session = driver.session
    taken = []

    def before_send(request, **kwargs):
        taken.append(request)
        raise Captured()

    session.register('before-send', before_send)
    # Building a client is most of a command's time; the CLI builds one per command from the
    # service, region, endpoint and TLS setting alone (clidriver.CLIOperationCaller.invoke), so
    # one client per such key sends what a fresh one would. Other calls are left alone.
    clients = {}
    create_client = session.create_client
    # A client copies the session's handlers when it is made, `--cli-binary-format`'s among
    # them (registered per command at session-initialized): the format is part of the key.
    binary_format = ['base64']

    def cached_client(service_name, **kwargs):
        if set(kwargs) != {'region_name', 'endpoint_url', 'verify'}:
            return create_client(service_name, **kwargs)
        key = (service_name, kwargs['region_name'], kwargs['endpoint_url'], kwargs['verify'],
               binary_format[0])
        if key not in clients:
            clients[key] = create_client(service_name, **kwargs)
        return clients[key]

    session.create_client = cached_client
    undo = per_run_handlers(driver)

    def run(text):
        if text is None:
            return None
        try:
            argv = shlex.split(joined(text), posix=True)
        except ValueError as e:
            return {'kind': 'operation', 'rc': None, 'request': None,
                    'error': 'shlex cannot split it: %s' % e}
        if argv[:1] != ['aws']:
            return {'kind': 'not aws', 'rc': None, 'request': None, 'error': None}
        argv = argv[1:]
        result = {'kind': kind(driver, argv), 'rc': None, 'request': None, 'error': None}
        if result['kind'] != 'operation':
            return result
        del taken[:]
        binary_format[0] = next((argv[i + 1] for i, word in enumerate(argv[:-1])
                                 if word == '--cli-binary-format'), 'base64')
        # `--region`/`--profile` of one command must not leak into the next.
        session._session_instance_vars.clear()
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                rc = driver.main(list(argv))
        except SystemExit as e:  # argparse errors exit
            rc = e.code if isinstance(e.code, int) else 2
        except BaseException as e:  # noqa: BLE001 - one bad command must not end the run
            rc = 255
            err.write('%s: %s\n' % (type(e).__name__, e))
        result['custom_options'] = custom_options(driver, argv)
        undo()
        result['rc'] = rc
        if taken:
            result['request'] = describe(taken[0])
        else:
            lines = [line for line in err.getvalue().splitlines() if line.strip()]
            result['error'] = lines[-1] if lines else 'no request, no error (rc %s)' % rc
        return result

    results = [{'original': run(item['original']), 'page': run(item['page'])}
               for item in items]
    with open(out_path, 'w') as f:
        json.dump(results, f)


def joined(text):
    """The text with bash's line continuations (backslash-newline outside single quotes, which
    bash drops) removed: POSIX shlex would keep the newline as a character of the word."""
    out = []
    quote = None
    i = 0
    while i < len(text):
        c = text[i]
        if c == '\\' and quote != "'":
            if text[i + 1:i + 2] == '\n':
                i += 2
                continue
            out.append(text[i:i + 2])
            i += 2
            continue
        if c in '\'"' and quote in (None, c):
            quote = None if quote == c else c
        out.append(c)
        i += 1
    return ''.join(out)


def describe(request):
    url = urlsplit(request.url)
    body = request.body
    if body is None:
        body = b''
    elif hasattr(body, 'read'):
        body = b'<stream>'
    elif isinstance(body, str):
        body = body.encode('utf-8')
    try:
        text, binary = body.decode('utf-8'), False
    except UnicodeDecodeError:
        text, binary = base64.b64encode(body).decode('ascii'), True
    headers = {}
    for name, value in request.headers.items():
        if isinstance(value, bytes):
            value = value.decode('utf-8', 'replace')
        headers[name.lower()] = value
    return {'method': request.method, 'path': url.path or '/', 'query': url.query,
            'headers': headers, 'body': text, 'binary': binary}


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
