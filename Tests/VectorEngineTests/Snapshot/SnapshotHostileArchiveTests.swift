import Foundation
import Testing

@testable import VectorEngine

/// Hand-forged hostile archives: each is refused with a typed error, and extraction never
/// leaves anything behind in (or outside) the target folder.
struct SnapshotHostileArchiveTests {
  static let content: [UInt8] = Array("payload".utf8)
  static let other: [UInt8] = Array("other".utf8)

  static func valid(_ files: [(String, [UInt8])]) -> ForgedTar {
    var tar = ForgedTar()
    tar.file("manifest.json", ForgedTar.manifest(files))
    return tar
  }

  static let cases: [(String, SnapshotError.Code, ForgedTar)] = {
    let files = [("a.bin", content), ("b.bin", other)]
    var result: [(String, SnapshotError.Code, ForgedTar)] = []
    func add(_ label: String, _ code: SnapshotError.Code, _ build: (inout ForgedTar) -> Void) {
      var tar = valid(files)
      build(&tar)
      result.append((label, code, tar))
    }
    add("absolute name", .unsafeName) { $0.file("/etc/passwd", content) }
    add("dot-dot name", .unsafeName) { $0.file("../escape", content) }
    add("inner dot-dot", .unsafeName) { $0.file("a/../../escape", content) }
    add("prefix dot-dot", .unsafeName) {
      $0.header(name: "escape", size: content.count, prefix: "..")
      $0.body(content)
    }
    for (flag, label) in [
      ("1", "hard link"), ("2", "symlink"), ("3", "char device"), ("4", "block device"),
      ("5", "directory"), ("6", "fifo"), ("x", "pax"), ("g", "pax global"),
      ("L", "gnu long name"), ("K", "gnu long link"),
    ] {
      add(label, .unsupportedEntryType) {
        $0.header(name: "a.bin", size: 0, typeflag: flag.utf8.first ?? 0)
      }
    }
    add("entry not in manifest", .unexpectedEntry) { $0.file("zzz.bin", content) }
    add("duplicate", .duplicateEntry) {
      $0.file("a.bin", content)
      $0.file("a.bin", content)
    }
    add("manifest twice", .duplicateEntry) { $0.file("manifest.json", content) }
    add("out of order", .outOfOrder) { $0.file("b.bin", other) }
    add("missing file", .missingEntry) {
      $0.file("a.bin", content)
      $0.end()
    }
    add("wrong size", .sizeMismatch) { $0.file("a.bin", content + [1]) }
    add("wrong sha", .checksumMismatch) { $0.file("a.bin", Array("PAYLOAD".utf8)) }
    add("header checksum", .headerChecksumMismatch) {
      $0.header(name: "a.bin", size: content.count, checksum: "0001234\u{0}")
      $0.body(content)
    }
    add("non-octal size", .invalidNumericField) {
      $0.header(name: "a.bin", size: 7, sizeField: "0000000000x")
      $0.body(content)
    }
    add("base-256 size", .invalidNumericField) {
      $0.header(name: "a.bin", size: 7, sizeField: "\u{80}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{7}")
      $0.body(content)
    }
    add("huge size field", .sizeMismatch) {
      $0.header(name: "a.bin", size: 0o7777777)
      $0.body(content)
    }
    add("size runs past end", .truncated) {
      $0.header(name: "a.bin", size: content.count)
      $0.bytes += content[0..<3]
    }
    add("not ustar", .unsupportedFormat) {
      $0.header(name: "a.bin", size: content.count, magic: "xxxxx\u{0}00")
      $0.body(content)
    }
    add("trailing garbage", .trailingGarbage) {
      $0.file("a.bin", content)
      $0.file("b.bin", other)
      $0.end()
      $0.bytes += Array("junk".utf8)
    }
    add("no end blocks", .truncated) {
      $0.file("a.bin", content)
      $0.file("b.bin", other)
    }
    var first = ForgedTar()
    first.file("a.bin", content)
    first.end()
    result.append(("manifest not first", .invalidManifest, first))
    var badJSON = ForgedTar()
    badJSON.file("manifest.json", Array("{\"format\": 1, ".utf8))
    badJSON.end()
    result.append(("manifest not JSON", .invalidManifest, badJSON))
    var missingField = ForgedTar()
    missingField.file("manifest.json", Array("{\"format\": 1, \"collection\": \"c\", \"files\": []}".utf8))
    missingField.end()
    result.append(("manifest misses fields", .invalidManifest, missingField))
    var future = ForgedTar()
    future.file(
      "manifest.json",
      Array(
        "{\"format\": 3, \"collection\": \"c\", \"created\": \"2026-01-02T03:04:05Z\", \"config\": {}, \"files\": []}"
          .utf8))
    future.end()
    result.append(("unknown format", .invalidManifest, future))
    var listsEscape = ForgedTar()
    listsEscape.file("manifest.json", ForgedTar.manifest([("../x", content)]))
    listsEscape.file("../x", content)
    listsEscape.end()
    result.append(("manifest lists ..", .unsafeName, listsEscape))
    return result
  }()

