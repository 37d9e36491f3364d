/// A logged call the model cannot follow.
package struct CrashModelError: Error, CustomStringConvertible {
  /// The call's index in the log.
  package var call: Int
  /// What is wrong.
  package var problem: String

  init(call: Int, _ problem: String) {
    self.call = call
    self.problem = problem
  }

  /// `call 12 renames …`.
  package var description: String { "call \(call) \(problem)" }
}
