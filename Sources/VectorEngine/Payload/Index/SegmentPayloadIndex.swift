// A payload index over one sealed segment's rows (`seg-<id>.idx-<index id>`).
//
//   0  magic "RGOPSIDX"   8  u32 version (1)   12  u32 type (0 keyword, 1 integer, 2 float, 3 bool)
//   16 u64 rows with at least one value        24  u32 CRC-32C of the body   28  u32 body length
//   32 body:
//      keyword  u32 key count, then per key (ascending): string, u32 posting count, u32 rows…
//      integer  u64 entry count, then (i64 value, u32 row) ascending by value then row
//      float    u64 entry count, then (f64 value, u32 row) ascending by value then row
//      bool     u32 count + rows with true, u32 count + rows with false
//
// Invariant: the index answers a condition only when its answer equals what evaluating the
// condition on each row's payload would give (see `rows(matching:)`); otherwise it declines
// and the caller evaluates payloads.

/// The values of one indexed payload field across a sealed segment, for answering filters.
import Model

final class SegmentPayloadIndex: Sendable {
  /// The index's data, by type.
  enum Storage: Sendable {
    case keyword([String: [UInt32]])
    case integer(values: [Int64], rows: [UInt32])
    case float(values: [Double], rows: [UInt32])
    case bool(trueRows: [UInt32], falseRows: [UInt32])
  }

  let type: PayloadIndexType
  let storage: Storage
  /// Rows that have at least one value for the field.
  let indexedRows: Int

  init(type: PayloadIndexType, storage: Storage, indexedRows: Int) {
    self.type = type
    self.storage = storage
    self.indexedRows = indexedRows
  }

  static func fileName(segment: Int, index: Int) -> String {
    SegmentFormat.fileName(segment: segment).replacingSuffix(".seg", with: ".idx-\(index)")
  }

  // MARK: Building

  /// Builds the index from each row's values at `path`.
  ///
  /// - Parameter values: the field's values for a row (arrays already flattened, nulls kept).
  /// - Complexity: O(n log n) in the number of values.
  static func build(type: PayloadIndexType, rowCount: Int, values: (Int) throws(StoreError) -> [JSONValue])
    throws(StoreError) -> SegmentPayloadIndex
  {
    var keyword: [String: [UInt32]] = [:]
    var integers: [(Int64, UInt32)] = []
    var floats: [(Double, UInt32)] = []
    var trueRows: [UInt32] = []
    var falseRows: [UInt32] = []
    var indexedRows = 0
    for row in 0..<rowCount {
      var any = false
      for value in try values(row) {
        switch (type, value) {
        case (.keyword, .string(let text)):
          if keyword[text, default: []].last != UInt32(row) { keyword[text, default: []].append(UInt32(row)) }
        case (.integer, .int(let number)): integers.append((number, UInt32(row)))
        case (.float, .int(let number)): floats.append((Double(number), UInt32(row)))
        case (.float, .uint(let number)): floats.append((Double(number), UInt32(row)))
        case (.float, .double(let number)): floats.append((number, UInt32(row)))
        case (.bool, .bool(let flag)):
          if flag {
            if trueRows.last != UInt32(row) { trueRows.append(UInt32(row)) }
          } else if falseRows.last != UInt32(row) {
            falseRows.append(UInt32(row))
          }
        default: continue
        }
        any = true
      }
      if any { indexedRows += 1 }
    }
    let storage: Storage
    switch type {
    case .keyword: storage = .keyword(keyword)
    case .integer:
      integers.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
      storage = .integer(values: integers.map(\.0), rows: integers.map(\.1))
    case .float:
      floats.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
      storage = .float(values: floats.map(\.0), rows: floats.map(\.1))
    case .bool: storage = .bool(trueRows: trueRows, falseRows: falseRows)
    }
    return SegmentPayloadIndex(type: type, storage: storage, indexedRows: indexedRows)
  }

  // MARK: Answering

