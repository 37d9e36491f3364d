extension Theme {
  /// Parses a theme file.
  ///
  /// The format (a TOML subset, see ``TOMLDocument``):
  /// ```toml
  /// name = "qdrant-dark"            # optional; defaults to the file's stem
  /// description = "…"               # optional
  /// [palette]                       # name = colour
  /// navy = "#0b0f19"
  /// [roles]                         # role = colour (the fg) or an inline table
  /// background = { fg = "white", bg = "navy" }
  /// selection = { fg = "white", bg = "#dc244c", modifiers = ["bold"] }
  /// ```
  /// Colours are `#rrggbb`, `default`, an ANSI name, an index 0–255 (quoted or not), or a
  /// palette name. Modifiers are `bold`, `dim`, `italic`, `underline` and `reverse`.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - file: The path to name in errors; its stem is the default theme name.
  /// - Returns: The theme.
  /// - Throws: ``ThemeError`` naming `file`, line and column: a syntax error, more than
  ///   ``TOMLSubsetParser/maximumEntries`` entries in a table or array, an unknown key, table
  ///   or role, an unknown or malformed colour, an unknown modifier, or a
  ///   highlight role (``ThemeRole/isHighlight``) with neither a background of its own nor
  ///   reverse video.
  /// - Complexity: O(n) in the length of `text`.
  public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
    let document = try TOMLSubsetParser.parse(text, file: file)
    var reader = ThemeDocumentReader(file: file)
    return try reader.read(document)
  }
}

/// Turns a parsed theme document into a ``Theme``, checking every name against the format.
private struct ThemeDocumentReader {
  let file: String

  mutating func read(_ document: TOMLDocument) throws(ThemeError) -> Theme {
    var name = Self.stem(of: file)
    var summary: String?
    for entry in document.root {
      switch entry.key {
      case "name": name = try string(entry.value, for: "name")
      case "description": summary = try string(entry.value, for: "description")
      default:
        throw error(
          .unknownKey, at: entry.keyPosition,
          "unknown key '\(entry.key)'; the top level has only name and description")
      }
    }

    var palette: [String: ThemeColor] = [:]
    var roleEntries: [TOMLDocument.Entry] = []
    var rolesTable: TOMLDocument.Table?
    for table in document.tables {
      switch table.name {
      case "palette":
        for entry in table.entries {
          palette[entry.key] = try colorLiteral(entry.value, for: entry.key)
        }
      case "roles":
        rolesTable = table
        roleEntries = table.entries
      default:
        throw error(
          .unknownKey, at: table.position,
          "unknown table [\(table.name)]; theme files have [palette] and [roles]")
      }
    }

    var roles: [ThemeRole: RoleStyle] = [:]
    var rolePositions: [ThemeRole: TOMLDocument.Position] = [:]
    for entry in roleEntries {
      guard let role = ThemeRole(rawValue: entry.key) else {
        throw error(
          .unknownRole, at: entry.keyPosition,
          "unknown role '\(entry.key)'\(Self.suggestion(for: entry.key))")
      }
      roles[role] = try roleStyle(entry.value, role: role, palette: palette)
      rolePositions[role] = entry.keyPosition
    }

    let theme = Theme(name: name, summary: summary, palette: palette, roles: roles)
    for role in ThemeRole.allCases where role.isHighlight && !theme.standsOut(role) {
      let position =
        rolePositions[role] ?? rolesTable?.position ?? TOMLDocument.Position(line: 1, column: 1)
      let other = Theme.comparisonRole(for: role).rawValue
      let what =
        rolePositions[role] == nil ? "is not set and looks like" : "does not stand out from"
      throw error(
        .invisibleHighlight, at: position,
        "role '\(role.rawValue)' \(what) '\(other)': give it a bg colour of its own or the "
          + "reverse modifier (bold alone is invisible on many terminals)")
    }
    return theme
  }

  // MARK: Values

