import CEngineSupport

/// An incremental SHA-256 (FIPS 180-4) over the C implementation in `CEngineSupport`.
///
/// Feed bytes with ``update(_:)`` in any split, then call ``finalize()`` once.
struct SHA256Hasher {
  private var context = ragops_sha256_context()

  /// Starts a new computation.
  init() {
    ragops_sha256_init(&context)
  }

  /// Adds `bytes` to the message; the corresponding C function is `ragops_sha256_update`.
  ///
  /// - Complexity: O(n) in `bytes.count`.
  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    ragops_sha256_update(&context, base, bytes.count)
  }

  /// Adds `bytes` to the message.
  ///
  /// - Complexity: O(n) in `bytes.count`.
  mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Finishes the computation and returns the 32-byte digest; the hasher then starts over.
  mutating func finalize() -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 32)
    digest.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      ragops_sha256_final(&context, base)
    }
    ragops_sha256_init(&context)
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
