/// A column of a ``TableView``: its title, how wide it is, and how its cells align.
public struct TableColumn: Hashable {
  /// How a column's width is chosen.
  public enum Width: Hashable, Sendable {
    /// Exactly this many columns.
    case fixed(Int)
    /// As wide as the widest cell or the title (with room for the sort arrow), within bounds.
    case fit(minimum: Int, maximum: Int)
    /// A share of the width the other columns leave.
    case fill
  }

  /// Where text sits in a cell.
  public enum Alignment: Hashable, Sendable {
    /// Padded on the right: text.
    case left
    /// Padded on the left: numbers, so digits line up.
    case right
  }

  /// The title in the header.
  public var title: String
  /// How the width is chosen.
  public var width: Width
  /// How the title and cells align.
  public var alignment: Alignment

  /// Creates a column.
  public init(
    _ title: String, width: Width = .fit(minimum: 4, maximum: 40), alignment: Alignment = .left
  ) {
    self.title = title
    self.width = width
    self.alignment = alignment
  }
}

extension TableColumn: Sendable {}
