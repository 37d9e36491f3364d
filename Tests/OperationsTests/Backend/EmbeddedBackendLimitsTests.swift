import Operations
import Testing
import VectorEngine
@testable import Model

/// Thread counts are checked before any thread is started.
struct EmbeddedBackendLimitsTests {
  @Test(arguments: [0, -3, 1_025, 1_000_000_000_000])
  func indexThreadsOutOfRangeAreRefused(_ threads: Int) throws {
    let directory = try TemporaryDirectory()
    let backend = try EmbeddedBackend(directory: directory.path + "/data")
    try backend.createCollection("docs", config: CollectionConfig(dimension: 2, distance: .dot))
    let error = #expect(throws: (any Error).self, performing: { try backend.setIndexThreads("docs", threads: threads) })
    let engineError = error as? StoreError
    #expect(
      engineError?.kind == .invalidInput && engineError?.message.contains("threads must be between 1 and 1024") == true)
  }
}
