@testable import VectorEngine
@testable import Model

/// Payload index files (`seg-<id>.idx-<n>`): read for a segment of ``rowCount`` rows with the
/// type the header names, then asked every kind of condition, with values taken from the
/// index itself so that lookups hit.
enum PayloadIndexFuzzTarget {
  /// The row count of the segment the index is read for (the seeds come from smaller ones).
  static let rowCount = 64

  /// Runs `input` as it is, then with its length and checksum repaired.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let outcome = exercise(input, in: workspace)
    let repaired = ChecksumRepair.headedBody(input, headerSize: 32, lengthAt: 28, crcAt: 24)
    if repaired != input { _ = exercise(repaired, in: workspace) }
    return outcome
  }

  private static func exercise(_ file: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    workspace.withFreshFolder { folder in
      let path = folder + "/" + SegmentPayloadIndex.fileName(segment: 1, index: 1)
      FuzzWorkspace.write(file, to: path)
      let code = Int(FuzzBytes.uint32(file, at: 12) ?? 0)
      let type = code < PayloadIndexType.allCases.count ? PayloadIndexType.allCases[code] : .keyword
      guard
        let index = try? SegmentPayloadIndex.read(
          path: path, expectedType: type, rowCount: rowCount)
      else { return .rejected }
      for condition in conditions(for: index) {
        if let rows = index.rows(matching: condition, rowCount: rowCount) {
          _ = rows.population
        }
      }
      return .accepted
    }
  }

  /// Conditions of every kind, using up to a few values the index holds.
  private static func conditions(for index: SegmentPayloadIndex) -> [FieldCondition] {
    var values: [JSONValue] = [.string("acme"), .int(7), .double(0.5), .bool(true), .bool(false)]
    switch index.storage {
    case .keyword(let postings): values += postings.keys.prefix(4).map { .string($0) }
    case .integer(let numbers, _): values += numbers.prefix(4).map { .int($0) }
    case .float(let numbers, _): values += numbers.prefix(4).map { .double($0) }
    case .bool: break
    }
    var conditions: [FieldCondition] = [.matchAny(values), .matchExcept(values), .matchText("a b")]
    for value in values {
      conditions.append(.matchValue(value))
      if let number = value.numberValue {
        conditions.append(.range(RangeBounds(gte: number)))
        conditions.append(.range(RangeBounds(gt: number, lt: number + 10)))
        conditions.append(.range(RangeBounds(gte: -number, lte: number)))
      }
    }
    conditions.append(.range(RangeBounds()))
    return conditions
  }
}
