/// Base64 (RFC 4648, with padding), for the OSC 52 clipboard sequence.
enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

  /// The encoding of `bytes`.
  ///
  /// - Complexity: O(n).
  static func encode(_ bytes: [UInt8]) -> String {
    var result = ""
    var index = 0
    while index < bytes.count {
      let chunk = bytes[index..<min(index + 3, bytes.count)]
      let a = chunk[chunk.startIndex]
      let b = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0
      let c = chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0
      result.append(alphabet[Int(a >> 2)])
      result.append(alphabet[Int((a & 0x03) << 4 | b >> 4)])
      result.append(chunk.count > 1 ? alphabet[Int((b & 0x0F) << 2 | c >> 6)] : "=")
      result.append(chunk.count > 2 ? alphabet[Int(c & 0x3F)] : "=")
      index += 3
    }
    return result
  }
}
