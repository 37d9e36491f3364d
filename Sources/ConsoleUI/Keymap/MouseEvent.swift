/// A mouse event in cell coordinates (only when the mouse is switched on).
public struct MouseEvent: Hashable {
  /// What the mouse did.
  public enum Kind: Hashable, Sendable {
    /// The left button went down: select what is under it.
    case leftPress
    /// The left button came up.
    case leftRelease
    /// The right button went down.
    case rightPress
    /// The wheel turned away from the user: scroll up.
    case wheelUp
    /// The wheel turned towards the user: scroll down.
    case wheelDown
  }

  /// What the mouse did.
  public var kind: Kind
  /// The cell under the pointer.
  public var position: Point

  /// Creates a mouse event.
  public init(_ kind: Kind, at position: Point) {
    self.kind = kind
    self.position = position
  }
}

extension MouseEvent: Sendable {}
