#!/usr/bin/env python3
"""HTTP query and upsert throughput of `ragops serve`, beside the engine's in-process QPS.

    .venv-test/bin/python Scripts/bench-serve.py --ragops .build/release/ragops \
        --base DIR/base.fvecs --query DIR/query.fvecs --metric euclid [--ef 64] [--seconds 10]

Loads --base into a fresh data directory (merged into one segment, M=16, ef_construct=200,
vectors in memory, the default indexing threshold), runs `ragops bench ann` on the same files for the in-process QPS (one thread and
--search-threads 2), then starts `ragops serve` and drives `POST /collections/bench/points/query`
(one query vector per request, limit 10, the same ef) with wrk at 1, 8 and 64 keep-alive
connections, then at half the rate of the most connections (as many connections, each pausing
between requests), and `PUT /collections/bench/points` (batches of 100 points) with 4
connections.
wrk (Debian package `wrk`) must be on PATH; it runs on the same machine, with 2 threads.
With --mixed SECONDS (and --truth) it then runs the mixed load: wrk queries at 8 connections
for that long while a client ingests far-away points in batches of 100, another takes a
collection snapshot every 20 s, a third measures recall@10 against --truth, and a backup
schedule (`--every 1m`) runs inside the server; it prints query p99 and recall beside the
same measured idle, and the errors seen. Prints one table; nothing is written outside a
temporary folder.
"""

import argparse
import http.client
import threading
import time
import urllib.parse
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


def lua_script(path, method, route, bodies, delay_ms=0):
    """A wrk script cycling through `bodies`; with `delay_ms`, each connection waits that long
    before each request (wrk's `delay`), which paces the offered load."""
    with open(path, "w") as f:
        if delay_ms:
            f.write(f"function delay()\n  return {delay_ms}\nend\n")
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


def read_ivecs(path, limit):
    rows = []
    with open(path, "rb") as f:
        while len(rows) < limit:
            head = f.read(4)
            if not head:
                break
            (k,) = struct.unpack("<i", head)
            rows.append(struct.unpack(f"<{k}i", f.read(4 * k)))
    return rows


class Client:
    """One keep-alive HTTP connection speaking JSON."""

    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        self.connection.request(method, path, body=data, headers={"Content-Type": "application/json"})
        answer = self.connection.getresponse()
        payload = answer.read()
        return answer.status, payload


def recall(url, queries, truth, ef, stop=None):
    client, found, total = Client(url), 0, 0
    for query, row in zip(queries, truth):
        if stop is not None and stop.is_set():
            break
        status, payload = client.call("POST", "/collections/bench/points/query",
                                      {"query": query, "limit": 10, "params": {"hnsw_ef": ef}})
        if status != 200:
            raise SystemExit(f"query failed with {status}")
        ids = {p["id"] for p in json.loads(payload)["result"]["points"]}
        found += len(ids & set(row[:10]))
        total += 10
    return found / max(total, 1)


