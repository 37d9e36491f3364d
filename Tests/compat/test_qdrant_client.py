"""qdrant-client (sync and async) against `ragops serve`: every endpoint the server offers."""

import asyncio
import hashlib
import json
import random
import urllib.error
import urllib.request

import pytest
from qdrant_client import AsyncQdrantClient, QdrantClient, models
from qdrant_client.http.exceptions import UnexpectedResponse

DIM = 32
COUNT = 10_000
TENANTS = 10


def vector(rng):
    return [rng.uniform(-1, 1) for _ in range(DIM)]


@pytest.fixture(scope="module")
def loaded(server):
    """A client and a collection `docs` of 10,000 points with payloads."""
    client = QdrantClient(url=server.url, timeout=120)
    client.create_collection("docs", vectors_config=models.VectorParams(size=DIM, distance=models.Distance.COSINE))
    rng = random.Random(7)
    for start in range(0, COUNT, 1_000):
        client.upsert("docs", points=[
            models.PointStruct(id=i, vector=vector(rng), payload={"tenant": f"t{i % TENANTS}", "n": i, "text": f"doc {i}"})
            for i in range(start, start + 1_000)])
    return client


def tenant_filter(tenant):
    return models.Filter(must=[models.FieldCondition(key="tenant", match=models.MatchValue(value=tenant))])


def test_service_reports_a_version_the_client_accepts(server):
    client = QdrantClient(url=server.url)
    info = client.info()
    assert info.version.split(".")[0] == "1"
    assert "ragops" in info.title


def test_collections_are_created_listed_described_and_deleted(server):
    client = QdrantClient(url=server.url)
    client.create_collection(
        "life", vectors_config=models.VectorParams(size=8, distance=models.Distance.EUCLID),
        hnsw_config=models.HnswConfigDiff(m=8, ef_construct=64),
        optimizers_config=models.OptimizersConfigDiff(indexing_threshold=0))
    assert client.collection_exists("life")
    assert "life" in [c.name for c in client.get_collections().collections]
    info = client.get_collection("life")
    assert info.config.params.vectors.size == 8
    assert info.config.params.vectors.distance == models.Distance.EUCLID
    assert info.config.hnsw_config.m == 8
    assert info.config.optimizer_config.indexing_threshold == 0
    with pytest.raises(UnexpectedResponse) as conflict:
        client.create_collection("life", vectors_config=models.VectorParams(size=8, distance=models.Distance.DOT))
    assert conflict.value.status_code == 409
    assert client.delete_collection("life")
    assert not client.collection_exists("life")
    client.create_collection("plain", vectors_config=models.VectorParams(size=8, distance=models.Distance.DOT))
    assert client.get_collection("plain").config.optimizer_config.indexing_threshold == 10_000
    assert client.delete_collection("plain")


def test_queries_equal_exact_search_by_the_cli_with_and_without_filters(server, loaded):
    rng = random.Random(11)
    for round in range(10):
        query = vector(rng)
        tenant = f"t{round % TENANTS}"
        for query_filter, text_filter in [(None, None), (tenant_filter(tenant), json.dumps({"must": [{"key": "tenant", "match": {"value": tenant}}]}))]:
            got = loaded.query_points(
                "docs", query=query, limit=10, query_filter=query_filter,
                search_params=models.SearchParams(exact=True), with_payload=True).points
            args = ["search", "docs", "--vector", "'" + json.dumps(query) + "'", "--exact", "--limit", "10"]
            if text_filter:
                args += ["--filter", "'" + text_filter + "'"]
            expected = server.cli(*args)["result"]["points"]
            assert [p.id for p in got] == [p["id"] for p in expected]
            for point, oracle in zip(got, expected):
                assert point.score == pytest.approx(oracle["score"], abs=1e-5)
                if text_filter:
                    assert point.payload["tenant"] == tenant


def test_indexed_queries_find_most_exact_neighbours(loaded):
    rng = random.Random(13)
    found = 0
    for _ in range(20):
        query = vector(rng)
        exact = {p.id for p in loaded.query_points("docs", query=query, limit=10, search_params=models.SearchParams(exact=True)).points}
        approximate = {p.id for p in loaded.query_points("docs", query=query, limit=10, search_params=models.SearchParams(hnsw_ef=128)).points}
        found += len(exact & approximate)
    assert found / 200 >= 0.9


