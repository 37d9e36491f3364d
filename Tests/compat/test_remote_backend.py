"""`ragops --url`: the commands operate a Qdrant API (here `ragops serve`) as they operate a data
directory, and their answers equal what the embedded engine gives on the same data."""

import json
import os
import random
import subprocess

import pytest

DIM = 8


def ragops(binary, *args, env=None, check=True):
    done = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})
    if check:
        assert done.returncode == 0, done.stderr
    return done


def remote(server, script, env=None):
    """`ragops --url URL --json -c SCRIPT`, one JSON object per line."""
    done = ragops(server.binary, "--url", server.url, "--json", "-c", script, env=env)
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def remote_docs(start_module_server, tmp_path_factory):
    """A server with a collection `docs` written through `ragops --url`, and the same points."""
    running = start_module_server()
    rng = random.Random(11)
    points = [{"id": i, "vector": [rng.uniform(-1, 1) for _ in range(DIM)],
               "payload": {"tenant": f"t{i % 3}", "n": i}} for i in range(300)]
    folder = tmp_path_factory.mktemp("remote-points")
    path = folder / "points.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in points))
    remote(running, f"collection create docs --dim {DIM} --distance cosine")
    remote(running, f"points upsert docs --file {path}")
    remote(running, "index create docs tenant keyword")
    return running, points


def test_collections_and_info_come_from_the_server(remote_docs):
    server, points = remote_docs
    listing = remote(server, "collections")[0]["result"]
    assert [c["name"] for c in listing["collections"]] == ["docs"]
    info = remote(server, "collection info docs")[0]["result"]
    assert info["points_count"] == len(points)
    assert info["config"]["size"] == DIM


def test_search_count_and_scroll_equal_the_embedded_engine(remote_docs):
    server, points = remote_docs
    query = points[5]["vector"]
    script = (f"search docs --vector '{json.dumps(query)}' --limit 5 --exact\n"
              "points count docs --filter 'tenant:t1'\n"
              "points scroll docs --limit 7 --filter 'n>=100'")
    over_http = remote(server, script)
    embedded = [json.loads(line) for line in ragops(
        server.binary, "--data", server.data, "--read-only", "--json", "-c", script).stdout.splitlines()]
    assert [r["result"] for r in over_http] == [r["result"] for r in embedded]
    assert over_http[1]["result"]["count"] == 100


def test_capabilities_the_api_lacks_are_refused_not_faked(remote_docs):
    server, _ = remote_docs
    done = ragops(server.binary, "--url", server.url, "collection", "verify", "docs", check=False)
    assert done.returncode != 0
    assert "cannot verify" in done.stderr


def test_faults_say_what_to_do_and_never_echo_the_key(start_server):
    keyed = start_server("--api-key", "s3cret-key-value")
    secret = "wrong-key-XYZ"
    done = ragops(keyed.binary, "--url", keyed.url, "--api-key", secret, "collections", check=False)
    assert done.returncode != 0
    assert "401" in done.stderr and "check the API key" in done.stderr
    assert secret not in done.stderr + done.stdout
    done = ragops(keyed.binary, "--url", keyed.url, "collections", env={"QDRANT_API_KEY": "s3cret-key-value"})
    assert "NAME" in done.stdout or "no collections" in done.stdout
    refused = ragops(keyed.binary, "--url", "http://127.0.0.1:1", "collections", check=False)
    assert refused.returncode != 0 and "refused the connection" in refused.stderr
    wrong = ragops(keyed.binary, "--url", "ftp://example", "collections", check=False)
    assert wrong.returncode != 0 and "http:// or https://" in wrong.stderr


def test_https_to_a_self_signed_server_needs_its_certificate(start_server, self_signed):
    certificate, key = self_signed
    secure = start_server("--tls-cert", str(certificate), "--tls-key", str(key))
    untrusted = ragops(secure.binary, "--url", secure.url, "collections", check=False)
    assert untrusted.returncode != 0 and "TLS" in untrusted.stderr
    trusted = ragops(secure.binary, "--url", secure.url, "--cacert", str(certificate), "collections")
    assert "NAME" in trusted.stdout or "no rows" in trusted.stdout
    not_pem = ragops(secure.binary, "--url", secure.url, "--cacert", str(key.parent / "missing.pem"), "collections",
                     check=False)
    assert not_pem.returncode != 0 and "--cacert" in not_pem.stderr


def test_the_demo_stays_in_its_own_data_directory(start_server, tmp_path):
    server = start_server()
    demo = ragops(server.binary, "--demo", "--data", str(tmp_path / "demo"), "-c", "collections",
                  env={"QDRANT_URL": server.url})
    assert "support-tickets" in demo.stdout
    assert remote(server, "collections")[0]["result"]["collections"] == []
    mixed = ragops(server.binary, "--demo", "--url", server.url, "-c", "collections", check=False)
    assert mixed.returncode == 2 and "--demo" in mixed.stderr
