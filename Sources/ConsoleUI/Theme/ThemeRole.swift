/// A semantic role a cell plays on screen; a theme maps each role to colours and attributes.
///
/// Theme files name roles in kebab case (the raw values). A role the file leaves out, and any
/// of `fg`, `bg` or `modifiers` it leaves out for a role, is inherited from the role's
/// ``parent``, up to ``background``, which falls back to the terminal's own colours. So a
/// theme can be three lines long and still style every role, and a new role added here
/// cannot break an existing theme.
public enum ThemeRole: String, CaseIterable, Hashable {
  /// The screen: `bg` is the background everything sits on, `fg` the default text colour.
  case background
  /// Ordinary text.
  case text
  /// Secondary text: hints, units, placeholders, empty states.
  case muted
  /// Brand colour for highlights that are not a selection.
  case accent
  /// Panel borders.
  case border
  /// The border of the panel that has the keyboard focus.
  case borderFocused = "border-focused"
  /// Panel titles.
  case title
  /// The header bar at the top of the screen (data directory, versions, scheduler).
  case header
  /// Column titles of a table.
  case tableHeader = "table-header"
  /// The arrow beside the column a table is sorted by.
  case sortIndicator = "sort-indicator"
  /// The selected row. Must set a background or reverse video: bold alone is invisible on
  /// many terminals.
  case selection
  /// The selected row of a panel that does not have the focus. Same rule as ``selection``.
  case selectionInactive = "selection-inactive"
  /// The active tab.
  case tabActive = "tab-active"
  /// The other tabs.
  case tabInactive = "tab-inactive"
  /// Breadcrumbs of the view stack.
  case breadcrumb
  /// The last breadcrumb: where the user is.
  case breadcrumbActive = "breadcrumb-active"
  /// Healthy status (green collection, succeeded backup).
  case statusOK = "status-ok"
  /// Degraded status (yellow collection, skipped backup).
  case statusWarning = "status-warning"
  /// Failed status and error messages.
  case statusError = "status-error"
  /// Neutral information and progress messages.
  case statusInfo = "status-info"
  /// The footer bar.
  case footer
  /// A key in the footer and in help (`q`, `Ctrl-D`).
  case keyHint = "key-hint"
  /// What a key does, beside it.
  case keyHintText = "key-hint-text"
  /// The `:` command line.
  case commandLine = "command-line"
  /// The `/` filter line and the active filter.
  case filter
  /// The body of a dialog.
  case dialog
  /// The border of a dialog.
  case dialogBorder = "dialog-border"
  /// The title of a dialog.
  case dialogTitle = "dialog-title"
  /// A dialog button without the focus.
  case button
  /// The dialog button with the focus. Same rule as ``selection``.
  case buttonFocused = "button-focused"
  /// A text field.
  case input
  /// The text field with the focus.
  case inputFocused = "input-focused"
  /// The label beside a text field.
  case inputLabel = "input-label"
  /// Keys in the JSON view.
  case jsonKey = "json-key"
  /// String values in the JSON view.
  case jsonString = "json-string"
  /// Number values in the JSON view.
  case jsonNumber = "json-number"
  /// `true`, `false` and `null` in the JSON view.
  case jsonLiteral = "json-literal"
  /// Brackets, braces, colons and commas in the JSON view.
  case jsonPunctuation = "json-punctuation"
  /// A search score drawn as a bar.
  case scoreBar = "score-bar"
  /// The done part of a progress bar.
  case progress
  /// The rest of a progress bar.
  case progressEmpty = "progress-empty"
  /// Chart axes and labels.
  case chartAxis = "chart-axis"
  /// Chart series 1 (also the default for one-series charts such as sparklines).
  case chart1 = "chart-1"
  /// Chart series 2.
  case chart2 = "chart-2"
  /// Chart series 3.
  case chart3 = "chart-3"
  /// Chart series 4.
  case chart4 = "chart-4"
  /// Chart series 5.
  case chart5 = "chart-5"
  /// Chart series 6.
  case chart6 = "chart-6"
  /// Chart series 7.
  case chart7 = "chart-7"
  /// Chart series 8.
  case chart8 = "chart-8"

  /// The role this one inherits missing settings from; `nil` only for ``background``.
  public var parent: ThemeRole? {
    switch self {
    case .background: nil
    case .text, .border, .header, .footer: .background
    case .muted, .accent, .title, .tableHeader, .selection, .tabActive, .statusOK, .statusWarning,
      .statusError, .statusInfo, .commandLine, .filter, .dialog, .input, .jsonString, .jsonNumber,
      .jsonLiteral:
      .text
    case .borderFocused: .border
    case .sortIndicator: .tableHeader
    case .selectionInactive: .selection
    case .tabInactive, .breadcrumb, .keyHintText, .inputLabel, .jsonPunctuation, .progressEmpty,
      .chartAxis:
      .muted
    case .breadcrumbActive, .keyHint, .jsonKey, .scoreBar, .progress, .chart1, .chart2, .chart3,
      .chart4, .chart5, .chart6, .chart7, .chart8:
      .accent
    case .dialogBorder, .dialogTitle, .button: .dialog
    case .buttonFocused: .button
    case .inputFocused: .input
    }
  }

  /// Whether the role marks "this one" among its peers (selected row, focused button), so
  /// it must stand out by a background colour or reverse video, never by bold alone.
  public var isHighlight: Bool {
    switch self {
    case .selection, .selectionInactive, .buttonFocused: true
    default: false
    }
  }

  /// The chart series roles, in order.
  public static let chartSeries: [ThemeRole] = [
    .chart1, .chart2, .chart3, .chart4, .chart5, .chart6, .chart7, .chart8,
  ]

  /// The role of chart series `index` (0-based), cycling through the eight series.
  public static func chartSeries(_ index: Int) -> ThemeRole {
    chartSeries[((index % chartSeries.count) + chartSeries.count) % chartSeries.count]
  }
}

extension ThemeRole: Sendable {}