def test_query_by_point_id_excludes_the_point(loaded):
    hits = loaded.query_points("docs", query=42, limit=5).points
    assert len(hits) == 5 and 42 not in [p.id for p in hits]


def test_query_offset_threshold_and_payload_selection(loaded):
    query = [0.5] * DIM
    first = loaded.query_points("docs", query=query, limit=6).points
    shifted = loaded.query_points("docs", query=query, limit=3, offset=3).points
    assert [p.id for p in shifted] == [p.id for p in first[3:]]
    threshold = first[2].score
    kept = loaded.query_points("docs", query=query, limit=6, score_threshold=threshold).points
    assert all(p.score >= threshold for p in kept) and len(kept) >= 3
    selected = loaded.query_points("docs", query=query, limit=1, with_payload=["tenant"]).points[0]
    assert set(selected.payload) == {"tenant"}
    excluded = loaded.query_points(
        "docs", query=query, limit=1, with_payload=models.PayloadSelectorExclude(exclude=["text"])).points[0]
    assert set(excluded.payload) == {"tenant", "n"}


def test_batch_queries_answer_each_request(loaded):
    requests = [models.QueryRequest(query=[0.1 * k] * DIM, limit=3, filter=tenant_filter("t1")) for k in range(1, 4)]
    answers = loaded.query_batch_points("docs", requests=requests)
    assert len(answers) == 3
    assert all(len(a.points) == 3 for a in answers)


def test_scroll_reaches_every_point_once(loaded):
    seen = []
    offset = None
    while True:
        points, offset = loaded.scroll("docs", limit=1_000, offset=offset, with_payload=False)
        seen += [p.id for p in points]
        if offset is None:
            break
    assert sorted(seen) == list(range(COUNT))


def test_count_with_and_without_filter(loaded):
    assert loaded.count("docs").count == COUNT
    assert loaded.count("docs", count_filter=tenant_filter("t3")).count == COUNT // TENANTS
    in_range = models.Filter(must=[models.FieldCondition(key="n", range=models.Range(gte=100, lt=200))])
    assert loaded.count("docs", count_filter=in_range).count == 100


def test_payload_set_overwrite_delete_and_clear(loaded):
    loaded.set_payload("docs", payload={"flag": True}, points=[1, 2])
    assert loaded.retrieve("docs", ids=[1])[0].payload["flag"] is True
    loaded.overwrite_payload("docs", payload={"only": 1}, points=[2])
    assert loaded.retrieve("docs", ids=[2])[0].payload == {"only": 1}
    loaded.delete_payload("docs", keys=["flag"], points=[1])
    assert "flag" not in loaded.retrieve("docs", ids=[1])[0].payload
    loaded.clear_payload("docs", points_selector=[2])
    assert loaded.retrieve("docs", ids=[2])[0].payload == {}
    loaded.set_payload("docs", payload={"tenant": "t2", "n": 2, "text": "doc 2"}, points=[2])


def test_retrieve_with_vectors_and_by_single_id(loaded):
    records = loaded.retrieve("docs", ids=[5, 6, 999_999], with_vectors=True)
    assert [r.id for r in records] == [5, 6]
    assert len(records[0].vector) == DIM
    assert loaded.http.points_api.get_point("docs", 5).result.id == 5


def test_ids_above_2_pow_53_round_trip_exactly(server):
    client = QdrantClient(url=server.url)
    client.create_collection("big", vectors_config=models.VectorParams(size=2, distance=models.Distance.DOT))
    big = 2**63 + 12345
    client.upsert("big", points=[models.PointStruct(id=big, vector=[1.0, 0.0]), models.PointStruct(id=big + 1, vector=[0.0, 1.0])])
    assert [r.id for r in client.retrieve("big", ids=[big])] == [big]
    assert client.query_points("big", query=[1.0, 0.0], limit=1).points[0].id == big
    uuid = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26"
    client.upsert("big", points=[models.PointStruct(id=uuid, vector=[0.5, 0.5])])
    assert client.retrieve("big", ids=[uuid])[0].id == uuid
    client.delete_collection("big")


