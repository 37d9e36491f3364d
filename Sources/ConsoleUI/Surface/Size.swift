/// A size in terminal cells: `width` columns by `height` rows.
///
/// Negative values are clamped to 0, so arithmetic on sizes never yields a negative area.
public struct Size: Hashable {
  /// The number of columns.
  public var width: Int {
    didSet { width = max(0, width) }
  }
  /// The number of rows.
  public var height: Int {
    didSet { height = max(0, height) }
  }

  /// Creates a size; negative values become 0.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// No cells at all.
  public static let zero = Size(width: 0, height: 0)

  /// Whether the size holds no cell.
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// Whether this size is at least `other` in both directions.
  public func contains(_ other: Size) -> Bool { width >= other.width && height >= other.height }
}

extension Size: CustomStringConvertible {
  /// `W×H`, the way the console states sizes to the user.
  public var description: String { "\(width)×\(height)" }
}

extension Size: Sendable {}
