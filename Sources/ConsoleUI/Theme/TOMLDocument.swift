/// A parsed theme file: the TOML subset themes use, with the position of every key and value.
///
/// The subset is what a theme needs and nothing more: `[table]` headers, `key = value`
/// lines, basic and literal strings, whole numbers, booleans, arrays (which may span lines)
/// and one-line inline tables, with `#` comments. Dotted keys, arrays of tables, floats and
/// dates are not part of it. Positions let ``Theme`` report semantic errors (an unknown role,
/// an unknown palette name) at the exact line and column.
struct TOMLDocument: Hashable {
  /// A 1-based line and column (in Unicode scalars) in the file.
  struct Position: Hashable, Sendable {
    /// The line, from 1.
    var line: Int
    /// The column, from 1.
    var column: Int
  }

  /// A value of the subset.
  indirect enum Value: Hashable, Sendable {
    /// A string (basic `"…"` or literal `'…'`).
    case string(String)
    /// A whole number.
    case integer(Int)
    /// `true` or `false`.
    case boolean(Bool)
    /// An array of values.
    case array([Node])
    /// An inline table `{ key = value, … }`, keys in file order.
    case inlineTable([Entry])

    /// A word for the value's type, for error messages.
    var typeName: String {
      switch self {
      case .string: "a string"
      case .integer: "a number"
      case .boolean: "a boolean"
      case .array: "an array"
      case .inlineTable: "an inline table"
      }
    }
  }

  /// A value and where it starts.
  struct Node: Hashable, Sendable {
    /// The value.
    var value: Value
    /// Where its first character is.
    var position: Position
  }

  /// A `key = value` pair.
  struct Entry: Hashable, Sendable {
    /// The key, unquoted.
    var key: String
    /// Where the key starts.
    var keyPosition: Position
    /// The value.
    var value: Node
  }

  /// A `[name]` table and the entries under it.
  struct Table: Hashable, Sendable {
    /// The table's name.
    var name: String
    /// Where the header's name starts.
    var position: Position
    /// Its entries, in file order.
    var entries: [Entry]
  }

  /// Entries before the first table header.
  var root: [Entry] = []
  /// The tables, in file order.
  var tables: [Table] = []
}

extension TOMLDocument: Sendable {}
