/// Little-endian field access on a fuzz input, for the checksum repairs and the targets that
/// take parameters from a file's header.
///
/// Reads outside the bytes give `nil` and writes outside them do nothing: the input is
/// arbitrary, and the harness must never be the thing that crashes.
enum FuzzBytes {
  /// The `UInt32` at `offset`, or `nil` when it does not fit.
  static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32? {
    guard offset >= 0, offset <= bytes.count - 4 else { return nil }
    var value: UInt32 = 0
    for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
    return value
  }

  /// The `UInt64` at `offset`, or `nil` when it does not fit.
  static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64? {
    guard offset >= 0, offset <= bytes.count - 8 else { return nil }
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
    return value
  }

  /// Stores `value` at `offset` when it fits.
  static func store(_ value: UInt32, in bytes: inout [UInt8], at offset: Int) {
    guard offset >= 0, offset <= bytes.count - 4 else { return }
    for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
  }

  /// The range `offset..<offset + length` when both are in bounds of `bytes`, else `nil`.
  static func range(_ bytes: [UInt8], offset: UInt64, length: UInt64) -> Range<Int>? {
    let count = UInt64(bytes.count)
    guard offset <= count, length <= count - offset else { return nil }
    return Int(offset)..<Int(offset + length)
  }

  /// The input as text, with invalid UTF-8 replaced (the text parsers take `String`s).
  static func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
