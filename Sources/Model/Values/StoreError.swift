/// An error from a vector store (the embedded engine or a remote one), saying what went wrong,
/// where, and whose fault it is.
///
/// ``Kind`` separates the caller's mistakes (`invalidInput`, `notFound`, `alreadyExists`)
/// from the environment's (`locked`, `io`, `diskFull`) and from damaged files (`corrupted`);
/// ``fault`` names the party. Messages name the collection, file, line or point concerned and
/// never echo file contents or secrets.
public struct StoreError: Error, Hashable, CustomStringConvertible {
  /// The category of a store error.
  public enum Kind: String, Hashable, Sendable {
    /// The request is wrong: bad name, wrong dimension, non-finite vector, type mismatch.
    case invalidInput
    /// A collection, alias or point does not exist.
    case notFound
    /// A collection or alias with that name already exists.
    case alreadyExists
    /// Another process holds the data directory's lock.
    case locked
    /// The engine refuses writes: opened read-only, or after an I/O error (restart to recover).
    case readOnly
    /// Stored data failed validation (checksum, structure).
    case corrupted
    /// The operating system reported an error.
    case io
    /// The disk is full; nothing was changed.
    case diskFull
    /// The store cannot do this at all (a capability its kind of backend lacks).
    case unsupported
    /// A remote store cannot be reached or answered badly: connection refused, name not
    /// found, TLS failure, timeout, a server error, an answer that is not its API.
    case unreachable
    /// A remote store refused the credentials (a missing or wrong API key, or a key that
    /// may not do this).
    case unauthorized
  }

  /// The category.
  public var kind: Kind
  /// A sentence for the operator.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The message.
  public var description: String { message }

  /// Who has to act on an error.
  public enum Fault: String, Hashable, Sendable {
    /// The request was wrong; the person or program that made it fixes it.
    case caller
    /// The machine or another process is in the way (lock, disk, I/O, read-only mode).
    case environment
    /// Stored data is damaged; an operator repairs or restores it.
    case data
  }

  /// Whose fault the error is, from its kind.
  public var fault: Fault {
    switch kind {
    case .invalidInput, .notFound, .alreadyExists, .unsupported: .caller
    case .locked, .readOnly, .io, .diskFull, .unreachable, .unauthorized: .environment
    case .corrupted: .data
    }
  }
}

extension StoreError: Sendable {}
