import TestSupport
import Testing

@testable import VectorEngine

/// The background hasher gives the same digests as a plain SHA-256, on its thread or not.
struct BackgroundHasherTests {
  @Test(arguments: [false, true])
  func digestsMatchAPlainHasherForEveryStream(background: Bool) {
    var generator = SeededGenerator(seed: 99)
    let messages: [[UInt8]] = [0, 1, 63, 64, 65, 1_000, 4_097].map { length in
      (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
    let hasher = BackgroundHasher(bufferSize: 100, count: 3, background: background)
    for message in messages {
      var offset = 0
      while offset < message.count {
        let count = min(hasher.bufferSize, message.count - offset)
        let buffer = hasher.nextBuffer()
        message.withUnsafeBytes { raw in
          buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]))
        }
        hasher.hash(count)
        offset += count
      }
      hasher.endStream()
    }
    #expect(hasher.digests().map(SHA256Hasher.hex) == messages.map(SHA256Hasher.hexDigest(of:)))
  }
}

extension BackgroundHasherTests {
  @Test func aHasherDroppedWithABufferStillTakenIsReleasedCleanly() {
    var hasher: BackgroundHasher? = BackgroundHasher(bufferSize: 8, count: 2, background: true)
    _ = hasher?.nextBuffer()
    hasher?.hash(8)
    _ = hasher?.nextBuffer()  // taken, then abandoned as on an I/O error
    #expect(hasher?.digests().isEmpty == true)
    hasher = nil
    #expect(hasher == nil)
  }
}
