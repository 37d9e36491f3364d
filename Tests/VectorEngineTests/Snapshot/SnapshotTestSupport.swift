import Foundation

@testable import VectorEngine
@testable import Model

/// Builds raw tar bytes with chosen header fields, for forging hostile archives.
struct ForgedTar {
  var bytes: [UInt8] = []

  /// Appends a header with the given fields; `checksum` overrides the computed one.
  mutating func header(
    name: String, size: Int, typeflag: UInt8 = UInt8(ascii: "0"), sizeField: String? = nil,
    magic: String = "ustar\u{0}00", prefix: String = "", checksum: String? = nil
  ) {
    var block = [UInt8](repeating: 0, count: 512)
    func put(_ text: String, _ offset: Int) {
      for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
    }
    put(name, 0)
    put("0000600", 100)
    put("0000000", 108)
    put("0000000", 116)
    put(sizeField ?? String(repeating: "0", count: 11 - String(size, radix: 8).count) + String(size, radix: 8), 124)
    put("00000000000", 136)
    block[156] = typeflag
    put(magic, 257)
    put(prefix, 345)
    let sum = TarWriter.checksum(of: block)
    let text = String(sum, radix: 8)
    put(checksum ?? (String(repeating: "0", count: 6 - text.count) + text + "\u{0} "), 148)
    bytes += block
  }

  /// Appends a body padded to 512.
  mutating func body(_ content: [UInt8]) {
    bytes += content
    bytes += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
  }

  /// Appends a regular file.
  mutating func file(_ name: String, _ content: [UInt8]) {
    header(name: name, size: content.count)
    body(content)
  }

  /// Appends the two end blocks.
  mutating func end() {
    bytes += [UInt8](repeating: 0, count: 1024)
  }

  /// A full snapshot's manifest listing `collections` and `files` (name, content).
  static func fullManifest(collections: [String], _ files: [(String, [UInt8])]) -> [UInt8] {
    SnapshotManifest(
      kind: .full, created: "2026-01-02T03:04:05Z",
      collections: collections.map { SnapshotManifest.Collection(name: $0, config: .object([:])) },
      files: files.map { .init(name: $0.0, size: $0.1.count, sha256: SHA256Hasher.hexDigest(of: $0.1)) }
    ).encoded()
  }

  /// A complete archive: a full manifest for `files`, then each file, then the end blocks.
  static func full(collections: [String], _ files: [(String, [UInt8])]) -> ForgedTar {
    var tar = ForgedTar()
    tar.file("manifest.json", fullManifest(collections: collections, files))
    for (name, content) in files { tar.file(name, content) }
    tar.end()
    return tar
  }

  /// A manifest for `files` (name, content), with optional extra listed names.
  static func manifest(_ files: [(String, [UInt8])]) -> [UInt8] {
    SnapshotManifest(
      collection: "docs", created: "2026-01-02T03:04:05Z", config: .object(["dim": .int(4)]),
      files: files.map { .init(name: $0.0, size: $0.1.count, sha256: SHA256Hasher.hexDigest(of: $0.1)) }
    ).encoded()
  }
}

enum SnapshotFixtures {
  static let files: [(String, [UInt8])] = [
    ("segments/000001.seg", Array((0..<1500).map { UInt8(truncatingIfNeeded: $0 &* 31) })),
    ("wal/000001.log", Array("wal bytes\n".utf8)),
    ("empty.bin", []),
    ("config.json", Array("{\"dim\":4}".utf8)),
  ]

  /// Writes the fixture files under `root/src` and a snapshot at `root/out/x.snapshot`.
  static func writeSnapshot(in root: String) throws -> (path: String, size: Int, sha256: String) {
    let sources = root + "/src"
    try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
    var list: [(name: String, sourcePath: String)] = []
    for (index, (name, content)) in files.enumerated() {
      let path = sources + "/f\(index)"
      try Data(content).write(to: URL(fileURLWithPath: path))
      list.append((name, path))
    }
    let path = root + "/out/docs-2026-01-02-03-04-05.snapshot"
    let result = try SnapshotArchive.write(
      to: path, collection: "docs", created: "2026-01-02T03:04:05Z",
      config: .object(["dim": .int(4), "distance": .string("cosine")]), files: list)
    return (path, result.size, result.sha256)
  }

  static func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  static func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  /// The code of the error `body` throws, or `nil` when it succeeds.
  static func errorCode(_ body: () throws(SnapshotError) -> Void) -> SnapshotError.Code? {
    do {
      try body()
      return nil
    } catch {
      return error.code
    }
  }
}

extension SnapshotArchive {
  /// Writes a collection snapshot of files given by path, as the tests' fixtures do.
  static func write(
    to path: String, collection: String, created: String, config: JSONValue,
    files: [(name: String, sourcePath: String)]
  ) throws(SnapshotError) -> (size: Int, sha256: String) {
    let written = try write(
      to: path, kind: .collection, created: created,
      collections: [SnapshotManifest.Collection(name: collection, config: config)],
      sources: files.map { SnapshotSource(name: $0.name, content: .file($0.sourcePath)) })
    return (written.size, written.sha256)
  }
}