  /// The rows matching `condition`, or `nil` when this index cannot answer it exactly.
  ///
  /// - Complexity: O(log n + k) for k matching entries.
  func rows(matching condition: FieldCondition, rowCount: Int) -> Bitset? {
    var bits = Bitset(count: rowCount)
    func add(_ rows: some Sequence<UInt32>) {
      for row in rows where Int(row) < rowCount { bits[Int(row)] = true }
    }
    switch (storage, condition) {
    case (.keyword(let postings), .matchValue(let value)):
      if case .string(let text) = value { add(postings[text] ?? []) }
      return bits
    case (.keyword(let postings), .matchAny(let values)):
      for case .string(let text) in values { add(postings[text] ?? []) }
      return bits
    case (.integer(let values, let rows), .matchValue(let value)):
      if let number = value.exactInteger { add(Self.equalRange(values, number).map { rows[$0] }) }
      return bits
    case (.integer(let values, let rows), .matchAny(let candidates)):
      for candidate in candidates {
        if let number = candidate.exactInteger { add(Self.equalRange(values, number).map { rows[$0] }) }
      }
      return bits
    case (.integer(let values, let rows), .range(let bounds)):
      Self.addRange(bounds, count: values.count, value: { Double(values[$0]) }, rows: rows, into: &bits)
      return bits
    case (.float(let values, let rows), .range(let bounds)):
      Self.addRange(bounds, count: values.count, value: { values[$0] }, rows: rows, into: &bits)
      return bits
    case (.bool(let trueRows, let falseRows), .matchValue(let value)):
      if case .bool(let flag) = value { add(flag ? trueRows : falseRows) }
      return bits
    case (.bool(let trueRows, let falseRows), .matchAny(let values)):
      for case .bool(let flag) in values { add(flag ? trueRows : falseRows) }
      return bits
    default:
      return nil
    }
  }

  /// Adds the rows of entries (ascending by value) that satisfy `bounds`.
  private static func addRange(
    _ bounds: RangeBounds, count: Int, value: (Int) -> Double, rows: [UInt32], into bits: inout Bitset
  ) {
    let start = firstIndex(count) { index in
      let number = value(index)
      return number >= (bounds.gte ?? -.infinity) && (bounds.gt.map { number > $0 } ?? true)
    }
    for index in start..<count {
      let number = value(index)
      if let lt = bounds.lt, !(number < lt) { break }
      if let lte = bounds.lte, !(number <= lte) { break }
      if bounds.contains(number), Int(rows[index]) < bits.count { bits[Int(rows[index])] = true }
    }
  }

