import Foundation
import TestSupport
import Testing
import VectorEngine

@testable import Operations
@testable import Model

struct PointFileWriterTests {
  @Test func writesOneCompactObjectPerLine() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path(of: "out.jsonl")
    var writer = try PointFileWriter(path: path)
    try writer.write(
      PointRecord(id: .number(1), payload: ["a": 1, "b": "x"], vector: [0.5, -2, 0]))
    try writer.write(
      PointRecord(
        id: .uuid(high: 0x550E_8400_E29B_41D4, low: 0xA716_4466_5544_0000), payload: nil,
        vector: [1e-7, -0.0]))
    try writer.write(PointRecord(id: .number(3), payload: [:], vector: nil))
    #expect(writer.pointsWritten == 3)
    try writer.finish()
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      text == """
        {"id":1,"vector":[0.5,-2,0],"payload":{"a":1,"b":"x"}}
        {"id":"550e8400-e29b-41d4-a716-446655440000","vector":[1e-07,-0.0]}
        {"id":3,"payload":{}}

        """)
  }

  @Test func roundTripIsBitExact() throws {
    var generator = SeededGenerator(seed: 0x5EED)
    var records: [PointRecord] = []
    for index in 0..<500 {
      let vector = (0..<9).map { _ -> Float in
        var value: Float
        repeat {
          value = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
        } while !value.isFinite
        return value
      }
      let id: PointID =
        index % 3 == 0
        ? .uuid(high: generator.next(), low: generator.next()) : .number(generator.next())
      let payload: JSONObject = ["n": .int(Int64(index)), "text": .string("line \(index)\n\"q\"")]
      records.append(PointRecord(id: id, payload: payload, vector: vector))
    }
    // Edge values that shortest-text printing must keep.
    records.append(
      PointRecord(
        id: .number(.max), payload: [:],
        vector: [
          -0.0, 0, .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude,
          16_777_215, 9_999_999, 1e7, 0.1,
        ]))

    let directory = try TemporaryDirectory()
    let path = directory.path(of: "round.jsonl")
    var writer = try PointFileWriter(path: path)
    try writer.write(contentsOf: records)
    try writer.finish()

    var reader = try PointFileReader(path: path, batchSize: 64)
    var points: [PointStruct] = []
    while let batch = try reader.nextBatch() { points += batch }
    #expect(points.count == records.count)
    #expect(points.map(\.id) == records.map(\.id))
    #expect(points.map(\.payload) == records.map { $0.payload ?? [:] })
    let written = records.map { ($0.vector ?? []).map(\.bitPattern) }
    #expect(points.map { $0.vector.map(\.bitPattern) } == written)
  }

  @Test func cannotCreateInAMissingDirectory() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path(of: "missing/out.jsonl")
    let error = #expect(throws: ExportError.self) { _ = try PointFileWriter(path: path) }
    #expect(error?.description == "\(path): cannot create the file: No such file or directory")
  }

  @Test func writeFailuresSurfaceOnFinish() throws {
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    var writer = try PointFileWriter(path: "/dev/full")
    try writer.write(PointRecord(id: .number(1), payload: nil, vector: [1]))
    do {
      try writer.finish()
      Issue.record("finishing on a full device succeeded")
    } catch {
      #expect(error.message == "write failed: No space left on device")
    }
  }
}