  private func roleStyle(
    _ node: TOMLDocument.Node, role: ThemeRole, palette: [String: ThemeColor]
  ) throws(ThemeError) -> RoleStyle {
    switch node.value {
    case .string, .integer:
      return RoleStyle(foreground: try colorReference(node, for: role.rawValue, palette: palette))
    case .inlineTable(let entries):
      var style = RoleStyle()
      for entry in entries {
        switch entry.key {
        case "fg": style.foreground = try colorReference(entry.value, for: "fg", palette: palette)
        case "bg": style.background = try colorReference(entry.value, for: "bg", palette: palette)
        case "modifiers": style.modifiers = try modifiers(entry.value)
        default:
          throw error(
            .unknownKey, at: entry.keyPosition,
            "unknown key '\(entry.key)' in role '\(role.rawValue)'; use fg, bg and modifiers")
        }
      }
      return style
    default:
      throw error(
        .invalidValue, at: node.position,
        "role '\(role.rawValue)' needs a colour or { fg = …, bg = …, modifiers = […] }, "
          + "not \(node.value.typeName)")
    }
  }

  /// A colour or a palette name.
  private func colorReference(
    _ node: TOMLDocument.Node, for key: String, palette: [String: ThemeColor]
  ) throws(ThemeError) -> ThemeColor {
    if case .string(let text) = node.value, let color = palette[text] { return color }
    if case .string(let text) = node.value, ThemeColor.parse(text) == nil,
      !ThemeColor.isMalformedHex(text), Int(text) == nil
    {
      throw error(
        .unknownColor, at: node.position,
        "'\(text.prefix(40))' for \(key) is not a colour and not in [palette]")
    }
    return try colorLiteral(node, for: key)
  }

  /// A colour literal: `#rrggbb`, `default`, an ANSI name or an index 0–255.
  private func colorLiteral(_ node: TOMLDocument.Node, for key: String) throws(ThemeError)
    -> ThemeColor
  {
    switch node.value {
    case .integer(let index):
      guard (0...255).contains(index) else {
        throw error(.invalidColor, at: node.position, "colour index \(index) is not in 0…255")
      }
      return .indexed(UInt8(index))
    case .string(let text):
      if let color = ThemeColor.parse(text) { return color }
      if ThemeColor.isMalformedHex(text) {
        throw error(
          .invalidColor, at: node.position,
          "'\(text.prefix(40))' for \(key) is not a colour: write # and six hex digits")
      }
      if let index = Int(text) {
        throw error(.invalidColor, at: node.position, "colour index \(index) is not in 0…255")
      }
      throw error(
        .unknownColor, at: node.position,
        "'\(text.prefix(40))' for \(key) is not a colour (#rrggbb, 0–255, an ANSI name or default)")
    default:
      throw error(
        .invalidValue, at: node.position, "\(key) needs a colour, not \(node.value.typeName)")
    }
  }

  private func modifiers(_ node: TOMLDocument.Node) throws(ThemeError) -> TextAttributes {
    guard case .array(let elements) = node.value else {
      throw error(
        .invalidValue, at: node.position,
        "modifiers needs an array such as [\"bold\"], not \(node.value.typeName)")
    }
    var attributes: TextAttributes = []
    for element in elements {
      guard case .string(let text) = element.value,
        let named = TextAttributes.named.first(where: { $0.name == text })
      else {
        let known = TextAttributes.named.map(\.name).joined(separator: ", ")
        throw error(.invalidValue, at: element.position, "unknown modifier; use \(known)")
      }
      attributes.insert(named.attribute)
    }
    return attributes
  }

  private func string(_ node: TOMLDocument.Node, for key: String) throws(ThemeError) -> String {
    guard case .string(let text) = node.value else {
      throw error(.invalidValue, at: node.position, "\(key) needs a string")
    }
    return text
  }

  // MARK: Helpers

  private func error(
    _ kind: ThemeError.Kind, at position: TOMLDocument.Position, _ message: String
  ) -> ThemeError {
    ThemeError(kind, file: file, line: position.line, column: position.column, message)
  }

  /// The file name without folders and without `.toml`.
  static func stem(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return name.hasSuffix(".toml") ? String(name.dropLast(5)) : name
  }

  /// `; did you mean 'x'?` for a close role name, else an empty string.
  static func suggestion(for key: String) -> String {
    let normalized = String(key.lowercased().map { $0 == "_" ? "-" : $0 })
    if let role = ThemeRole(rawValue: normalized) { return "; did you mean '\(role.rawValue)'?" }
    let close = ThemeRole.allCases.first { role in
      role.rawValue.hasPrefix(normalized) || normalized.hasPrefix(role.rawValue)
    }
    return close.map { "; did you mean '\($0.rawValue)'?" } ?? ""
  }
}
