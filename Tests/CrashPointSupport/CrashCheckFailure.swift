/// A crash state that breaks a promise, in one sentence.
package struct CrashCheckFailure: Error, CustomStringConvertible {
  /// What is wrong.
  package var description: String

  /// A failure saying `description`.
  package init(_ description: String) {
    self.description = description
  }
}