def mixed(url, args, queries, query_script, truth, seconds):
    """Query p99, recall and errors under ingest, snapshots and a scheduled backup."""
    stop = threading.Event()
    errors = []
    counts = {"ingested": 0, "snapshots": 0, "recall": None}

    def ingest():
        client, batch = Client(url), 0
        while not stop.is_set():
            points = [{"id": 50_000_000 + batch * 100 + k,
                       "vector": [x + 1_000.0 for x in queries[(batch * 100 + k) % len(queries)]]} for k in range(100)]
            status, _ = client.call("PUT", "/collections/bench/points?wait=true", {"points": points})
            if status != 200:
                errors.append(f"upsert {status}")
            counts["ingested"] += 100
            batch += 1

    def snapshots():
        client = Client(url)
        while not stop.wait(20):
            status, payload = client.call("POST", "/collections/bench/snapshots")
            if status != 200:
                errors.append(f"snapshot {status}")
                continue
            counts["snapshots"] += 1
            name = json.loads(payload)["result"]["name"]
            client.call("DELETE", f"/collections/bench/snapshots/{name}")

    def measure_recall():
        counts["recall"] = recall(url, queries * 50, truth * 50, args.ef, stop)

    workers = [threading.Thread(target=f) for f in (ingest, snapshots, measure_recall)]
    for worker in workers:
        worker.start()
    try:
        result = wrk(url, query_script, 8, seconds)
    finally:
        stop.set()
        for worker in workers:
            worker.join()
    return result, counts, errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ragops", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--query", required=True)
    parser.add_argument("--metric", default="cosine", choices=["cosine", "dot", "euclid"])
    parser.add_argument("--ef", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", default="1,8,64")
    parser.add_argument("--truth", help="ground truth (.ivecs) for the mixed run's recall")
    parser.add_argument("--mixed", type=int, default=0, help="seconds of mixed load (0: none)")
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
        # Sealed in pieces past the indexing threshold, then merged into one segment and graph.
        run(args.ragops, "--data", data, "collection", "optimize", "bench")
        metric = {"euclid": "l2"}.get(args.metric, args.metric)
        lines = run(args.ragops, "bench", "ann", "--json", "--base", args.base, "--query", args.query, "--metric",
                    metric, "--ef", str(args.ef), "--search-threads", "2").splitlines()
        inprocess = {}
        for line in lines:
            row = json.loads(line)
            if "qps" in row:
                inprocess[row.get("threads", 1)] = row["qps"]
        def start_server():
            started = subprocess.Popen([args.ragops, "serve", "--data", data, "--listen", "127.0.0.1:0"],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            return started, re.search(r"(http://\S+)", started.stdout.readline()).group(1)

        server, url = start_server()
        try:
            query_script = os.path.join(scratch, "query.lua")
            lua_script(query_script, "POST", "/collections/bench/points/query",
                       [json.dumps({"query": q, "limit": 10, "params": {"hnsw_ef": args.ef}}) for q in queries])
            rows = []
            for clients in [int(c) for c in args.clients.split(",")]:
                rows.append((f"query, {clients} client{'s' if clients > 1 else ''}",) + wrk(url, query_script, clients, args.seconds))
            # Half the most clients' rate, offered by as many connections each pausing between
            # requests: the latency a service sees at half its measured capacity.
            busiest = max(int(c) for c in args.clients.split(","))
            full_rate = rows[-1][1]
            paced_script = os.path.join(scratch, "paced.lua")
            delay = max(1, round(busiest * 1000 / (full_rate / 2)))
            lua_script(paced_script, "POST", "/collections/bench/points/query",
                       [json.dumps({"query": q, "limit": 10, "params": {"hnsw_ef": args.ef}}) for q in queries],
                       delay_ms=delay)
            rows.append((f"query, half load ({busiest} paced)",) + wrk(url, paced_script, busiest, args.seconds))
            upsert_script = os.path.join(scratch, "upsert.lua")
            batches = []
            for b in range(40):
                # Far from every query, so the measured recall stays that of the loaded points.
                points = [{"id": 10_000_000 + b * 100 + k,
                           "vector": [x + 1_000.0 for x in queries[(b * 100 + k) % len(queries)]],
                           "payload": {"batch": b}} for k in range(100)]
                batches.append(json.dumps({"points": points}))
            lua_script(upsert_script, "PUT", "/collections/bench/points?wait=true", batches)
            rps, p50, p99, errors = wrk(url, upsert_script, 4, args.seconds)
            rows.append(("upsert ×100, 4 writers", rps * 100, p50, p99, errors))
            mixed_report = None
            if args.mixed:
                truth = read_ivecs(args.truth, len(queries))
                idle = wrk(url, query_script, 8, args.seconds)
                idle_recall = recall(url, queries, truth, args.ef)
                # The backup schedule exists for the mixed phase only; changing it needs the
                # data directory, so the server stops for it and starts again.
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=120)
                run(args.ragops, "--data", data, "schedule", "set", "mixed", "--every", "1m", "--retention-days", "1")
                server, url = start_server()
                busy, counts, failures = mixed(url, args, queries, query_script, truth, args.mixed)
                mixed_report = (idle, idle_recall, busy, counts, failures)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=120)
        print(f"{base_count:,} × {dim} ({args.metric}), ef {args.ef}, wrk {args.seconds} s per row")
        print(f"in-process: {inprocess.get(1, 0):,.0f} QPS on 1 thread, {inprocess.get(2, 0):,.0f} QPS on 2 threads")
        print(f"{'load':<26}{'per s':>10}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}")
        for name, rate, p50, p99, errors in rows:
            print(f"{name:<26}{rate:>10,.0f}{p50:>9.2f}{p99:>9.2f}{errors:>9}")
        if mixed_report:
            idle, idle_recall, busy, counts, failures = mixed_report
            print(f"idle, 8 clients           {idle[0]:>10,.0f}{idle[1]:>9.2f}{idle[2]:>9.2f}{idle[3]:>9}   recall@10 {idle_recall:.4f}")
            print(f"mixed {args.mixed} s, 8 clients    {busy[0]:>10,.0f}{busy[1]:>9.2f}{busy[2]:>9.2f}{busy[3]:>9}"
                  f"   recall@10 {counts['recall']:.4f}")
            backups = json.loads(run(args.ragops, "--data", data, "--read-only", "--json", "-c", "backup list"))
            listed = backups.get("result", [])
            made = len(listed) if isinstance(listed, list) else len(listed.get("backups", []))
            print(f"during the mixed run: {counts['ingested']:,} points ingested, {counts['snapshots']} snapshots, "
                  f"{made} scheduled backups in the catalog, {len(failures)} errors {failures[:3]}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
