/// A theme that cannot be used, with the file, line and column at fault.
///
/// These are the theme author's (or the person choosing a theme's) errors, never the
/// program's: a typo in a role name, a colour that is not a colour, a selection that would
/// be invisible, a name that matches no theme file. The message never quotes more of the file
/// than the offending key or value.
public struct ThemeError: Error, Hashable, CustomStringConvertible {
  /// What kind of mistake it is.
  public enum Kind: String, Hashable, Sendable {
    /// The text is not valid in the TOML subset theme files use.
    case syntax
    /// A key or table the theme format does not have.
    case unknownKey
    /// A `[roles]` key that is not a ``ThemeRole``.
    case unknownRole
    /// A colour reference that is neither a colour literal nor a palette name.
    case unknownColor
    /// A colour literal that is malformed or out of range (`#12345`, `300`).
    case invalidColor
    /// A value of the wrong type (a number where a name belongs, an unknown modifier).
    case invalidValue
    /// The same key or table twice.
    case duplicateKey
    /// A table, inline table or array with more entries than a theme file may have
    /// (1,024 each).
    case tooManyEntries
    /// A highlight role (the selected row, the focused button) that would not stand out: it
    /// sets neither a background of its own nor reverse video.
    case invisibleHighlight
    /// No theme file with that name or path.
    case notFound
    /// The file exists but cannot be read as UTF-8 text.
    case unreadable
  }

  /// What kind of mistake it is.
  public var kind: Kind
  /// The theme file (as given or found), or the theme name when no file was found.
  public var file: String
  /// The 1-based line, when the mistake is inside the file.
  public var line: Int?
  /// The 1-based column (in characters), when the mistake is inside the file.
  public var column: Int?
  /// A sentence for the user, naming the key or value at fault.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:column: message`, the form editors jump to.
  public var description: String {
    switch (line, column) {
    case (let line?, let column?): "\(file):\(line):\(column): \(message)"
    case (let line?, nil): "\(file):\(line): \(message)"
    default: "\(file): \(message)"
    }
  }
}

extension ThemeError: Sendable {}
