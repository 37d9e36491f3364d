"""kill -9 during concurrent upserts from several clients: every acknowledged write survives."""

import os
import random
import signal
import threading

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
