"""An `aws` command for a test's shell: sends its arguments, environment and folder to aws-cli-driver.py's socket (the
path in AWS_CLI_DRIVER_SOCKET), then prints what the CLI printed and exits with its code. It starts in some 20 ms, where
the `aws` script takes about a second of CPU to import the CLI. It is run with -S (no site packages): only stdlib here.
"""
import json
import os
import socket
import sys

request = {'args': sys.argv[1:], 'environ': dict(os.environ), 'cwd': os.getcwd()}
try:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(os.environ['AWS_CLI_DRIVER_SOCKET'])
        connection.sendall((json.dumps(request) + '\n').encode('utf-8'))
        answer = json.loads(connection.makefile('r', encoding='utf-8').readline())
except (OSError, KeyError, ValueError) as error:
    sys.stderr.write(f'aws (the test shim): the AWS CLI driver did not answer: {error!r}\n')
    sys.exit(255)
sys.stdout.write(answer['stdout'])
sys.stderr.write(answer['stderr'])
sys.exit(answer['code'])
