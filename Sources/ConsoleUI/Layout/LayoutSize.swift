/// How much of a row or column of space one part of a ``Layout`` split takes.
public enum LayoutSize: Hashable {
  /// Exactly this many cells (less if there is not enough room).
  case fixed(Int)
  /// A share of what the fixed parts leave, in proportion to the weight.
  case fill(weight: Int = 1)

  /// A fill part of weight 1.
  public static let fill = LayoutSize.fill(weight: 1)
}

extension LayoutSize: Sendable {}
