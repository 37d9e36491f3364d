// The error of the filter-model reader, before the caller gives it a source position.

/// A filter-model error before it has a source position.
struct FilterJSONDecodingError: Error {
  /// What is wrong.
  package var message: String
  /// Where, from the document root.
  var path: [FilterJSONPathComponent]
  /// Whether the problem is the last member's name (an unknown key) rather than its value.
  var atMemberName = false

  /// The public error at a known position.
  func syntaxError(line: Int, column: Int) -> FilterSyntaxError {
    FilterSyntaxError(
      message: message, line: line, column: column,
      path: FilterJSONPathComponent.render(path))
  }
}
