import Foundation
import Testing

/// Stock Qdrant clients against `ragops serve`: `Tests/compat` (pytest) drives every endpoint
/// through `qdrant-client`, sync and async, and LangChain's `QdrantVectorStore`, each test on
/// a server it starts on a free loopback port and stops with SIGTERM. Fails, never skips, when
/// the test Python is missing (`.ci/deps` installs it).
struct QdrantCompatibilityTests {
  @Test func qdrantClientAndLangChainWorkUnchangedAgainstServe() throws {
    #expect(TestPython.missing == nil, "\(TestPython.missing ?? "")")
    let suite = TestPython.repositoryRoot.appendingPathComponent("Tests/compat").path
    let output = try RagopsBinary.run(
      ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "ignore::UserWarning", suite],
      environment: ["RAGOPS_BINARY": RagopsBinary.path, "PYTHONDONTWRITEBYTECODE": "1"],
      executable: TestPython.path)
    #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
    #expect(output.standardOutput.contains(" passed"))
    #expect(!output.standardOutput.contains("failed"))
  }
}
