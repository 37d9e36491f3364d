import Operations

extension String {
  /// The string followed by spaces up to `width` columns (unchanged when wider).
  func padded(to width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - DisplayWidth.of(self)))
  }
}
