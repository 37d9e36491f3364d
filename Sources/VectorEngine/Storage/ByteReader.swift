/// Reads little-endian fields from untrusted bytes; every read is bounds-checked and throws
/// instead of trapping, so a corrupt file is an error, never a crash.
import Model

struct ByteReader {
  let bytes: UnsafeRawBufferPointer
  private(set) var offset: Int

  /// What was being read, for error messages ("WAL /x/wal-…").
  let context: String

  init(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0, context: String) {
    self.bytes = bytes
    self.offset = offset
    self.context = context
  }

  var remaining: Int { bytes.count - offset }

  private mutating func take(_ count: Int) throws(StorageCorruption) -> Int {
    guard count >= 0, count <= remaining else {
      throw StorageCorruption(file: context, detail: "record extends past the end at byte \(offset)")
    }
    let start = offset
    offset += count
    return start
  }

  mutating func readUInt8() throws(StorageCorruption) -> UInt8 {
    bytes[try take(1)]
  }

  mutating func readUInt32() throws(StorageCorruption) -> UInt32 {
    UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(4), as: UInt32.self))
  }

  mutating func readUInt64() throws(StorageCorruption) -> UInt64 {
    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: UInt64.self))
  }

  mutating func readInt64() throws(StorageCorruption) -> Int64 {
    Int64(bitPattern: try readUInt64())
  }

  mutating func readDouble() throws(StorageCorruption) -> Double {
    Double(bitPattern: try readUInt64())
  }

  /// Reads a little-endian element count of `width` bytes (4 or 8) and checks that that many
  /// elements of at least `elementBytes` bytes each fit in what is left, so a crafted count can
  /// neither trap when it becomes an `Int` nor make a caller reserve memory the file cannot fill.
  ///
  /// - Throws: ``StorageCorruption`` naming `what` when the count cannot be right.
  mutating func readCount(width: Int = 4, elementBytes: Int, of what: String) throws(StorageCorruption) -> Int {
    precondition((width == 4 || width == 8) && elementBytes > 0, "a count is 4 or 8 bytes of positive-size elements")
    let raw = width == 4 ? UInt64(try readUInt32()) : try readUInt64()
    guard raw <= UInt64(remaining / elementBytes) else {
      throw StorageCorruption(file: context, detail: "\(what) count exceeds the file at byte \(offset - width)")
    }
    return Int(raw)
  }

  /// Reads `count` raw bytes.
  mutating func readBytes(_ count: Int) throws(StorageCorruption) -> UnsafeRawBufferPointer {
    let start = try take(count)
    return UnsafeRawBufferPointer(rebasing: bytes[start..<start + count])
  }

  /// Reads `count` little-endian floats.
  ///
  /// - Complexity: O(count).
  mutating func readFloats(_ count: Int, into output: inout [Float]) throws(StorageCorruption) {
    guard count <= remaining / 4 else {
      throw StorageCorruption(file: context, detail: "vector extends past the end at byte \(offset)")
    }
    let start = try take(count * 4)
    let source = UnsafeRawBufferPointer(rebasing: bytes[start..<start + count * 4])
    #if _endian(little)
    let first = output.count
    output.append(contentsOf: repeatElement(0, count: count))
    output.withUnsafeMutableBytes { target in
      UnsafeMutableRawBufferPointer(rebasing: target[(first * 4)...]).copyMemory(from: source)
    }
    #else
    for index in 0..<count {
      output.append(
        Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))))
    }
    #endif
  }

  /// Reads a u32-length-prefixed UTF-8 string.
  mutating func readString() throws(StorageCorruption) -> String {
    let length = Int(try readUInt32())
    let raw = try readBytes(length)
    guard let text = String(validating: raw, as: UTF8.self) else {
      throw StorageCorruption(file: context, detail: "invalid UTF-8 at byte \(offset - length)")
    }
    return text
  }

  /// Reads a point id written by `ByteWriter.append(id:)`.
  mutating func readID() throws(StorageCorruption) -> PointID {
    switch try readUInt8() {
    case 0: return .number(try readUInt64())
    case 1:
      let high = try readUInt64()
      return .uuid(high: high, low: try readUInt64())
    default:
      throw StorageCorruption(file: context, detail: "invalid point id kind at byte \(offset - 1)")
    }
  }
}
