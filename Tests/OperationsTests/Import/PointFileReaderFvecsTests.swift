import TestSupport
import Testing
import VectorEngine

@testable import Operations
@testable import Model

struct PointFileReaderFvecsTests {
  /// The fvecs encoding of `vectors`, each record declaring `declared ?? vector.count`.
  private func fvecs(_ vectors: [[Float]], declared: [Int32?] = []) -> [UInt8] {
    var bytes: [UInt8] = []
    for (index, vector) in vectors.enumerated() {
      let dimension =
        index < declared.count ? declared[index] ?? Int32(vector.count) : Int32(vector.count)
      withUnsafeBytes(of: dimension.littleEndian) { bytes += $0 }
      for component in vector {
        withUnsafeBytes(of: component.bitPattern.littleEndian) { bytes += $0 }
      }
    }
    return bytes
  }

  private func firstError(_ path: String, expectedDimension: Int? = nil) throws -> ImportError? {
    var reader = try PointFileReader(path: path, expectedDimension: expectedDimension)
    do {
      while try reader.nextBatch() != nil {}
    } catch {
      return error
    }
    return nil
  }

  @Test func readsRecordsWithIdsInFileOrderAndExactBits() throws {
    let vectors: [[Float]] = [
      [1, -2.5, .leastNonzeroMagnitude, -0.0],
      [.greatestFiniteMagnitude, 0.1, 3, 4],
      [5, 6, 7, 8],
    ]
    let directory = try TemporaryDirectory()
    let path = try directory.file("base.fvecs", bytes: fvecs(vectors))
    var reader = try PointFileReader(path: path, expectedDimension: 4, batchSize: 2)
    #expect(reader.format == .fvecs)
    #expect(reader.totalBytes == 60)
    var points: [PointStruct] = []
    var sizes: [Int] = []
    while let batch = try reader.nextBatch() {
      sizes.append(batch.count)
      points += batch
    }
    #expect(sizes == [2, 1])
    #expect(points.map(\.id) == [.number(0), .number(1), .number(2)])
    #expect(points.map { $0.vector.map(\.bitPattern) } == vectors.map { $0.map(\.bitPattern) })
    #expect(points.allSatisfy { $0.payload.isEmpty })
    #expect(reader.pointsRead == 3)
    #expect(reader.bytesRead == 60)
    #expect(reader.dimension == 4)
  }

  @Test func recordsCrossChunkBoundaries() throws {
    var generator = SeededGenerator(seed: 7)
    let vectors = (0..<50).map { _ in
      (0..<13).map { _ in Float.random(in: -1...1, using: &generator) }
    }
    let directory = try TemporaryDirectory()
    let path = try directory.file("base.fvecs", bytes: fvecs(vectors))
    var reader = PointFileReader(
      source: try ByteSource(path: path), path: path, format: .fvecs, expectedDimension: nil,
      batchSize: 8, bufferCapacity: 24)
    var read: [[Float]] = []
    while let batch = try reader.nextBatch() { read += batch.map(\.vector) }
    #expect(read == vectors)
  }

  @Test func emptyFileHasNoPoints() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("empty.fvecs", bytes: [])
    var reader = try PointFileReader(path: path)
    #expect(try reader.nextBatch() == nil)
  }

  @Test func fileWithPartialRecordIsRejectedBeforeAnyPoint() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file(
      "cut.fvecs", bytes: fvecs([[1, 2, 3, 4], [5, 6, 7, 8]]) + [0, 0, 0])
    var reader = try PointFileReader(path: path)
    let error = #expect(throws: ImportError.self) { try reader.nextBatch() }
    #expect(
      error?.description == "\(path): truncated: 43 bytes is not a whole number of 20-byte records")
    #expect(error?.location == .file)
    #expect(reader.pointsRead == 0)
  }

  @Test func fileTooShortForADimensionIsTruncated() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("tiny.fvecs", bytes: [4, 0])
    #expect(
      try firstError(path)?.message
        == "truncated: 2 bytes is too short for an fvecs record's dimension")
  }

  @Test func truncatedStreamDeliversWholeRecordsThenFails() throws {
    let pipe = try TestPipe()
    pipe.write(fvecs([[1, 2], [3, 4], [5, 6]]).dropLast(2).map { $0 })
    pipe.closeWriting()
    var reader = PointFileReader(
      source: ByteSource(borrowing: pipe.readDescriptor), path: "-", format: .fvecs,
      expectedDimension: 2, batchSize: 10)
    #expect(try reader.nextBatch()?.map(\.vector) == [[1, 2], [3, 4]])
    let error = #expect(throws: ImportError.self) { try reader.nextBatch() }
    #expect(
      error?.description == "stdin: truncated: 34 bytes is not a whole number of 12-byte records")
  }

  @Test func recordDeclaringAnotherDimensionIsRejected() throws {
    // Record 1 declares 3 components but the file still divides into 12-byte records.
    let directory = try TemporaryDirectory()
    let path = try directory.file(
      "mixed.fvecs", bytes: fvecs([[1, 2], [3, 4]], declared: [nil, 3]))
    let error = try firstError(path)
    #expect(
      error?.message == "record 1: vector has 3 components, the first point in the file has 2")
    #expect(error?.location == .record(1))
  }

  @Test func firstRecordMustMatchTheCollectionDimension() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("base.fvecs", bytes: fvecs([[1, 2, 3, 4]]))
    #expect(
      try firstError(path, expectedDimension: 8)?.message
        == "record 0: vector has 4 components, the collection needs 8")
  }

  @Test(arguments: [Int32(0), -5, 70_000])
  func implausibleDimensionsAreRejected(declared: Int32) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("bad.fvecs", bytes: fvecs([[1, 2]], declared: [declared]))
    #expect(
      try firstError(path)?.message
        == "record 0: record declares \(declared) components; an fvecs record needs 1 to 65536")
  }

  @Test(arguments: [Float.infinity, -.infinity, .nan])
  func nonFiniteComponentsAreRejected(value: Float) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("bad.fvecs", bytes: fvecs([[1, 2, 3], [4, 5, value]]))
    var reader = try PointFileReader(path: path)
    #expect(try reader.nextBatch()?.count == 1)
    let error = #expect(throws: ImportError.self) { try reader.nextBatch() }
    #expect(error?.message == "record 1: vector component 2 is not finite")
  }
}
