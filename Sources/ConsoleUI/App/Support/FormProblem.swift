import Model
/// Why a form cannot be submitted: the field and what is wrong with it.
struct FormProblem: Error, Hashable {
  /// The message shown under the form.
  var message: String

  /// Creates a problem.
  init(_ message: String) {
    self.message = message
  }
}
