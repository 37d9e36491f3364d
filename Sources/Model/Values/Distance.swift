/// How vectors are compared (Qdrant's `Distance`).
public enum Distance: String, Hashable, CaseIterable {
  /// Cosine similarity; vectors are normalized once at insert, then compared by dot product.
  case cosine
  /// Dot product; higher is closer.
  case dot
  /// Euclidean distance; lower is closer.
  case euclid

  /// Whether a higher score means closer.
  public var higherIsCloser: Bool { self != .euclid }

  /// Parses `cosine`, `dot`, `euclid` (also Qdrant's capitalized names and `l2`).
  public init?(name: String) {
    switch name.lowercased() {
    case "cosine": self = .cosine
    case "dot": self = .dot
    case "euclid", "euclidean", "l2": self = .euclid
    default: return nil
    }
  }

  /// Qdrant's exact name (`Cosine`, `Dot`, `Euclid`), as its API writes and expects it.
  public var qdrantName: String {
    switch self {
    case .cosine: "Cosine"
    case .dot: "Dot"
    case .euclid: "Euclid"
    }
  }

  /// The distance Qdrant's API calls `name` exactly (case-sensitive, as Qdrant is); `nil` for
  /// any other name, `Manhattan` included.
  public init?(qdrantName name: String) {
    guard let distance = Self.allCases.first(where: { $0.qdrantName == name }) else { return nil }
    self = distance
  }
}

extension Distance: Sendable {}
