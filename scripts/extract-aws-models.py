#!/usr/bin/env python3
"""Copies the botocore service models we emulate into src/model/aws/, without documentation.

Why: the botocore models are the source of truth for shapes, constraints, enums and errors; a
trimmed copy keeps the server independent of Python at run time. Re-run after a botocore upgrade.
"""
import gzip, json, os, sys
import botocore

SERVICES = {"codepipeline": "2015-07-09", "codebuild": "2016-10-06", "codedeploy": "2014-10-06", "codecommit": "2015-04-13", "s3": "2006-03-01", "lambda": "2015-03-31", "sns": "2010-03-31", "codestar-notifications": "2019-10-15", "iam": "2010-05-08", "sts": "2011-06-15", "cloudwatch": "2010-08-01"}
root = os.path.join(os.path.dirname(botocore.__file__), "data")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "model", "aws")

def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in ("documentation", "documentationUrl", "deprecatedMessage")}
    if isinstance(o, list):
        return [strip(x) for x in o]
    return o

# Each model's metadata alone, so the server routes requests without parsing every model at start.
metadata = {}
for name, version in SERVICES.items():
    base = os.path.join(root, name, version)
    path = os.path.join(base, "service-2.json")
    raw = json.load(gzip.open(path + ".gz")) if not os.path.exists(path) else json.load(open(path))
    model = strip(raw)
    model["metadata"]["botocoreVersion"] = botocore.__version__
    with open(os.path.join(out, f"{name}.json"), "w") as f:
        json.dump(model, f, separators=(",", ":"), sort_keys=False)
    metadata[name] = model["metadata"]
    print(f"{name}: {len(model['operations'])} operations", file=sys.stderr)
with open(os.path.join(out, "metadata.json"), "w") as f:
    json.dump(metadata, f, separators=(",", ":"), sort_keys=False)
