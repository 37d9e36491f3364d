@testable import VectorEngine

/// Repairs what guards a mutated snapshot archive: tar header checksums, the SHA-256 of each
/// file listed in the manifest, and (as a separate file) the `.sha256` sidecar.
///
/// See ``ChecksumRepair`` for why. Entries are found by walking the headers as the reader
/// does; the manifest's digests are replaced in place (same length), the k-th `"sha256"`
/// member getting the digest of the k-th entry after the manifest.
enum SnapshotArchiveRepair {
  /// `archive` with valid header checksums and manifest digests.
  ///
  /// - Complexity: O(n) in the size of `archive`.
  static func repair(_ archive: [UInt8]) -> [UInt8] {
    var bytes = archive
    let bodies = fixHeaders(&bytes)
    guard let manifest = bodies.first else { return bytes }
    let digestStarts = digestPositions(in: bytes, body: manifest)
    for (index, start) in digestStarts.enumerated() where index + 1 < bodies.count {
      let digest = SHA256Hasher.hexDigest(of: Array(bytes[bodies[index + 1]]))
      bytes.replaceSubrange(start..<(start + 64), with: Array(digest.utf8))
    }
    return bytes
  }

  /// A sidecar in `sha256sum` format for `archive` named `name`.
  static func sidecar(for archive: [UInt8], name: String) -> [UInt8] {
    Array("\(SHA256Hasher.hexDigest(of: archive))  \(name)\n".utf8)
  }

  /// Rewrites every header's checksum and returns the entries' body ranges, in order.
  private static func fixHeaders(_ bytes: inout [UInt8]) -> [Range<Int>] {
    let block = TarWriter.blockSize
    var bodies: [Range<Int>] = []
    var offset = 0
    while offset <= bytes.count - block {
      let header = offset..<(offset + block)
      if bytes[header].allSatisfy({ $0 == 0 }) { break }
      let sum = TarWriter.checksum(of: Array(bytes[header]))
      let digits = String(sum, radix: 8)
      let field = Array((String(repeating: "0", count: max(0, 6 - digits.count)) + digits).utf8)
      guard field.count == 6 else { break }
      bytes.replaceSubrange((offset + 148)..<(offset + 154), with: field)
      bytes[offset + 154] = 0
      bytes[offset + 155] = UInt8(ascii: " ")
      guard let size = SnapshotArchive.octal(bytes[(offset + 124)..<(offset + 136)]),
        size <= bytes.count
      else { break }
      let start = offset + block
      bodies.append(start..<min(start + size, bytes.count))
      offset = start + (size + block - 1) / block * block
    }
    return bodies
  }

  /// Where each `"sha256": "<64 characters>"` value starts inside `body`, in order.
  private static func digestPositions(in bytes: [UInt8], body: Range<Int>) -> [Int] {
    let key = Array("\"sha256\"".utf8)
    var positions: [Int] = []
    var index = body.lowerBound
    while index <= body.upperBound - key.count {
      guard bytes[index..<(index + key.count)].elementsEqual(key) else {
        index += 1
        continue
      }
      var cursor = index + key.count
      func skipSpaces() {
        while cursor < body.upperBound, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
      }
      skipSpaces()
      if cursor < body.upperBound, bytes[cursor] == UInt8(ascii: ":") {
        cursor += 1
        skipSpaces()
        if cursor < body.upperBound - 65, bytes[cursor] == UInt8(ascii: "\""),
          bytes[cursor + 65] == UInt8(ascii: "\"")
        {
          positions.append(cursor + 1)
        }
      }
      index = cursor
    }
    return positions
  }
}
