/// A column of a ``ResultTable``: its title and how its cells align.
public struct ResultColumn: Hashable {
  /// How cells sit within the column's width.
  public enum Alignment: Hashable, Sendable {
    /// Text: padded on the right.
    case left
    /// Numbers: padded on the left, so digits line up.
    case right
  }

  /// The title; the text renderer shows it in uppercase.
  public var title: String
  /// How the title and cells align.
  public var alignment: Alignment

  /// Creates a column.
  public init(_ title: String, alignment: Alignment = .left) {
    self.title = title
    self.alignment = alignment
  }

  /// A left-aligned column, for text.
  public static func left(_ title: String) -> ResultColumn { ResultColumn(title, alignment: .left) }

  /// A right-aligned column, for numbers.
  public static func right(_ title: String) -> ResultColumn {
    ResultColumn(title, alignment: .right)
  }
}

extension ResultColumn: Sendable {}