def test_delete_by_ids_and_by_filter(server):
    client = QdrantClient(url=server.url)
    client.create_collection("del", vectors_config=models.VectorParams(size=3, distance=models.Distance.COSINE))
    client.upsert("del", points=[models.PointStruct(id=i, vector=[1.0, i, 2.0], payload={"odd": i % 2 == 1}) for i in range(1, 21)])
    client.delete("del", points_selector=models.PointIdsList(points=[1, 2, 3]))
    assert client.count("del").count == 17
    odd = models.Filter(must=[models.FieldCondition(key="odd", match=models.MatchValue(value=True))])
    client.delete("del", points_selector=models.FilterSelector(filter=odd))
    assert client.count("del").count == 9
    assert client.count("del", count_filter=odd).count == 0
    client.delete_collection("del")


def test_payload_index_shows_in_the_schema_with_its_points(loaded):
    loaded.create_payload_index("docs", "tenant", models.PayloadSchemaType.KEYWORD)
    schema = loaded.get_collection("docs").payload_schema
    assert schema["tenant"].data_type == models.PayloadSchemaType.KEYWORD
    assert schema["tenant"].points == COUNT


def test_aliases_are_created_listed_renamed_and_deleted(loaded):
    loaded.update_collection_aliases(change_aliases_operations=[
        models.CreateAliasOperation(create_alias=models.CreateAlias(collection_name="docs", alias_name="live"))])
    assert [(a.alias_name, a.collection_name) for a in loaded.get_aliases().aliases] == [("live", "docs")]
    assert [a.alias_name for a in loaded.get_collection_aliases("docs").aliases] == ["live"]
    loaded.update_collection_aliases(change_aliases_operations=[
        models.RenameAliasOperation(rename_alias=models.RenameAlias(old_alias_name="live", new_alias_name="prod"))])
    assert [a.alias_name for a in loaded.get_aliases().aliases] == ["prod"]
    loaded.update_collection_aliases(change_aliases_operations=[
        models.DeleteAliasOperation(delete_alias=models.DeleteAlias(alias_name="prod"))])
    assert loaded.get_aliases().aliases == []


def test_errors_come_back_in_qdrants_shape_with_its_status(loaded):
    with pytest.raises(UnexpectedResponse) as missing:
        loaded.get_collection("nope")
    assert missing.value.status_code == 404
    assert "nope" in json.loads(missing.value.content)["status"]["error"]
    with pytest.raises(UnexpectedResponse) as dimension:
        loaded.upsert("docs", points=[models.PointStruct(id=1, vector=[1.0, 2.0])])
    assert dimension.value.status_code == 400
    assert "needs 32" in json.loads(dimension.value.content)["status"]["error"]
    status, body = post(loaded, "/collections/docs/points/count", {"filter": {"must": [{"key": "n", "range": {"gte": "x"}}]}})
    assert status == 400
    assert body["status"]["error"].startswith("Wrong input: filter.must[0]")
    assert loaded.count("docs").count == COUNT


def post(client, path, body):
    """POSTs a body the client's models would refuse to build; returns the status and JSON."""
    url = client.init_options["url"] + path
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_the_async_client_works_the_same(server):
    async def scenario():
        client = AsyncQdrantClient(url=server.url)
        await client.create_collection("async", vectors_config=models.VectorParams(size=4, distance=models.Distance.DOT))
        await client.upsert("async", points=[models.PointStruct(id=i, vector=[i, 1, 0, 0], payload={"i": i}) for i in range(10)])
        hits = (await client.query_points("async", query=[1, 0, 0, 0], limit=2, with_payload=True)).points
        assert [h.id for h in hits] == [9, 8]
        assert (await client.count("async")).count == 10
        await client.delete_collection("async")
        await client.close()

    asyncio.run(scenario())


