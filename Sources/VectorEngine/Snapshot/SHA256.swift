import Crypto

/// An incremental SHA-256 (FIPS 180-4), over swift-crypto's `SHA256`.
///
/// Feed bytes with ``update(_:)`` in any split, then call ``finalize()`` once.
struct SHA256Hasher {
  private var hasher = SHA256()

  /// Starts a new computation.
  init() {}

  /// Adds `bytes` to the message.
  ///
  /// - Complexity: O(n) in `bytes.count`.
  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    hasher.update(bufferPointer: bytes)
  }

  /// Adds `bytes` to the message.
  ///
  /// - Complexity: O(n) in `bytes.count`.
  mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Finishes the computation and returns the 32-byte digest; the hasher then starts over.
  mutating func finalize() -> [UInt8] {
    let digest = Array(hasher.finalize())
    hasher = SHA256()
    return digest
  }

  /// The lowercase hexadecimal text of `digest`, two characters per byte.
  ///
  /// - Complexity: O(n) in `digest.count`.
  static func hex(_ digest: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(digest.count * 2)
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The SHA-256 of `bytes` as lowercase hexadecimal.
  ///
  /// - Complexity: O(n) in `bytes.count`.
  static func hexDigest(of bytes: [UInt8]) -> String {
    var hasher = SHA256Hasher()
    hasher.update(bytes)
    return hex(hasher.finalize())
  }
}

extension SHA256Hasher: Sendable {}
