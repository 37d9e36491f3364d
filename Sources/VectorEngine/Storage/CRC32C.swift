import CEngineSupport

/// CRC-32C (Castagnoli), the checksum of WAL records and file headers and sections.
enum CRC32C {
  /// The CRC-32C of `bytes`, continuing from `seed` (0 to start).
  ///
  /// - Complexity: O(n); uses the SSE4.2 instruction when the CPU has it.
  static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
    guard let base = bytes.baseAddress else { return seed }
    return ragops_crc32c(seed, base, bytes.count)
  }

  /// The CRC-32C of `bytes`.
  static func checksum(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0, seed: seed) }
  }
}
