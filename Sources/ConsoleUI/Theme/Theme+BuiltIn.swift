extension Theme {
  /// The default theme, compiled in.
  ///
  /// Used when no `qdrant-dark.toml` is found on disk, so the console always starts with its
  /// intended look. Kept identical to `Themes/qdrant-dark.toml` (a test compares them).
  public static let builtIn: Theme = {
    do {
      return try Theme.parse(builtInSource, file: "built-in qdrant-dark")
    } catch {
      preconditionFailure("the built-in theme does not parse: \(error)")
    }
  }()

  /// The text of `Themes/qdrant-dark.toml`.
  static let builtInSource = """
    # The default theme: the Qdrant dashboard in dark mode. Deep navy background, the brand
    # red-pink as the accent and for the selected row, soft greys for secondary text.
    #
    # Roles left out inherit from their parent role (see "Console themes" in the README); within a
    # role, a missing fg, bg or modifiers is inherited the same way.

    name = "qdrant-dark"
    description = "Qdrant dashboard, dark: deep navy, red-pink accent, soft greys"

    [palette]
    navy = "#0b0f19"
    paper = "#111824"
    raised = "#1c2536"
    line = "#2e3950"
    white = "#fcfdff"
    grey = "#abb1c7"
    slate = "#6b7391"
    brand = "#dc244c"
    violet = "#9494ff"
    teal = "#26a69a"
    amber = "#ffa726"
    coral = "#f44336"
    sky = "#29b6f6"

    [roles]
    background = { fg = "white", bg = "navy" }
    muted = "grey"
    accent = "brand"
    border = "line"
    border-focused = "violet"
    title = { fg = "white", modifiers = ["bold"] }
    header = { fg = "grey", bg = "paper" }
    table-header = { fg = "grey", modifiers = ["bold"] }
    sort-indicator = "brand"
    selection = { fg = "white", bg = "brand", modifiers = ["bold"] }
    selection-inactive = { fg = "white", bg = "raised", modifiers = [] }
    tab-active = { fg = "brand", modifiers = ["bold", "underline"] }
    tab-inactive = "grey"
    breadcrumb = "grey"
    breadcrumb-active = { fg = "violet", modifiers = ["bold"] }
    status-ok = "teal"
    status-warning = "amber"
    status-error = "coral"
    status-info = "sky"
    key-hint = { fg = "violet", modifiers = ["bold"] }
    key-hint-text = "grey"
    command-line = { fg = "white", bg = "raised" }
    filter = "amber"
    dialog = { fg = "white", bg = "paper" }
    dialog-border = "brand"
    dialog-title = { fg = "white", modifiers = ["bold"] }
    button = { fg = "grey", bg = "raised" }
    button-focused = { fg = "white", bg = "brand", modifiers = ["bold"] }
    input = { fg = "white", bg = "raised" }
    input-focused = { fg = "white", bg = "line" }
    input-label = "grey"
    json-key = "violet"
    json-string = "teal"
    json-number = "amber"
    json-literal = "sky"
    json-punctuation = "slate"
    score-bar = "violet"
    progress = "brand"
    progress-empty = "line"
    chart-axis = "slate"
    chart-1 = "brand"
    chart-2 = "violet"
    chart-3 = "sky"
    chart-4 = "teal"
    chart-5 = "amber"
    chart-6 = "#f06292"
    chart-7 = "#aed581"
    chart-8 = "#ba68c8"

    """
}
