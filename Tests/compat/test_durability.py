"""kill -9 during concurrent upserts from several clients: every acknowledged write survives;
SIGTERM with a client stalled mid-request still ends the server within its grace."""

import os
import random
import signal
import socket
import threading
import time
import urllib.parse
import urllib.request

from qdrant_client import QdrantClient, models

from conftest import Server

WRITERS = 4
BATCH = 50


def test_every_acknowledged_upsert_survives_kill_9(tmp_path):
    data = tmp_path / "data"
    first = Server(data)
    QdrantClient(url=first.url).create_collection(
        "crash", vectors_config=models.VectorParams(size=8, distance=models.Distance.COSINE))
    acknowledged = [[] for _ in range(WRITERS)]
    stop = threading.Event()
    enough = threading.Event()  # set once 4,000 points are acknowledged
    lock = threading.Lock()

    def write(writer):
        client = QdrantClient(url=first.url, timeout=10)
        rng = random.Random(writer)
        batch_number = 0
        while not stop.is_set():
            ids = [writer * 10_000_000 + batch_number * BATCH + k for k in range(BATCH)]
            points = [models.PointStruct(id=i, vector=[rng.random() + 0.01 for _ in range(8)], payload={"w": writer}) for i in ids]
            try:
                client.upsert("crash", points=points, wait=True)
            except Exception:
                return  # the server is gone; this batch was never acknowledged
            with lock:
                acknowledged[writer].extend(ids)
                if sum(map(len, acknowledged)) >= 4_000:
                    enough.set()
            batch_number += 1

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    assert enough.wait(timeout=120), "the writers did not get 4,000 points acknowledged"
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=30)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    expected = sorted(i for ids in acknowledged for i in ids)
    assert len(expected) >= 4_000

    second = Server(data)
    try:
        client = QdrantClient(url=second.url, timeout=60)
        found = set()
        for start in range(0, len(expected), 1_000):
            found.update(r.id for r in client.retrieve("crash", ids=expected[start:start + 1_000], with_payload=False))
        missing = [i for i in expected if i not in found]
        assert missing == [], f"{len(missing)} acknowledged points lost, first {missing[:5]}"
        assert client.count("crash").count >= len(expected)
    finally:
        assert second.stop() == 0


def test_sigterm_cancels_a_stalled_request_after_the_grace_and_exits_0(start_server):
    """A client that stops sending mid-body holds no lock and cannot hold the shutdown either:
    after --shutdown-grace the request is cancelled, the store closes and the exit status is 0."""
    running = start_server("--shutdown-grace", "1")
    address = urllib.parse.urlparse(running.url)
    stalled = socket.create_connection((address.hostname, address.port))
    stalled.sendall(b"PUT /collections/any/points?wait=true HTTP/1.1\r\nHost: ragops\r\n"
                    b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"points\": [")
    # A full request on another connection: once it is answered, the server is serving and
    # has had the stalled request's head in its socket buffer all along.
    with urllib.request.urlopen(f"{running.url}/healthz") as answer:
        assert answer.status == 200
    started = time.monotonic()
    running.process.send_signal(signal.SIGTERM)
    assert running.process.wait(timeout=60) == 0
    assert time.monotonic() - started < 30
    stalled.close()