  @Test func everyHostileArchiveIsRefusedAndNothingIsWritten() throws {
    for (label, expected, tar) in Self.cases {
      let temporary = TemporaryDirectory()
      let archive = temporary.path + "/hostile.snapshot"
      try SnapshotFixtures.write(tar.bytes, to: archive)
      let before = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
      let verified = SnapshotFixtures.errorCode { () throws(SnapshotError) in
        _ = try SnapshotArchive.verify(path: archive)
      }
      #expect(verified == expected, "\(label)")
      let target = temporary.path + "/restore"
      let extracted = SnapshotFixtures.errorCode { () throws(SnapshotError) in
        _ = try SnapshotArchive.extract(path: archive, into: target)
      }
      #expect(extracted == expected, "\(label)")
      let after = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
      #expect(after == before, "\(label) left files behind")
      #expect(!FileManager.default.fileExists(atPath: temporary.path + "/escape"))
      #expect(!FileManager.default.fileExists(atPath: "/tmp/escape"))
    }
  }

  @Test func limitsAreEnforced() throws {
    let temporary = TemporaryDirectory()
    let archive = temporary.path + "/big.snapshot"
    var tar = Self.valid([("a.bin", Self.content), ("b.bin", Self.other)])
    tar.file("a.bin", Self.content)
    tar.file("b.bin", Self.other)
    tar.end()
    try SnapshotFixtures.write(tar.bytes, to: archive)
    func code(_ limits: SnapshotLimits) -> SnapshotError.Code? {
      SnapshotFixtures.errorCode { () throws(SnapshotError) in
        _ = try SnapshotArchive.verify(path: archive, limits: limits)
      }
    }
    #expect(code(.default) == nil)
    var limits = SnapshotLimits.default
    limits.maximumEntries = 2
    #expect(code(limits) == .limitExceeded)
    limits = .default
    limits.maximumFileSize = 6
    #expect(code(limits) == .limitExceeded)
    limits = .default
    limits.maximumTotalSize = 11
    #expect(code(limits) == .limitExceeded)
    limits = .default
    limits.maximumManifestSize = 20
    #expect(code(limits) == .limitExceeded)
  }

  @Test func errorsEscapeAndCutNamesAndNeverShowContents() throws {
    let temporary = TemporaryDirectory()
    let archive = temporary.path + "/names.snapshot"
    var tar = Self.valid([("a.bin", Self.content)])
    tar.file("a.bin", Array("SECRET-CONTENT".utf8))
    tar.end()
    try SnapshotFixtures.write(tar.bytes, to: archive)
    var message = ""
    do throws(SnapshotError) {
      _ = try SnapshotArchive.verify(path: archive)
    } catch {
      message = error.description
    }
    #expect(message.contains("a.bin"))
    #expect(!message.contains("SECRET"))
    let long = String(repeating: "\u{1}z", count: 50)
    let shown = SnapshotError.escapedName(long)
    #expect(shown.count <= SnapshotError.maximumShownNameLength + 1)
    #expect(!shown.contains("\u{1}"))
  }
}
