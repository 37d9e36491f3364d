import Testing

@testable import VectorEngine

/// Splitting long entry names between the ustar prefix and name fields.
struct TarWriterTests {
  private func split(_ name: String) -> (String, String)? {
    TarWriter.splitName(Array(name.utf8)).map {
      (String(decoding: $0.prefix, as: UTF8.self), String(decoding: $0.name, as: UTF8.self))
    }
  }

  @Test func shortNamesNeedNoPrefix() {
    let name = String(repeating: "n", count: 100)
    #expect(split(name)?.0 == "")
    #expect(split(name)?.1 == name)
  }

  @Test func longNamesSplitAtASlashWhereBothPartsFit() throws {
    let folder = "collections/" + String(repeating: "c", count: 143)  // 155 bytes
    let file = String(repeating: "f", count: 100)
    let parts = try #require(split(folder + "/" + file))
    #expect(parts.0 == folder && parts.1 == file)
    // The first slash that leaves at most 100 bytes after it.
    let nested = try #require(split("a/" + String(repeating: "b", count: 60) + "/" + String(repeating: "c", count: 60)))
    #expect(nested.0 == "a/" + String(repeating: "b", count: 60))
  }

  @Test func namesThatCannotBeSplitAreRefused() {
    #expect(split(String(repeating: "x", count: 101)) == nil)
    #expect(split("collections/" + String(repeating: "c", count: 144) + "/MANIFEST") == nil)
    #expect(split(String(repeating: "d", count: 20) + "/" + String(repeating: "f", count: 101)) == nil)
    #expect(SnapshotManifest.nameProblem("collections/" + String(repeating: "c", count: 144) + "/MANIFEST") != nil)
    #expect(SnapshotManifest.nameProblem("collections/" + String(repeating: "é", count: 60) + "/MANIFEST") == nil)
  }
}
