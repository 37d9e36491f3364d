import Foundation
import TestSupport
import Testing

@testable import VectorEngine
import Model
import Operations

struct SnapshotArchiveTests {
  @Test func roundTripGivesIdenticalFiles() throws {
    let temporary = TemporaryDirectory()
    let written = try SnapshotFixtures.writeSnapshot(in: temporary.path)
    let bytes = try SnapshotFixtures.read(written.path)
    #expect(bytes.count == written.size)
    #expect(SHA256Hasher.hexDigest(of: bytes) == written.sha256)
    let sidecar = try String(contentsOfFile: written.path + ".sha256", encoding: .utf8)
    #expect(sidecar == "\(written.sha256)  docs-2026-01-02-03-04-05.snapshot\n")

    let manifest = try SnapshotArchive.verify(path: written.path)
    #expect(manifest.collection == "docs")
    #expect(manifest.created == "2026-01-02T03:04:05Z")
    #expect(manifest.config == .object(["dim": .int(4), "distance": .string("cosine")]))
    #expect(manifest.files.map(\.name) == SnapshotFixtures.files.map(\.0))

    let target = temporary.path + "/restored"
    let extracted = try SnapshotArchive.extract(path: written.path, into: target)
    #expect(extracted == manifest)
    for (name, content) in SnapshotFixtures.files {
      #expect(try SnapshotFixtures.read(target + "/" + name) == content, "\(name)")
      let mode = try FileManager.default.attributesOfItem(atPath: target + "/" + name)[.posixPermissions] as? Int
      #expect(mode == 0o600)
    }
    let folderMode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
    #expect(folderMode == 0o700)
    #expect(throws: SnapshotError.self) { try SnapshotArchive.extract(path: written.path, into: target) }
  }

  @Test func writingIsDeterministic() throws {
    let first = TemporaryDirectory()
    let second = TemporaryDirectory()
    let a = try SnapshotFixtures.writeSnapshot(in: first.path)
    let b = try SnapshotFixtures.writeSnapshot(in: second.path)
    #expect(a.sha256 == b.sha256)
    #expect(try SnapshotFixtures.read(a.path) == SnapshotFixtures.read(b.path))
  }

  @Test func gnuTarListsAndExtractsTheArchive() throws {
    let temporary = TemporaryDirectory()
    let written = try SnapshotFixtures.writeSnapshot(in: temporary.path)
    let list = Process()
    list.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
    list.arguments = ["tf", written.path]
    let pipe = Pipe()
    list.standardOutput = pipe
    let listExit = try list.startWatched()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    listExit.wait()
    #expect(list.terminationStatus == 0)
    let names = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    #expect(names == ["manifest.json"] + SnapshotFixtures.files.map(\.0))

    let into = temporary.path + "/untarred"
    try FileManager.default.createDirectory(atPath: into, withIntermediateDirectories: true)
    let extract = Process()
    extract.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
    extract.arguments = ["xf", written.path, "-C", into]
    let extractExit = try extract.startWatched()
    extractExit.wait()
    #expect(extract.terminationStatus == 0)
    for (name, content) in SnapshotFixtures.files {
      #expect(try SnapshotFixtures.read(into + "/" + name) == content)
    }
  }

  @Test func writerRefusesBadArguments() throws {
    let temporary = TemporaryDirectory()
    let source = temporary.path + "/a"
    try SnapshotFixtures.write([1, 2, 3], to: source)
    func code(_ name: String, created: String = "2026-01-02T03:04:05Z") -> SnapshotError.Code? {
      SnapshotFixtures.errorCode { () throws(SnapshotError) in
        _ = try SnapshotArchive.write(
          to: temporary.path + "/s.snapshot", collection: "c", created: created,
          config: .object([:]), files: [(name, source)])
      }
    }
    for bad in [
      "../a", "/etc/passwd", "a/../b", "a//b", "./a", "", "manifest.json", "a\\b",
      String(repeating: "x", count: 101),
    ] {
      #expect(code(bad) == .invalidName, "\(bad)")
    }
    #expect(code("ok", created: "yesterday") == .invalidArgument)
    #expect(code("ok") == nil)
    #expect(code("ok") == .destinationExists)
  }

  @Test func truncationAtEveryOffsetIsATypedError() throws {
    let temporary = TemporaryDirectory()
    let written = try SnapshotFixtures.writeSnapshot(in: temporary.path)
    let bytes = try SnapshotFixtures.read(written.path)
    let cut = temporary.path + "/cut.snapshot"
    for length in 0..<bytes.count {
      try SnapshotFixtures.write(Array(bytes[0..<length]), to: cut)
      let code = SnapshotFixtures.errorCode { () throws(SnapshotError) in
        _ = try SnapshotArchive.verify(path: cut)
      }
      #expect(code != nil, "truncated to \(length) bytes verified")
    }
  }

