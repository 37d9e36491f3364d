import Model
/// An open confirmation dialog and what it confirms.
public struct DialogModel: Hashable {
  /// The dialog.
  public var dialog: Dialog
  /// Its focus and typed text.
  public var state: DialogState
  /// What pressing the action button does.
  public var act: PendingAct
  /// What the other buttons do, by button index (dialogs with more than one action).
  public var otherActs: [Int: PendingAct]

  /// Opens `dialog` in its initial state (Cancel focused); `act` is what the action button
  /// (the last one) does, `otherActs` what further buttons do.
  public init(_ dialog: Dialog, act: PendingAct, otherActs: [Int: PendingAct] = [:]) {
    self.dialog = dialog
    self.state = dialog.initialState()
    self.act = act
    self.otherActs = otherActs
  }

  /// What pressing `button` does, or `nil` for Cancel.
  public func act(for button: Int) -> PendingAct? {
    guard button != dialog.cancelButton else { return nil }
    return otherActs[button] ?? act
  }
}

extension DialogModel: Sendable {}
