import VectorEngine
/// An open confirmation dialog and what it confirms.
public struct DialogModel: Hashable {
  /// The dialog.
  public var dialog: Dialog
  /// Its focus and typed text.
  public var state: DialogState
  /// What pressing the action button does.
  public var act: PendingAct

  /// Opens `dialog` in its initial state (Cancel focused).
  public init(_ dialog: Dialog, act: PendingAct) {
    self.dialog = dialog
    self.state = dialog.initialState()
    self.act = act
  }
}

extension DialogModel: Sendable {}
