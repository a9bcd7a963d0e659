#!/usr/bin/env bash
# Fuzz the REST API (and Open311, when it publishes a schema) from their own OpenAPI
# schemas with schemathesis, against a throwaway server on 127.0.0.1. Fails on any 5xx.
#
#   scripts/fuzz_api.sh            # FUZZ_EXAMPLES=15 test cases per operation by default
#   FUZZ_EXAMPLES=100 scripts/fuzz_api.sh
#   FUZZ_ARGS="--include-operation-id complaints_create" FUZZ_SKIP_OPEN311=1 scripts/fuzz_api.sh
#
# Everything lives under a temporary directory (SQLite database, media, the server's log)
# that is removed on exit, with the server.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
SCHEMATHESIS=${SCHEMATHESIS:-.venv/bin/schemathesis}
EXAMPLES=${FUZZ_EXAMPLES:-15}
SEED=${FUZZ_SEED:-2026}
# Honest checks beyond "no 5xx": every status and content type is one the schema declares,
# and every JSON body matches its declared schema.
CHECKS=${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bihuan-fuzz.XXXXXX")
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=config.settings.embedded
export BIHUAN_VAR_DIR="$tmp/var"
mkdir -p "$BIHUAN_VAR_DIR"
export DJANGO_SECRET_KEY="fuzz-$(date +%s)-$RANDOM"
unset DATABASE_URL
# The fuzzer sends thousands of requests with one key: lift the per-key rate limit.
export BIHUAN_API_KEY_RATE_PER_MINUTE=100000
export BIHUAN_OPEN311_RATE_PER_KEY=1000000 BIHUAN_OPEN311_RATE_PER_ADDRESS=1000000

port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

echo "== Preparing a throwaway installation in $tmp"
"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py load_demo --count 20 >/dev/null
key=$("$PYTHON" manage.py create_api_key fuzz --role clerk --role handler \
    --role department_head --role supervisor --department exhibitions 2>/dev/null)
open311_key=$("$PYTHON" manage.py create_api_key fuzz311 --kind open311 2>/dev/null)

# Real tracking codes (and attachment ids) for the path parameters most of the time, so
# that the actions reach the forms and services instead of stopping at 404.
"$PYTHON" manage.py shell -v 0 -c '
import json
from bihuan.complaints.models import Attachment, Complaint
codes = list(Complaint.objects.order_by("id").values_list("tracking_code", flat=True)[:40])
ids = list(Attachment.objects.order_by("id").values_list("pk", flat=True)[:20]) or [1]
print("[dictionaries.codes]")
print("values = " + json.dumps(codes))
print("[dictionaries.attachments]")
print("values = " + json.dumps(ids))
print("[parameters]")
print("\"path.code\" = { dictionary = \"codes\", probability = 0.9 }")
print("\"path.attachment_id\" = { dictionary = \"attachments\", probability = 0.9 }")
' >"$tmp/schemathesis.toml"

echo "== Serving on $base"
"$PYTHON" manage.py serve --port "$port" --no-jobs >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "$base/api/schema/"; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$tmp/server.log"; exit 1; fi
    sleep 0.5
done

echo "== Ready after ${SECONDS} s"

status=0
figures=()
run() {
    local name=$1 schema=$2 checks=$3 config=$4
    shift 4
    local started=$SECONDS log="$tmp/schemathesis-$RANDOM.log"
    echo "== schemathesis: $name ($schema)"
    set +e
    "$SCHEMATHESIS" --config-file "$config" run "$schema" \
        --checks "$checks" \
        --max-examples "$EXAMPLES" \
        --seed "$SEED" \
        --workers 2 \
        --phases examples,coverage,fuzzing \
        --generation-database none \
        --request-timeout 30 \
        --no-color \
        "$@" ${FUZZ_ARGS:-} 2>&1 | tee "$log"
    local code=${PIPESTATUS[0]}
    set -e
    if [[ $code -ne 0 ]]; then status=1; fi
    local cases failures
    cases=$(grep -Eo '[0-9]+ generated[^=]*' "$log" | tail -1 || true)
    failures=$(grep -E '^ *❌ ST[0-9]+' "$log" | sed 's/^ *//' | paste -sd ';' - || true)
    figures+=("$name: ${cases:-no test cases} in $((SECONDS - started)) s (exit $code)${failures:+; $failures}")
}

run "REST API v1" "$base/api/schema/" "$CHECKS" "$tmp/schemathesis.toml" --header "Authorization: Token $key"

if [[ -z "${FUZZ_SKIP_OPEN311:-}" ]] && curl -fs -o /dev/null "$base/open311/v2/openapi.json"; then
    # Open311's own helper decides which further checks its schema honours.
    # With a real key, so that the filings reach complaint_register (the query's api_key
    # wins over the body's).
    printf '[parameters]\n"query.api_key" = "%s"\n' "$open311_key" >"$tmp/open311.toml"
    run "Open311 GeoReport v2" "$base/open311/v2/openapi.json" \
        "${FUZZ_OPEN311_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection,response_headers_conformance,unsupported_method,allow_header_conformance,missing_required_header}" \
        "$tmp/open311.toml"
else
    echo "== Open311 publishes no schema at /open311/v2/openapi.json: skipped"
fi

echo "== Figures"
printf '   %s\n' "${figures[@]}"
echo "   whole run: ${SECONDS} s"

# Whatever the checks said, a 5xx in the server's log is a failure.
if grep -Eq 'Internal Server Error|Unhandled error in the API' "$tmp/server.log"; then
    echo "== The server logged errors:"
    grep -E -A30 'Internal Server Error|Unhandled error in the API' "$tmp/server.log" | head -120
    status=1
fi
exit "$status"
