import Model
import Testing
@testable import Operations

/// The Qdrant backend's HTTP layer: URLs it accepts, and how each answer becomes a result or
/// an error that says what to do and never shows the key.
struct QdrantTransportTests {
  private let endpoint: QdrantEndpoint

  init() throws {
    endpoint = try QdrantEndpoint(url: "https://qdrant.example:6333/", apiKey: "k-123-secret")
  }

  private func unwrap(_ status: Int, _ body: String, envelope: Bool = true) throws(StoreError) -> JSONValue {
    try QdrantTransport.unwrap(
      status: status, bytes: Array(body.utf8), endpoint: endpoint, method: "GET", path: "/collections",
      envelope: envelope)
  }

  private func kind(_ status: Int, _ body: String) -> (StoreError.Kind, String)? {
    do {
      _ = try unwrap(status, body)
      return nil
    } catch {
      return (error.kind, error.message)
    }
  }

  @Test func urlsAreCheckedAndNormalizedWithoutTheKey() throws {
    #expect(endpoint.baseURL == "https://qdrant.example:6333")
    #expect("\(endpoint)" == "https://qdrant.example:6333")
    #expect(
      endpoint.url("/collections/a", query: [("wait", "true")]) == "https://qdrant.example:6333/collections/a?wait=true"
    )
    for bad in ["ftp://x", "qdrant:6333", "http://", "http://user:pw@host", "http://h/?q=1"] {
      #expect(throws: StoreError.self) { try QdrantEndpoint(url: bad, apiKey: nil) }
    }
    #expect(QdrantEndpoint.segment("a/b?c") == "a%2Fb%3Fc")
  }

  @Test func successfulAnswersGiveTheirResult() throws {
    #expect(try unwrap(200, #"{"result":{"collections":[]},"status":"ok","time":0.1}"#) == ["collections": []])
    #expect(
      try unwrap(200, #"{"title":"qdrant","version":"1.12.0"}"#, envelope: false).objectValue?["version"] == "1.12.0")
  }

  @Test func eachFailureHasTheKindThatSaysWhoActs() {
    let error = #"{"status":{"error":"Not found: Collection `x` doesn't exist!"},"time":0}"#
    #expect(kind(404, error)?.0 == .notFound)
    #expect(kind(404, error)?.1 == "Not found: Collection `x` doesn't exist!")
    #expect(kind(409, error)?.0 == .alreadyExists)
    #expect(kind(400, error)?.0 == .invalidInput)
    #expect(kind(401, "")?.0 == .unauthorized)
    #expect(kind(401, "")?.1.contains("check the API key") == true)
    #expect(kind(403, error)?.0 == .unauthorized)
    #expect(kind(503, "<html>busy</html>")?.0 == .unreachable)
    #expect(kind(200, "<html>not json</html>")?.0 == .unreachable)
    #expect(kind(200, #"{"status":"ok"}"#)?.0 == .unreachable)
    for status in [400, 401, 403, 404, 409, 500, 200] {
      #expect(kind(status, "garbage")?.1.contains("k-123-secret") != true)
    }
  }

  @Test func serverMessagesAreCutToOneShortLine() {
    let long = String(repeating: "x", count: 1_000)
    let message = kind(400, #"{"status":{"error":"\#(long)\nsecond line"}}"#)?.1 ?? ""
    #expect(message.count <= 305)
    #expect(!message.contains("second line"))
    let escape = kind(400, #"{"status":{"error":"bad \u001b[31mred"}}"#)?.1 ?? ""
    #expect(
      !escape.unicodeScalars.contains { $0.value == 0x1B }, "no terminal escape from the server reaches the screen")
    #expect(escape.contains("bad"))
  }
}