  private static func firstIndex(_ count: Int, where predicate: (Int) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if predicate(middle) { high = middle } else { low = middle + 1 }
    }
    return low
  }

  private static func equalRange(_ values: [Int64], _ number: Int64) -> Range<Int> {
    let start = firstIndex(values.count) { values[$0] >= number }
    let end = firstIndex(values.count) { values[$0] > number }
    return start..<end
  }

  // MARK: File format

  static let magic: [UInt8] = Array("RGOPSIDX".utf8)

  var encoded: [UInt8] {
    var body = ByteWriter()
    switch storage {
    case .keyword(let postings):
      body.append(UInt32(postings.count))
      for key in postings.keys.sorted() {
        body.append(string: key)
        let rows = postings[key] ?? []
        body.append(UInt32(rows.count))
        for row in rows { body.append(row) }
      }
    case .integer(let values, let rows):
      body.append(UInt64(values.count))
      for (value, row) in zip(values, rows) {
        body.append(value)
        body.append(row)
      }
    case .float(let values, let rows):
      body.append(UInt64(values.count))
      for (value, row) in zip(values, rows) {
        body.append(value)
        body.append(row)
      }
    case .bool(let trueRows, let falseRows):
      for rows in [trueRows, falseRows] {
        body.append(UInt32(rows.count))
        for row in rows { body.append(row) }
      }
    }
    var writer = ByteWriter(capacity: body.count + 32)
    writer.append(contentsOf: Self.magic)
    writer.append(UInt32(1))
    writer.append(UInt32(PayloadIndexType.allCases.firstIndex(of: type) ?? 0))
    writer.append(UInt64(indexedRows))
    writer.append(CRC32C.checksum(body.bytes))
    writer.append(UInt32(body.count))
    writer.append(contentsOf: body.bytes)
    return writer.bytes
  }

  /// Reads an index file, validating everything against `rowCount`.
  static func read(path: String, expectedType: PayloadIndexType, rowCount: Int) throws(StoreError)
    -> SegmentPayloadIndex
  {
    let bytes = try DurableFile.readRequired(path)
    do {
      return try bytes.withUnsafeBytes { raw in
        try decode(raw, path: path, expectedType: expectedType, rowCount: rowCount)
      }
    } catch let error as StorageCorruption {
      throw StoreError.from(error)
    } catch {
      throw StoreError(.corrupted, "corrupt data: \(path): \(error)")
    }
  }

  /// Decodes and validates an index file's bytes for a segment of `rowCount` rows: format,
  /// checksum, type, every row in range, posting lists strictly ascending, values sorted.
  ///
  /// - Complexity: O(size).
  /// - Throws: ``StorageCorruption`` naming `path`.
  static func decode(_ raw: UnsafeRawBufferPointer, path: String, expectedType: PayloadIndexType, rowCount: Int)
    throws(StorageCorruption) -> SegmentPayloadIndex
  {
    var reader = ByteReader(raw, context: path)
    guard Array(try reader.readBytes(8)) == magic, try reader.readUInt32() == 1 else {
      throw StorageCorruption(file: path, detail: "not an index file (bad magic or version)")
    }
    let typeCode = Int(try reader.readUInt32())
    guard typeCode < PayloadIndexType.allCases.count, PayloadIndexType.allCases[typeCode] == expectedType else {
      throw StorageCorruption(file: path, detail: "index type differs from the manifest")
    }
    let indexedRows = try reader.readUInt64()
    let crc = try reader.readUInt32()
    let length = Int(try reader.readUInt32())
    guard length == reader.remaining, indexedRows <= UInt64(rowCount) else {
      throw StorageCorruption(file: path, detail: "length or row count out of range")
    }
    let bodyBytes = try reader.readBytes(length)
    guard CRC32C.checksum(bodyBytes) == crc else { throw StorageCorruption(file: path, detail: "checksum mismatch") }
    var body = ByteReader(bodyBytes, context: path)
    func row() throws(StorageCorruption) -> UInt32 {
      let value = try body.readUInt32()
      guard Int(value) < rowCount else { throw StorageCorruption(file: path, detail: "row \(value) out of range") }
      return value
    }
    /// A posting list: rows strictly ascending (answers merge them as sorted sets).
    func rows() throws(StorageCorruption) -> [UInt32] {
      let count = try body.readCount(elementBytes: 4, of: "posting list")
      var result: [UInt32] = []
      result.reserveCapacity(count)
      for _ in 0..<count {
        let next = try row()
        if let last = result.last, next <= last {
          throw StorageCorruption(file: path, detail: "a posting list is not strictly ascending")
        }
        result.append(next)
      }
      return result
    }
    /// Sorted values (answers binary-search them), finite.
    func checkSorted<Value: Comparable>(_ values: [Value]) throws(StorageCorruption) {
      for index in values.indices.dropFirst() where !(values[index - 1] <= values[index]) {
        throw StorageCorruption(file: path, detail: "values are not in ascending order at entry \(index)")
      }
    }
    let storage: Storage
    switch expectedType {
    case .keyword:
      let keys = try body.readCount(elementBytes: 8, of: "keyword")
      var postings: [String: [UInt32]] = [:]
      for _ in 0..<keys {
        let key = try body.readString()
        guard postings.updateValue(try rows(), forKey: key) == nil else {
          throw StorageCorruption(file: path, detail: "a keyword is listed twice")
        }
      }
      storage = .keyword(postings)
    case .integer, .float:
      let count = try body.readCount(width: 8, elementBytes: 12, of: "entry")
      var rowList: [UInt32] = []
      rowList.reserveCapacity(count)
      if expectedType == .integer {
        var values: [Int64] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
          values.append(try body.readInt64())
          rowList.append(try row())
        }
        try checkSorted(values)
        storage = .integer(values: values, rows: rowList)
      } else {
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
          values.append(try body.readDouble())
          rowList.append(try row())
        }
        guard values.allSatisfy(\.isFinite) else {
          throw StorageCorruption(file: path, detail: "a value is not finite")
        }
        try checkSorted(values)
        storage = .float(values: values, rows: rowList)
      }
    case .bool:
      let trueRows = try rows()
      storage = .bool(trueRows: trueRows, falseRows: try rows())
    }
    return SegmentPayloadIndex(type: expectedType, storage: storage, indexedRows: Int(indexedRows))
  }
}

extension String {
  func replacingSuffix(_ suffix: String, with replacement: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self + replacement
  }
}

extension JSONValue {
  /// The value as an integer when it is one exactly (for integer index lookups).
  var exactInteger: Int64? {
    switch self {
    case .int(let value): value
    case .uint(let value): Int64(exactly: value)
    case .double(let value): Int64(exactly: value)
    default: nil
    }
  }
}
