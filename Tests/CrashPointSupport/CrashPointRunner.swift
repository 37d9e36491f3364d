import Foundation

/// Builds every crash state of a model, writes each to disk and checks it.
package enum CrashPointRunner {
  /// Checks every state of every crash point of `model`, written in turn at `directory`
  /// (whatever is there is replaced).
  ///
  /// - Parameter check: Opens and checks the state at `directory`; a thrown error is a
  ///   failure of that state.
  /// - Complexity: O(points²) changes applied, plus the checks.
  package static func run(
    _ model: CrashModel, at directory: String, check: (CrashState) throws -> Void
  ) -> CrashPointReport {
    var report = CrashPointReport(points: model.pointCount)
    for point in 0..<model.pointCount {
      for state in model.states(at: point) {
        report.states[state.variant, default: 0] += 1
        do {
          try state.tree.write(to: directory)
          try check(state)
        } catch {
          let after = point == 0 ? "before the first call" : "after call \(point - 1) (\(model.calls[point - 1]))"
          let message = "\(error)".replacingOccurrences(of: directory, with: "<dir>")
          report.failures.append(
            "crash point \(point) of \(model.pointCount - 1), \(after), \(state.variant): \(message)")
        }
      }
    }
    return report
  }
}
