/// Builds little-endian binary records: WAL bodies, segment headers, index files.
import Model

struct ByteWriter {
  /// The bytes written so far.
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  var count: Int { bytes.count }

  mutating func append(_ value: UInt8) { bytes.append(value) }

  mutating func append(_ value: UInt32) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func append(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func append(_ value: Int64) { append(UInt64(bitPattern: value)) }

  mutating func append(_ value: Double) { append(value.bitPattern) }

  mutating func append(_ value: Float) { append(value.bitPattern) }

  mutating func append(contentsOf other: some Sequence<UInt8>) { bytes.append(contentsOf: other) }

  /// Appends the floats as little-endian IEEE-754 words.
  ///
  /// - Complexity: O(n).
  mutating func append(floats: UnsafeBufferPointer<Float>) {
    #if _endian(little)
    bytes.append(contentsOf: UnsafeRawBufferPointer(floats))
    #else
    for value in floats { append(value) }
    #endif
  }

  /// Appends a length-prefixed (u32) UTF-8 string.
  mutating func append(string: String) {
    let utf8 = Array(string.utf8)
    append(UInt32(utf8.count))
    bytes.append(contentsOf: utf8)
  }

  /// Appends a point id as a kind byte and 8 or 16 bytes.
  mutating func append(id: PointID) {
    switch id {
    case .number(let value):
      append(UInt8(0))
      append(value)
    case .uuid(let high, let low):
      append(UInt8(1))
      append(high)
      append(low)
    }
  }

  /// Pads with zero bytes to a multiple of `alignment`.
  mutating func pad(to alignment: Int) {
    while bytes.count % alignment != 0 { bytes.append(0) }
  }

  /// Overwrites a u32 at `offset`.
  mutating func set(_ value: UInt32, at offset: Int) {
    withUnsafeBytes(of: value.littleEndian) { raw in
      for index in 0..<4 { bytes[offset + index] = raw[index] }
    }
  }

  /// Overwrites a u64 at `offset`.
  mutating func set(_ value: UInt64, at offset: Int) {
    withUnsafeBytes(of: value.littleEndian) { raw in
      for index in 0..<8 { bytes[offset + index] = raw[index] }
    }
  }

  /// The CRC-32C of `bytes[range]`.
  func checksum(_ range: Range<Int>) -> UInt32 {
    bytes.withUnsafeBytes { raw in
      CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[range]))
    }
  }
}
