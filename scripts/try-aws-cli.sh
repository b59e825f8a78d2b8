#!/usr/bin/env bash
# Walks a pipeline through its life with the real AWS CLI against a running emulator, printing each command.
#
#   node bin/codepipeline-local.js serve &      # in another terminal
#   bash scripts/try-aws-cli.sh [ENDPOINT]      # default http://127.0.0.1:${CODEPIPELINE_LOCAL_PORT:-4599}
#
# Leaves nothing behind: the pipeline it creates (named try-cli-<time>) is deleted at the end.
set -euo pipefail

cd "$(dirname "$0")/.."
endpoint="${1:-http://127.0.0.1:${CODEPIPELINE_LOCAL_PORT:-4599}}"
name="try-cli-$(date +%s)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

command -v aws >/dev/null || { echo "The AWS CLI (aws) is not on PATH: see https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html" >&2; exit 1; }

# Dummy credentials: the emulator reads the account and region from the signature scope and checks nothing else.
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=dummy-secret AWS_PAGER=''
unset AWS_PROFILE AWS_SESSION_TOKEN
# CLI v1 prints raw epoch numbers unless told otherwise; v2 already defaults to ISO 8601.
printf '[default]\ncli_timestamp_format = iso8601\n' > "$scratch/config"
export AWS_CONFIG_FILE="$scratch/config"

# Commands are echoed on stderr so stdout stays the CLI's JSON, fit for redirecting.
run() { printf '\n$ aws codepipeline %s\n' "$*" >&2; aws --endpoint-url "$endpoint" --region us-east-1 --output json codepipeline "$@"; }

# The fixture's pipeline, renamed so a shared server keeps its own pipelines untouched.
node -e 'const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); f.pipeline.name = process.argv[2]; console.log(JSON.stringify(f));' \
  fixtures/pipelines/cli/create-pipeline.json "$name" > "$scratch/create.json"

run create-pipeline --cli-input-json "file://$scratch/create.json"
run get-pipeline --name "$name"

# UpdatePipeline takes the declaration only: keep `pipeline`, drop `metadata`, and change the Build stage.
run get-pipeline --name "$name" --query pipeline > "$scratch/current.json"
node -e 'const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); p.stages[1].name = "BuildAndTest"; p.stages[1].actions[0].configuration.ProjectName = "other-project"; console.log(JSON.stringify({ pipeline: p }));' \
  "$scratch/current.json" > "$scratch/update.json"
run update-pipeline --cli-input-json "file://$scratch/update.json" --query 'pipeline.{name: name, version: version, stages: stages[].name}'
run list-pipelines

arn="$(aws --endpoint-url "$endpoint" --region us-east-1 --output text codepipeline get-pipeline --name "$name" --query metadata.pipelineArn)"
run tag-resource --resource-arn "$arn" --tags key=env,value=dev
run list-tags-for-resource --resource-arn "$arn"
run delete-pipeline --name "$name"

printf '\n$ aws codepipeline get-pipeline --name %s    # now gone: expect PipelineNotFoundException\n' "$name" >&2
set +e
aws --endpoint-url "$endpoint" --region us-east-1 --output json codepipeline get-pipeline --name "$name"
echo "exit code $? (254 on CLI v2, 255 on v1)"
