# The Python runtime of codepipeline-local's Lambda image: a client of the Lambda Runtime API, as AWS's runtime
# interface client is (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html). It imports the handler
# ($_HANDLER, `module.function` under $LAMBDA_TASK_ROOT), then loops: GET the next invocation, run the handler, POST
# its result or error. The root logger writes `[LEVEL]\t<time>\t<request id>\t<message>` lines, as in CloudWatch.
import decimal
import importlib
import json
import logging
import os
import resource
import sys
import time
import traceback
import urllib.request

BASE = "http://%s/2018-06-01/runtime" % os.environ["AWS_LAMBDA_RUNTIME_API"]
# Written after each invocation's output, so the emulator knows the invocation's log is complete; never shown.
END_MARKER = "\x1ecodepipeline-local:end "
current_request_id = None


def call(method, path, body=None, headers=None):
    req = urllib.request.Request(BASE + path, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(req) as res:
        return res.headers, res.read()


def max_memory_header():
    return {"Codepipeline-Local-Max-Memory-Used": str((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + 1023) // 1024)}


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = current_request_id
        return True


class LambdaFormatter(logging.Formatter):
    converter = time.gmtime

    def __init__(self):
        super().__init__("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S")


handler_out = logging.StreamHandler(sys.stdout)
handler_out.setFormatter(LambdaFormatter())
handler_out.addFilter(RequestIdFilter())
logging.getLogger().addHandler(handler_out)


class ClientContext:
    def __init__(self, client, custom, env):
        self.client = client
        self.custom = custom
        self.env = env


class LambdaContext:
    def __init__(self, headers):
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.aws_request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        if headers.get("Lambda-Runtime-Client-Context"):
            context = json.loads(headers.get("Lambda-Runtime-Client-Context"))
            self.client_context = ClientContext(context.get("client"), context.get("custom"), context.get("env"))
        self._deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms", "0"))

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def to_json(value):
    def default(o):
        if isinstance(o, decimal.Decimal):
            return int(o) if o == o.to_integral_value() else float(o)
        raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)

    return json.dumps(value, default=default)


def error_payload(error_type, message, tb=None, request_id=""):
    payload = {"errorMessage": message, "errorType": error_type, "requestId": request_id}
    payload["stackTrace"] = traceback.format_list(traceback.extract_tb(tb)) if tb else []
    return payload


def load_handler():
    spec = os.environ.get("_HANDLER", "")
    module_name, _, function_name = spec.rpartition(".")
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", "/var/task"))
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except SyntaxError as e:
        return None, error_payload("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e))
    except Exception as e:
        return None, error_payload("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    fn = getattr(module, function_name, None)
    if fn is None:
        return None, error_payload("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return fn, None


def main():
    global current_request_id
    fn, init_error = load_handler()
    if init_error:
        print("[ERROR] %s: %s" % (init_error["errorType"], init_error["errorMessage"]), flush=True)
        call("POST", "/init/error", to_json(init_error).encode(), {"Lambda-Runtime-Function-Error-Type": init_error["errorType"]})
        sys.exit(1)
    while True:
        headers, body = call("GET", "/invocation/next")
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        current_request_id = request_id
        os.environ["_X_AMZN_TRACE_ID"] = headers.get("Lambda-Runtime-Trace-Id", "")
        try:
            result = fn(json.loads(body), LambdaContext(headers))
            try:
                out = to_json(result).encode()
            except Exception as e:
                raise RuntimeError("Unable to marshal response: %s" % e) from None
            call("POST", "/invocation/%s/response" % request_id, out, {"Content-Type": "application/json", **max_memory_header()})
        except Exception as e:
            error_type = "Runtime.MarshalError" if str(e).startswith("Unable to marshal response") else type(e).__name__
            payload = error_payload(error_type, str(e), e.__traceback__.tb_next if e.__traceback__ else None, request_id)
            print("[ERROR] %s: %s\nTraceback (most recent call last):\n%s" % (error_type, e, "".join(payload["stackTrace"])), end="", flush=True)
            call("POST", "/invocation/%s/error" % request_id, to_json(payload).encode(), {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": error_type, **max_memory_header()})
        sys.stdout.write("%s%s\n" % (END_MARKER, request_id))
        sys.stdout.flush()
        current_request_id = None


if __name__ == "__main__":
    main()
