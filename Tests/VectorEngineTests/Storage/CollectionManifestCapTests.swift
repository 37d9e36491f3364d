import Foundation
import Testing

@testable import VectorEngine
@testable import Model

/// A collection's `MANIFEST` holds small fixed objects: one wider than the cap is refused.
struct CollectionManifestCapTests {
  /// Rewrites the MANIFEST of collection `c` in `directory` with `extra` junk keys added to
  /// its top-level object, with a valid length and checksum.
  private func widenManifest(in directory: String, extra: Int) throws {
    let path = directory + "/collections/c/" + CollectionManifest.fileName
    let bytes = try #require(FileManager.default.contents(atPath: path))
    var object = try #require(try JSONParser.parse(Array(bytes.dropFirst(16))).objectValue)
    for index in 0..<extra { object["junk\(index)"] = .int(Int64(index)) }
    let body = Array(JSONWriter.compact(.object(object)).utf8)
    var writer = ByteWriter(capacity: body.count + 16)
    writer.append(contentsOf: CollectionManifest.magic)
    writer.append(UInt32(body.count))
    writer.append(CRC32C.checksum(body))
    writer.append(contentsOf: body)
    try Data(writer.bytes).write(to: URL(fileURLWithPath: path))
  }

  private func makeCollection(_ directory: String) throws {
    let database = try Database(directory: directory)
    try database.createCollection("c", config: CollectionConfig(dimension: 2, distance: .dot))
      .upsert([PointStruct(id: .number(1), vector: [1, 0])])
    try database.close()
  }

  @Test(arguments: [CollectionManifest.maximumKeysPerObject, 30_000])
  func aManifestWithAnObjectOverTheCapIsCorruptNamingTheFile(extra: Int) throws {
    let directory = TemporaryDirectory()
    try makeCollection(directory.path)
    try widenManifest(in: directory.path, extra: extra)
    #expect {
      _ = try Database(directory: directory.path).collection("c")
    } throws: { error in
      guard let error = error as? StoreError else { return false }
      return error.kind == .corrupted && error.message.contains("collections/c/MANIFEST")
        && error.message.contains("more than \(CollectionManifest.maximumKeysPerObject) keys")
    }
  }

  @Test func unknownKeysWithinTheCapAreStillRead() throws {
    let directory = TemporaryDirectory()
    try makeCollection(directory.path)
    try widenManifest(in: directory.path, extra: 8)
    #expect(try Database(directory: directory.path).collection("c").count() == 1)
  }
}
