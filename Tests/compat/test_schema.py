"""Bodies generated from Qdrant's own OpenAPI document get Qdrant-shaped 4xx answers, never a 5xx.

schemathesis drives the endpoints ragops serves (valid examples and fuzzed bodies: wrong types,
missing fields, unknown enum values) for a bounded number of examples per operation;
$RAGOPS_SCHEMA_EXAMPLES raises the bound for longer runs. The document is
`../shared/qdrant-openapi.json` beside the repository, or $RAGOPS_QDRANT_OPENAPI.
"""

import json
import os
import pathlib
import random
import subprocess
import sys
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPEC = os.environ.get("RAGOPS_QDRANT_OPENAPI") or str(ROOT.parent / "shared" / "qdrant-openapi.json")
SERVED = r"^/(collections|aliases|snapshots)"
NOT_SERVED = r"shards|cluster|upload|optimizations|vectors|discover|recommend|groups|matrix|/points/batch"


def test_generated_requests_never_get_a_server_error(server, tmp_path):
    assert os.path.exists(SPEC), f"Qdrant's OpenAPI document is missing at {SPEC} (set RAGOPS_QDRANT_OPENAPI)"
    seed = int(os.environ.get("RAGOPS_TEST_SEED") or random.randrange(1 << 31))
    examples = os.environ.get("RAGOPS_SCHEMA_EXAMPLES", "15")
    schemathesis = pathlib.Path(sys.executable).parent / "st"
    done = subprocess.run(
        [str(schemathesis), "run", SPEC, "--url", server.url, "--checks", "not_a_server_error",
         "--include-path-regex", SERVED, "--exclude-path-regex", NOT_SERVED, "-n", examples,
         "--phases", "examples,fuzzing", "--seed", str(seed)],
        cwd=tmp_path, capture_output=True, text=True, timeout=900)
    summary = done.stdout[-3000:]
    print(f"schemathesis seed {seed}; replay with RAGOPS_TEST_SEED={seed}\n{summary}")
    assert done.returncode == 0, summary
    assert " passed" in summary
    assert server.process.poll() is None


def send(url, body, method="POST", content_type="application/json"):
    request = urllib.request.Request(url, data=body, method=method, headers={"content-type": content_type})
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_hostile_bodies_get_4xx_in_qdrants_error_shape(server):
    base = server.url + "/collections/hostile"
    status, _ = send(base, json.dumps({"vectors": {"size": 4, "distance": "Dot"}}).encode(), method="PUT")
    assert status == 200
    cases = {
        "oversized": (base + "/points", b"{" + b" " * (33 << 20) + b"}", "PUT", 413),
        "deeply nested": (base + "/points/count", b'{"filter":' + b"[" * 100_000 + b"]" * 100_000 + b"}", "POST", 400),
        "not JSON": (base + "/points/scroll", b"\xff\xfe{", "POST", 400),
        "not an object": (base + "/points/count", b"[1,2,3]", "POST", 400),
        "unknown distance": (server.url + "/collections/h2", b'{"vectors":{"size":4,"distance":"Hamming"}}', "PUT", 400),
        "dimension zero": (server.url + "/collections/h3", b'{"vectors":{"size":0,"distance":"Dot"}}', "PUT", 400),
        "negative id": (base + "/points", b'{"points":[{"id":-1,"vector":[1,2,3,4]}]}', "PUT", 400),
        "NaN-like vector": (base + "/points", b'{"points":[{"id":1,"vector":[1e999,2,3,4]}]}', "PUT", 400),
        "limit too large": (base + "/points/query", b'{"query":[1,2,3,4],"limit":100000000}', "POST", 400),
        "hnsw_ef too large": (base + "/points/query", b'{"query":[1,2,3,4],"params":{"hnsw_ef":100000000}}', "POST", 400),
        "bad with_payload": (base + "/points/scroll", b'{"with_payload":7}', "POST", 400),
        "upload not multipart": (base + "/snapshots/upload", b"abc", "POST", 400),
    }
    for name, (url, body, method, expected) in cases.items():
        status, answer = send(url, body, method=method)
        assert status == expected, f"{name}: {status} {answer[:200]!r}"
        error = json.loads(answer)["status"]["error"]
        assert error and len(error) < 1000, name
    status, answer = send(base + "/points/count", b"{}")
    assert status == 200 and json.loads(answer)["result"] == {"count": 0}
