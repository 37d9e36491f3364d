public import HTTPTypes
public import Model

/// A request the server refuses or could not serve: the HTTP status and the sentence that goes
/// into Qdrant's error envelope, `{"status":{"error":…},"time":…}`.
///
/// Client mistakes are 4xx and name the field or the object concerned; only the server's own
/// trouble (disk, I/O, damaged data) is 5xx. Messages never echo request bodies or keys.
public struct APIError: Error, Sendable {
  /// The HTTP status.
  public var status: HTTPResponse.Status
  /// The sentence for the client, prefixed the way Qdrant's are (`Wrong input: …`).
  public var message: String

  /// An error with `status` and `message` as given.
  public init(_ status: HTTPResponse.Status, _ message: String) {
    self.status = status
    self.message = message
  }

  /// A malformed or out-of-range request body or parameter (400).
  static func wrongInput(_ message: String) -> APIError {
    APIError(.badRequest, "Wrong input: " + message)
  }

  /// The store's error in HTTP terms: whose fault it is decides between 4xx and 5xx.
  public init(_ error: StoreError) {
    switch error.kind {
    case .invalidInput: self.init(.badRequest, "Wrong input: " + error.message)
    case .notFound: self.init(.notFound, "Not found: " + error.message)
    case .alreadyExists: self.init(.conflict, "Wrong input: " + error.message)
    case .unsupported: self.init(.badRequest, "Unsupported: " + error.message)
    case .readOnly: self.init(.forbidden, "Forbidden: " + error.message)
    case .locked: self.init(.serviceUnavailable, "Service unavailable: " + error.message)
    case .diskFull:
      self.init(
        HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), "Service internal error: " + error.message
      )
    case .io, .corrupted: self.init(.internalServerError, "Service internal error: " + error.message)
    case .unreachable: self.init(.badGateway, "Service unavailable: " + error.message)
    case .unauthorized: self.init(.forbidden, "Forbidden: " + error.message)
    }
  }
}
