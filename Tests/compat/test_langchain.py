"""LangChain's QdrantVectorStore over `ragops serve`, with a deterministic fake embedding."""

import hashlib

from langchain_core.embeddings import Embeddings
from langchain_qdrant import QdrantVectorStore
from qdrant_client import QdrantClient, models


class WordHashEmbeddings(Embeddings):
    """Each word adds a fixed pseudo-random direction; texts sharing words are close."""

    size = 64

    def _embed(self, text):
        vector = [0.0] * self.size
        for word in text.lower().split():
            digest = hashlib.sha256(word.encode()).digest()
            for i in range(self.size):
                vector[i] += digest[i % len(digest)] / 255.0 - 0.5
        return vector

    def embed_documents(self, texts):
        return [self._embed(t) for t in texts]

    def embed_query(self, text):
        return self._embed(text)


TEXTS = [
    "the cat sat on the mat",
    "dogs chase cats in the park",
    "vector search engines index embeddings",
    "qdrant stores vectors with payloads",
    "bread needs flour water and yeast",
]
TOPICS = ["pets", "pets", "search", "search", "cooking"]


def test_langchain_adds_texts_and_finds_them_by_similarity_and_metadata(server):
    client = QdrantClient(url=server.url)
    client.create_collection("lc", vectors_config=models.VectorParams(size=WordHashEmbeddings.size, distance=models.Distance.COSINE))
    store = QdrantVectorStore(client=client, collection_name="lc", embedding=WordHashEmbeddings())
    ids = store.add_texts(TEXTS, metadatas=[{"topic": t} for t in TOPICS])
    assert len(ids) == len(TEXTS)
    for text in TEXTS:
        assert store.similarity_search(text, k=1)[0].page_content == text
    only_search = models.Filter(must=[models.FieldCondition(key="metadata.topic", match=models.MatchValue(value="search"))])
    found = store.similarity_search("cat on a mat", k=3, filter=only_search)
    assert {d.page_content for d in found} == {TEXTS[2], TEXTS[3]}
    assert all(d.metadata["topic"] == "search" for d in found)


def test_langchain_from_texts_creates_the_collection_itself(server):
    store = QdrantVectorStore.from_texts(
        ["alpha beta", "gamma delta"], WordHashEmbeddings(), url=server.url, collection_name="lc_created")
    document, score = store.similarity_search_with_score("alpha beta", k=1)[0]
    assert document.page_content == "alpha beta"
    assert score > 0.99
