#!/usr/bin/env python3
"""HTTP query and upsert throughput of `ragops serve`, beside the engine's in-process QPS.

    .venv-test/bin/python Scripts/bench-serve.py --ragops .build/release/ragops \
        --base DIR/base.fvecs --query DIR/query.fvecs --metric euclid [--ef 64] [--seconds 10]

Loads --base into a fresh data directory (one segment, M=16, ef_construct=200, vectors in
memory), runs `ragops bench ann` on the same files for the in-process QPS (one thread and
--search-threads 2), then starts `ragops serve` and drives `POST /collections/bench/points/query`
(one query vector per request, limit 10, the same ef) with wrk at 1, 8 and 64 keep-alive
connections, and `PUT /collections/bench/points` (batches of 100 points) with 4 connections.
wrk (Debian package `wrk`) must be on PATH; it runs on the same machine, with 2 threads.
Prints one table; nothing is written outside a temporary folder.
"""

import argparse
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile


def read_fvecs(path, limit=None):
    vectors = []
    with open(path, "rb") as f:
        while limit is None or len(vectors) < limit:
            head = f.read(4)
            if not head:
                break
            (d,) = struct.unpack("<i", head)
            vectors.append(list(struct.unpack(f"<{d}f", f.read(4 * d))))
    return vectors


def run(*args, **kwargs):
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args[:4]))}…: {done.stderr.strip()}")
    return done.stdout


def lua_script(path, method, route, bodies):
    with open(path, "w") as f:
        f.write("bodies = {\n")
        for body in bodies:
            f.write("[==[" + body + "]==],\n")
        f.write("}\ncounter = 0\n")
        f.write("request = function()\n  counter = counter + 1\n")
        f.write(f'  return wrk.format("{method}", "{route}", {{["Content-Type"] = "application/json"}}, '
                "bodies[(counter % #bodies) + 1])\nend\n")
        f.write('response = function(status, headers, body)\n  if status ~= 200 then errors = (errors or 0) + 1; '
                'io.stderr:write("status " .. status .. ": " .. body .. "\\n") end\nend\n')


def wrk(url, script, connections, seconds):
    out = run("wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s", "--latency",
              "-s", script, url)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def percentile(p):
        match = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", out)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, percentile(50), percentile(99), int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ragops", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--query", required=True)
    parser.add_argument("--metric", default="cosine", choices=["cosine", "dot", "euclid"])
    parser.add_argument("--ef", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", default="1,8,64")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not on PATH (apt-get install wrk)")
    queries = read_fvecs(args.query, limit=1000)
    dim = len(queries[0])
    scratch = tempfile.mkdtemp(prefix="ragops-bench-serve-")
    data = os.path.join(scratch, "data")
    try:
        base_count = os.path.getsize(args.base) // (4 * (dim + 1))
        run(args.ragops, "--data", data, "collection", "create", "bench", "--dim", str(dim), "--distance",
            args.metric, "--storage", "memory", "--ef-construct", "200", "--ef", str(args.ef),
            "--segment-points", str(base_count + 1))
        run(args.ragops, "--data", data, "points", "upsert", "bench", "--file", args.base)
        run(args.ragops, "--data", data, "collection", "flush", "bench")
        metric = {"euclid": "l2"}.get(args.metric, args.metric)
        lines = run(args.ragops, "bench", "ann", "--json", "--base", args.base, "--query", args.query, "--metric",
                    metric, "--ef", str(args.ef), "--search-threads", "2").splitlines()
        inprocess = {}
        for line in lines:
            row = json.loads(line)
            if "qps" in row:
                inprocess[row.get("threads", 1)] = row["qps"]
        server = subprocess.Popen([args.ragops, "serve", "--data", data, "--listen", "127.0.0.1:0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        url = re.search(r"(http://\S+)", server.stdout.readline()).group(1)
        try:
            query_script = os.path.join(scratch, "query.lua")
            lua_script(query_script, "POST", "/collections/bench/points/query",
                       [json.dumps({"query": q, "limit": 10, "params": {"hnsw_ef": args.ef}}) for q in queries])
            rows = []
            for clients in [int(c) for c in args.clients.split(",")]:
                rows.append((f"query, {clients} client{'s' if clients > 1 else ''}",) + wrk(url, query_script, clients, args.seconds))
            upsert_script = os.path.join(scratch, "upsert.lua")
            batches = []
            for b in range(40):
                points = [{"id": 10_000_000 + b * 100 + k, "vector": queries[(b * 100 + k) % len(queries)],
                           "payload": {"batch": b}} for k in range(100)]
                batches.append(json.dumps({"points": points}))
            lua_script(upsert_script, "PUT", "/collections/bench/points?wait=true", batches)
            rps, p50, p99, errors = wrk(url, upsert_script, 4, args.seconds)
            rows.append(("upsert ×100, 4 writers", rps * 100, p50, p99, errors))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=120)
        print(f"{base_count:,} × {dim} ({args.metric}), ef {args.ef}, wrk {args.seconds} s per row")
        print(f"in-process: {inprocess.get(1, 0):,.0f} QPS on 1 thread, {inprocess.get(2, 0):,.0f} QPS on 2 threads")
        print(f"{'load':<26}{'per s':>10}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}")
        for name, rate, p50, p99, errors in rows:
            print(f"{name:<26}{rate:>10,.0f}{p50:>9.2f}{p99:>9.2f}{errors:>9}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
