import HTTPTypes

/// The keys `ragops serve` accepts and what each may do.
///
/// A key travels in the `api-key` header or as `Authorization: Bearer <key>`, as with Qdrant.
/// Keys are compared in constant time (the time does not depend on where the first differing
/// byte is) and never appear in a response or a log line.
public struct APIKeys: Sendable {
  private let full: [UInt8]?
  private let readOnly: [UInt8]?

  /// What a request may do.
  enum Grant: Equatable {
    /// Read and write.
    case full
    /// Read only.
    case readOnly
  }

  /// Keys as given on the command line; `nil` for none. No key at all lets every request in.
  public init(full: String?, readOnly: String?) {
    self.full = full.map { Array($0.utf8) }
    self.readOnly = readOnly.map { Array($0.utf8) }
  }

  /// Whether any key is required.
  public var isRequired: Bool { full != nil || readOnly != nil }

  /// The rights of a request with `headers`.
  ///
  /// - Throws: ``APIError`` 401 when a key is required and missing or wrong.
  func grant(for headers: HTTPFields) throws(APIError) -> Grant {
    guard isRequired else { return .full }
    guard let presented = Self.presentedKey(in: headers) else {
      throw APIError(.unauthorized, "Unauthorized: Must provide an API key or an Authorization bearer token")
    }
    if let full, Self.constantTimeEqual(presented, full) { return .full }
    if let readOnly, Self.constantTimeEqual(presented, readOnly) { return .readOnly }
    throw APIError(.unauthorized, "Unauthorized: Invalid API key or JWT")
  }

  private static func presentedKey(in headers: HTTPFields) -> [UInt8]? {
    if let key = headers.first(where: { $0.name.canonicalName == "api-key" }) { return Array(key.value.utf8) }
    if let authorization = headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
      return Array(authorization.utf8.dropFirst(7))
    }
    return nil
  }

  /// Compares every byte of both keys whatever their contents, so the time taken says
  /// nothing about how much of a guess was right.
  ///
  /// - Complexity: O(max(a.count, b.count)).
  static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    var difference = UInt64(a.count ^ b.count)
    for index in 0..<max(a.count, b.count) {
      let x = index < a.count ? a[index] : 0
      let y = index < b.count ? b[index] : 0
      difference |= UInt64(x ^ y)
    }
    return difference == 0
  }
}
