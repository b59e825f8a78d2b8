"""Runs AWS CLI commands for the tests, one per line of stdin, in one long-lived Python process.

Each request is a JSON line {"args": [...], "env": {...}, "cwd"?} (an env value null removes the variable), or with
"environ" the whole environment instead of the driver's own; each answer a JSON line {"code", "stdout", "stderr"}.
With `--socket PATH` it answers on a unix socket instead, one request per connection (aws-cli-shim.py's), one at a time.
A command runs exactly as the `aws` script runs it (awscli.clidriver.main with a fresh session that reads the
environment), so parsing, serialisation, retries and output formatting are the CLI's own. What this saves is the
interpreter's start and the imports, about half a second per command on this machine.
"""
import contextlib
import io
import json
import os
import socket
import sys
import traceback

import awscli
import awscli.clidriver

answers = os.fdopen(os.dup(sys.stdout.fileno()), 'w', encoding='utf-8')
base_env = dict(os.environ)
base_cwd = os.getcwd()


def run(request):
    os.environ.clear()
    os.environ.update(request.get('environ') or base_env)
    env = request.get('env') or {}
    for key, value in env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    os.chdir(request.get('cwd') or base_cwd)
    # awscli appends its own data folder to AWS_DATA_PATH when it is imported, which here was once, before this request.
    cli_data = os.path.join(os.path.dirname(awscli.__file__), 'data')
    data_paths = [p for p in os.environ.get('AWS_DATA_PATH', '').split(os.pathsep) if p]
    if cli_data not in data_paths:
        os.environ['AWS_DATA_PATH'] = os.pathsep.join(data_paths + [cli_data])
    # As the `aws` script does before it imports the CLI.
    if os.environ.get('LC_CTYPE', '') == 'UTF-8':
        os.environ['LC_CTYPE'] = 'en_US.UTF-8'
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    # Text streams over bytes, as a real process's are: some commands write to sys.stdout.buffer.
    out = io.TextIOWrapper(out_bytes, encoding='utf-8', write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding='utf-8', write_through=True)
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = awscli.clidriver.create_clidriver().main(request['args'])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except Exception:  # an uncaught error ends the `aws` process with a traceback and 1
            traceback.print_exc()
            code = 1
    out.flush()
    err.flush()
    return {'code': code or 0, 'stdout': out_bytes.getvalue().decode('utf-8', 'replace'), 'stderr': err_bytes.getvalue().decode('utf-8', 'replace')}


def serve(path):
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    while True:
        connection, _ = server.accept()
        with connection, connection.makefile('rw', encoding='utf-8') as stream:
            line = stream.readline()
            if line.strip():
                stream.write(json.dumps(run(json.loads(line))) + '\n')


if len(sys.argv) == 3 and sys.argv[1] == '--socket':
    serve(sys.argv[2])
else:
    for line in sys.stdin:
        if line.strip():
            answers.write(json.dumps(run(json.loads(line))) + '\n')
            answers.flush()
