import Operations

/// A modal box with a title, a message and buttons, drawn over the centre of the screen.
///
/// Dialogs start with the focus on Cancel (``initialState()``), so Enter right after a
/// destructive key never destroys anything. The typed-name variant
/// (``typedConfirmation(title:message:name:action:)``) also asks for the name of what will be
/// destroyed and keeps the action's button disabled until it is typed exactly.
public struct Dialog: Hashable {
  /// The title in the top edge.
  public var title: String
  /// The message, wrapped to the dialog's width; newlines start new lines.
  public var message: String
  /// The buttons, left to right.
  public var buttons: [String]
  /// The button that closes the dialog without doing anything; focused at the start.
  public var cancelButton: Int
  /// For a typed-name confirmation: the text that must be typed.
  public var requiredText: String?
  /// The button disabled until ``requiredText`` is typed.
  public var guardedButton: Int?
  /// The characters to draw the border with.
  public var glyphs: BorderGlyphs

  /// Creates a dialog.
  public init(
    title: String, message: String, buttons: [String], cancelButton: Int = 0,
    requiredText: String? = nil, guardedButton: Int? = nil, glyphs: BorderGlyphs = .rounded
  ) {
    self.title = title
    self.message = message
    self.buttons = buttons
    self.cancelButton = cancelButton
    self.requiredText = requiredText
    self.guardedButton = guardedButton
    self.glyphs = glyphs
  }

  /// A yes/no confirmation: Cancel and the action, Cancel focused.
  public static func confirmation(title: String, message: String, action: String) -> Dialog {
    Dialog(title: title, message: message, buttons: ["Cancel", action], cancelButton: 0)
  }

  /// A confirmation for an irreversible act: the action stays disabled until `name` is typed.
  public static func typedConfirmation(
    title: String, message: String, name: String, action: String
  ) -> Dialog {
    Dialog(
      title: title, message: message, buttons: ["Cancel", action], cancelButton: 0,
      requiredText: name, guardedButton: 1)
  }

  /// The state a dialog opens in: Cancel focused, nothing typed.
  public func initialState() -> DialogState { DialogState(focusedButton: cancelButton) }

  /// Whether `button` can be pressed in `state`.
  public func isEnabled(_ button: Int, state: DialogState) -> Bool {
    guard button == guardedButton, let requiredText else { return true }
    return state.field.text == requiredText
  }

  /// The prompt above the typed-name field.
  var fieldPrompt: String? { requiredText.map { "Type \($0) to confirm:" } }

  /// The dialog's box when drawn over `area`: centred, as wide as the content wants (at most
  /// 64 columns) and as the area allows.
  ///
  /// - Complexity: O(length of the message).
  public func frame(in area: Rect) -> Rect {
    let buttonsWidth =
      buttonLabels.reduce(0) { $0 + DisplayWidth.of($1) } + 2 * max(0, buttons.count - 1)
    let wanted = max(
      40, DisplayWidth.of(title) + 8, buttonsWidth + 4,
      min(64, DisplayWidth.of(message) + 4), (fieldPrompt.map(DisplayWidth.of) ?? 0) + 4)
    let width = min(area.width, min(64, wanted))
    let inner = max(1, width - 4)
    let messageLines = TextWrap.lines(message, width: inner).count
    let fieldRows = requiredText == nil ? 0 : 3
    let height = min(area.height, 2 + 1 + messageLines + 1 + fieldRows + 1)
    return area.centered(Size(width: width, height: height))
  }

  /// Draws the dialog over the centre of `area`.
  ///
  /// - Complexity: O(area of the dialog).
  public func render(into surface: inout Surface, area: Rect, state: DialogState) {
    let box = frame(in: area)
    guard !box.isEmpty else { return }
    surface.withClip(box) { surface in
      surface.fill(box, style: Style(.dialog))
      let inner = Frame(title: title, role: .dialogBorder, titleRole: .dialogTitle, glyphs: glyphs)
        .render(into: &surface, area: box)
        .inset(left: 1, right: 1)
      var y = inner.y + 1
      for line in TextWrap.lines(message, width: inner.width) {
        surface.write(line, at: Point(x: inner.x, y: y), style: Style(.dialog))
        y += 1
      }
      y += 1
      if let fieldPrompt {
        surface.write(fieldPrompt, at: Point(x: inner.x, y: y), style: Style(.dialog))
        TextField(state: state.field, isFocused: true)
          .render(into: &surface, area: Rect(x: inner.x, y: y + 1, width: inner.width, height: 1))
        y += 3
      }
      for (index, range) in buttonRanges(in: inner).enumerated() {
        var style = Style(index == state.focusedButton ? .buttonFocused : .button)
        if !isEnabled(index, state: state) { style = style.adding(.dim) }
        surface.write(
          buttonLabels[index], at: Point(x: range.lowerBound, y: buttonRow(in: inner)), style: style
        )
      }
    }
  }

  /// The button under `point` when drawn over `area`, for mouse clicks.
  public func button(at point: Point, area: Rect) -> Int? {
    let inner = frame(in: area).inset(by: 1).inset(left: 1, right: 1)
    guard point.y == buttonRow(in: inner) else { return nil }
    return buttonRanges(in: inner).firstIndex { $0.contains(point.x) }
  }

  private var buttonLabels: [String] { buttons.map { "[ \($0) ]" } }

  private func buttonRow(in inner: Rect) -> Int { inner.maxY - 1 }

  /// The columns of each button, right-aligned in `inner`.
  private func buttonRanges(in inner: Rect) -> [Range<Int>] {
    let widths = buttonLabels.map(DisplayWidth.of)
    let total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
    var x = inner.maxX - total
    return widths.map { width in
      defer { x += width + 2 }
      return x..<(x + width)
    }
  }
}

extension Dialog: Sendable {}
