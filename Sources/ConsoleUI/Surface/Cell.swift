/// One terminal cell of a ``Surface``: a grapheme cluster, its width and its style.
///
/// A wide grapheme (CJK, most emoji) occupies two cells: the *lead* cell holds the grapheme
/// with `width == 2`, and the cell to its right is a *continuation* (`width == 0`) that the
/// terminal flusher skips. A surface never holds a lead without its continuation or the
/// reverse (see ``Surface/checkInvariants()``).
public struct Cell: Hashable {
  /// The grapheme shown, or `" "` for a blank or continuation cell.
  public var grapheme: Character
  /// Columns the grapheme takes: 1 or 2 for a lead cell, 0 for a continuation cell.
  public var width: Int
  /// How the cell looks.
  public var style: Style

  /// Creates a cell; `width` must be 0 (continuation), 1 or 2.
  public init(_ grapheme: Character, width: Int = 1, style: Style = .background) {
    precondition((0...2).contains(width), "cell width \(width) is not 0, 1 or 2")
    self.grapheme = grapheme
    self.width = width
    self.style = style
  }

  /// A blank cell in `style`.
  public static func blank(_ style: Style = .background) -> Cell { Cell(" ", style: style) }

  /// The right half of a wide grapheme, in `style`.
  static func continuation(_ style: Style) -> Cell { Cell(" ", width: 0, style: style) }

  /// Whether this is the right half of a wide grapheme.
  public var isContinuation: Bool { width == 0 }
}

extension Cell: Sendable {}
