import Foundation

/// A fresh directory under the system's temporary folder, removed when the value is released.
final class TemporaryDirectory {
  let path: String

  init(_ label: String = #function) {
    let safe = label.filter { $0.isLetter || $0.isNumber }
    path = NSTemporaryDirectory() + "ragops-\(safe)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// A seeded random generator (SplitMix64) so tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

func randomVector(_ dimension: Int, using generator: inout SeededGenerator) -> [Float] {
  (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
}