  @Test func bitFlipsAreDetectedOrHarmless() throws {
    let temporary = TemporaryDirectory()
    let written = try SnapshotFixtures.writeSnapshot(in: temporary.path)
    let bytes = try SnapshotFixtures.read(written.path)
    let manifestLength = Int(bytes[124..<135].reduce(0) { $0 * 8 + Int($1 - 48) })
    let flipped = temporary.path + "/flipped.snapshot"
    var generator = SeededGenerator(seed: 42)
    var detected = 0
    for trial in 0..<400 {
      var copy = bytes
      let offset = trial < 200 ? Int.random(in: 0..<bytes.count, using: &generator) : trial * 7 % bytes.count
      copy[offset] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
      try SnapshotFixtures.write(copy, to: flipped)
      // Without a sidecar: an error, or success with identical files.
      do throws(SnapshotError) {
        let manifest = try SnapshotArchive.verify(path: flipped)
        let inManifest = offset >= 512 && offset < 512 + manifestLength
        #expect(inManifest || manifest.files.map(\.name) == SnapshotFixtures.files.map(\.0))
        #expect(manifest.files.map(\.size) == SnapshotFixtures.files.map(\.1.count))
      } catch {
        detected += 1
      }
      // With the original sidecar: always an error.
      try SnapshotFixtures.write(
        Array("\(written.sha256)  flipped.snapshot\n".utf8), to: flipped + ".sha256")
      let code = SnapshotFixtures.errorCode { () throws(SnapshotError) in
        _ = try SnapshotArchive.verify(path: flipped)
      }
      #expect(code != nil, "flip at \(offset) passed the sidecar check")
      try FileManager.default.removeItem(atPath: flipped + ".sha256")
    }
    #expect(detected > 100)
  }

  @Test func sidecarMustMatchAndBeWellFormed() throws {
    let temporary = TemporaryDirectory()
    let written = try SnapshotFixtures.writeSnapshot(in: temporary.path)
    let sidecar = written.path + ".sha256"
    try SnapshotFixtures.write(Array("\(String(repeating: "0", count: 64))  x\n".utf8), to: sidecar)
    #expect(
      SnapshotFixtures.errorCode { () throws(SnapshotError) in _ = try SnapshotArchive.verify(path: written.path) }
        == .sidecarMismatch)
    try SnapshotFixtures.write(Array("garbage\n".utf8), to: sidecar)
    #expect(
      SnapshotFixtures.errorCode { () throws(SnapshotError) in _ = try SnapshotArchive.verify(path: written.path) }
        == .invalidSidecar)
    try FileManager.default.removeItem(atPath: sidecar)
    #expect(
      SnapshotFixtures.errorCode { () throws(SnapshotError) in _ = try SnapshotArchive.verify(path: written.path) }
        == nil)
  }

  @Test func largeArchivesHashedOnASecondThreadRoundTrip() throws {
    let temporary = TemporaryDirectory()
    var generator = SeededGenerator(seed: 4)
    let big = (0..<(SnapshotArchive.backgroundHashingThreshold + 12_345)).map { _ in
      UInt8.random(in: .min ... .max, using: &generator)
    }
    let small = Array("small".utf8)
    try SnapshotFixtures.write(big, to: temporary.path + "/big")
    let path = temporary.path + "/large.snapshot"
    let contents = try SnapshotArchive.write(
      to: path, kind: .collection, created: "2026-01-02T03:04:05Z",
      collections: [SnapshotManifest.Collection(name: "c", config: .object([:]))],
      sources: [
        SnapshotSource(name: "big.bin", content: .file(temporary.path + "/big")),
        SnapshotSource(name: "small.bin", content: .bytes(small)),
      ])
    let bytes = try SnapshotFixtures.read(path)
    #expect(SHA256Hasher.hexDigest(of: bytes) == contents.sha256)
    #expect(
      contents.manifest.files.map(\.sha256) == [SHA256Hasher.hexDigest(of: big), SHA256Hasher.hexDigest(of: small)])
    #expect(try SnapshotArchive.readManifest(path: path).archiveSize == bytes.count)
    #expect(try SnapshotArchive.check(path: path) == contents)
    _ = try SnapshotArchive.extract(path: path, into: temporary.path + "/out")
    #expect(try SnapshotFixtures.read(temporary.path + "/out/big.bin") == big)
    #expect(try SnapshotFixtures.read(temporary.path + "/out/small.bin") == small)
  }

  @Test func aMissingSourceFailsTheSnapshotAndLeavesNothing() throws {
    let temporary = TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: temporary.path + "/out", withIntermediateDirectories: false)
    let source = temporary.path + "/source"
    try SnapshotFixtures.write([1, 2, 3], to: source)
    let missing = SnapshotFixtures.errorCode { () throws(SnapshotError) in
      _ = try SnapshotArchive.write(
        to: temporary.path + "/out/s.snapshot", collection: "c", created: "2026-01-02T03:04:05Z",
        config: .object([:]), files: [("a", source), ("b", temporary.path + "/nothing")])
    }
    #expect(missing == .sourceChanged)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path + "/out").isEmpty)
  }
}
