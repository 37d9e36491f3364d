import Foundation
import TestSupport

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

func randomVector(_ dimension: Int, using generator: inout SeededGenerator) -> [Float] {
  (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
}
