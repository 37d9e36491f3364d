/// What a fuzz target made of one input.
///
/// libFuzzer ignores it; the corpus replay test uses it to check that every committed seed is
/// a valid example that reaches the code behind the parser's first checks.
enum FuzzOutcome: Hashable, Sendable {
  /// The code under test read the input without an error.
  case accepted
  /// The code under test refused the input with an error (the expected end for most inputs).
  case rejected
}
