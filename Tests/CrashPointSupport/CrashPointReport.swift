/// What a run of ``CrashPointRunner`` checked and what failed.
package struct CrashPointReport: CustomStringConvertible {
  /// Crash points enumerated.
  package var points: Int
  /// States checked, by variant.
  package var states: [CrashState.Variant: Int] = [:]
  /// One sentence per failed state.
  package var failures: [String] = []

  /// All states checked.
  package var stateCount: Int { states.values.reduce(0, +) }

  /// `412 crash points, 1290 states (applied 412, dropped 300, …), 0 failures`.
  package var description: String {
    let variants = CrashState.Variant.allCases.map { "\($0) \(states[$0] ?? 0)" }.joined(separator: ", ")
    return "\(points) crash points, \(stateCount) states (\(variants)), \(failures.count) failures"
  }
}
