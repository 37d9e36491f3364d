import Testing

@testable import VectorEngine

struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ])
  func nistVectors(message: String, expected: String) {
    #expect(SHA256Hasher.hexDigest(of: Array(message.utf8)) == expected)
  }

  @Test func oneMillionAs() {
    var hasher = SHA256Hasher()
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { hasher.update(chunk) }
    #expect(
      SHA256Hasher.hex(hasher.finalize())
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func incrementalUpdatesMatchAtEverySplit() {
    let message = Array(
      "The quick brown fox jumps over the lazy dog, then again and again until 130 bytes: 0123456789abcdefghijklmnopqrstuvwxyz!"
        .utf8)
    let whole = SHA256Hasher.hexDigest(of: message)
    for split in 0...message.count {
      var hasher = SHA256Hasher()
      hasher.update(Array(message[0..<split]))
      hasher.update(Array(message[split...]))
      #expect(SHA256Hasher.hex(hasher.finalize()) == whole, "split at \(split)")
    }
    for first in stride(from: 0, through: message.count, by: 7) {
      for second in stride(from: first, through: message.count, by: 11) {
        var hasher = SHA256Hasher()
        hasher.update(Array(message[0..<first]))
        hasher.update(Array(message[first..<second]))
        hasher.update(Array(message[second...]))
        #expect(SHA256Hasher.hex(hasher.finalize()) == whole)
      }
    }
  }

  @Test func paddingBoundaryLengths() {
    // 55, 56, 63, 64 and 65 bytes straddle the padding cases; compare against one-byte feeds.
    for length in [55, 56, 57, 63, 64, 65, 119, 120, 128] {
      let message = [UInt8](repeating: 0x61, count: length)
      var bytewise = SHA256Hasher()
      for byte in message { bytewise.update([byte]) }
      #expect(SHA256Hasher.hex(bytewise.finalize()) == SHA256Hasher.hexDigest(of: message))
    }
    #expect(
      SHA256Hasher.hexDigest(of: [UInt8](repeating: 0x61, count: 64))
        == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
  }
}
