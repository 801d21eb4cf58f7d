#!/usr/bin/env bash
# Measures how fast a hub accepts, validates, stores and starts a 100,000-node workflow.
#   bench/workflow-100k.sh [NODES]
# Starts its own hub (Release build, a temp data directory, no agents so nothing runs), generates a
# native workflow of NODES command nodes (a fan-out tree: each node depends on its parent), then times
#   publish  – upload, parse, validate, git commit
#   execute  – read the version, compile to tasks, store them durably, hand them to the scheduler
# and prints the figures. Nothing is asserted: this is a measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
nodes="${1:-100000}"
work="$(mktemp -d)"
trap 'kill "${hub_pid:-0}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

./cyclone --help >/dev/null # builds the CLI on first use
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
grpc=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./cyclone hub --port "$port" --grpc-port "$grpc" --data "$work/data" >"$work/hub.log" 2>&1 &
hub_pid=$!
hub="http://127.0.0.1:$port"
for _ in $(seq 1 200); do curl -sf "$hub/healthz" >/dev/null && break; sleep 0.1; done

python3 - "$nodes" "$work/wf.json" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
nodes = [{"name": f"n{i}", "command": ["true"]} for i in range(n)]
edges = [{"from": f"n{(i - 1) // 4}", "to": f"n{i}"} for i in range(1, n)]
json.dump({"nodes": nodes, "edges": edges}, open(path, "w"))
PY
size=$(stat -c %s "$work/wf.json")

t0=$(date +%s.%N)
curl -sf -X PUT --data-binary "@$work/wf.json" -H 'Content-Type: application/json' "$hub/api/v1/workflows/big" >"$work/publish.json"
t1=$(date +%s.%N)
curl -sf -X POST "$hub/api/v1/workflows/big/runs" >"$work/run.json"
t2=$(date +%s.%N)
run=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runId"])' "$work/run.json")
counts=$(curl -sf "$hub/api/v1/runs/$run" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"])')

python3 - "$nodes" "$size" "$t0" "$t1" "$t2" "$counts" <<'PY'
import sys
n, size, t0, t1, t2, counts = int(sys.argv[1]), int(sys.argv[2]), *map(float, sys.argv[3:6]), sys.argv[6]
print(f"workflow: {n} nodes, {n - 1} edges, {size / 1e6:.1f} MB of JSON")
print(f"publish (upload, parse, validate, commit):         {t1 - t0:6.2f} s")
print(f"execute (compile, store {n} tasks, schedule):   {t2 - t1:6.2f} s")
print(f"accepted, validated and started:                    {t2 - t0:6.2f} s")
print(f"task states right after execute: {counts}")
PY