def test_keys_are_required_and_the_read_only_key_only_reads(start_server):
    running = start_server("--api-key", "full-secret", "--read-only-api-key", "reader-secret")
    with pytest.raises(UnexpectedResponse) as anonymous:
        QdrantClient(url=running.url, check_compatibility=False).get_collections()
    assert anonymous.value.status_code == 401
    with pytest.raises(UnexpectedResponse) as wrong:
        QdrantClient(url=running.url, api_key="guess", https=False, check_compatibility=False).get_collections()
    assert wrong.value.status_code == 401
    assert "guess" not in wrong.value.content.decode()
    writer = QdrantClient(url=running.url, api_key="full-secret", https=False)
    writer.create_collection("k", vectors_config=models.VectorParams(size=2, distance=models.Distance.DOT))
    reader = QdrantClient(url=running.url, api_key="reader-secret", https=False)
    assert reader.collection_exists("k")
    with pytest.raises(UnexpectedResponse) as forbidden:
        reader.upsert("k", points=[models.PointStruct(id=1, vector=[1.0, 0.0])])
    assert forbidden.value.status_code == 403
    assert writer.count("k").count == 0


def test_snapshots_round_trip_through_download_and_upload(server, tmp_path):
    client = QdrantClient(url=server.url)
    client.create_collection("snap", vectors_config=models.VectorParams(size=3, distance=models.Distance.DOT))
    points = [models.PointStruct(id=i, vector=[float(i), 1.0, 2.0], payload={"i": i}) for i in range(200)]
    client.upsert("snap", points=points)
    created = client.create_snapshot("snap")
    assert created.name in [s.name for s in client.list_snapshots("snap")]
    with urllib.request.urlopen(f"{server.url}/collections/snap/snapshots/{created.name}") as answer:
        archive = answer.read()
    assert len(archive) == created.size
    assert hashlib.sha256(archive).hexdigest() == created.checksum
    saved = tmp_path / created.name
    saved.write_bytes(archive)
    client.delete_collection("snap")
    with saved.open("rb") as upload:
        client.http.snapshots_api.recover_from_uploaded_snapshot("snap", checksum=created.checksum, snapshot=upload)
    assert client.count("snap").count == 200
    assert client.retrieve("snap", ids=[7], with_vectors=True)[0].vector == [7.0, 1.0, 2.0]
    with saved.open("rb") as upload, pytest.raises(UnexpectedResponse) as mismatch:
        client.http.snapshots_api.recover_from_uploaded_snapshot("other", checksum="0" * 64, snapshot=upload)
    assert mismatch.value.status_code == 400 and not client.collection_exists("other")
    for location in ["http://169.254.169.254/latest/meta-data", "file:///etc/passwd", "file://" + str(saved)]:
        with pytest.raises(UnexpectedResponse) as refused:
            client.recover_snapshot("snap", location=location)
        assert refused.value.status_code == 400
    assert client.delete_snapshot("snap", created.name)
    assert client.list_snapshots("snap") == []
    full = client.create_full_snapshot()
    assert full.name in [s.name for s in client.list_full_snapshots()]
    assert client.delete_full_snapshot(full.name)
    client.delete_collection("snap")


def test_facet_counts_keyword_values_under_a_filter(loaded):
    hits = loaded.facet("docs", key="tenant", limit=20).hits
    assert sorted((h.value, h.count) for h in hits) == [(f"t{k}", COUNT // TENANTS) for k in range(TENANTS)]
    low = models.Filter(must=[models.FieldCondition(key="n", range=models.Range(lt=25))])
    top = loaded.facet("docs", key="tenant", facet_filter=low, limit=3).hits
    assert [(h.value, h.count) for h in top] == [("t0", 3), ("t1", 3), ("t2", 3)]


def test_metrics_count_requests_by_route_and_report_points(server, loaded):
    loaded.query_points("docs", query=[0.2] * DIM, limit=1)
    with urllib.request.urlopen(f"{server.url}/metrics") as answer:
        text = answer.read().decode()
    assert 'ragops_http_requests_total{endpoint="POST /collections/:collection/points/query",status="200"}' in text
    assert 'ragops_http_request_duration_seconds_bucket{endpoint="POST /collections/:collection/points/query",le="+Inf"}' in text
    assert f'ragops_collection_points{{collection="docs"}} {COUNT}' in text
    assert 'ragops_collection_wal_bytes{collection="docs"}' in text
