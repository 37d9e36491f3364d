/// An error from the engine, saying what went wrong and whose fault it is.
///
/// ``Kind`` separates the caller's mistakes (`invalidInput`, `notFound`, `alreadyExists`)
/// from the environment's (`locked`, `io`, `diskFull`) and from damaged files (`corrupted`).
/// Messages name the collection, file, line or point concerned and never echo file contents.
public struct EngineError: Error, Hashable, CustomStringConvertible {
  /// The category of an engine error.
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
}

extension EngineError {
  static func from(_ error: SystemError) -> EngineError {
    if error.isDiskFull {
      return EngineError(.diskFull, "disk full: \(error); nothing was changed")
    }
    return EngineError(.io, error.description)
  }

  static func from(_ error: any Error) -> EngineError {
    switch error {
    case let error as EngineError: error
    case let error as SystemError: from(error)
    case let error as StorageCorruption: from(error)
    default: EngineError(.io, "\(error)")
    }
  }

  static func from(_ error: StorageCorruption) -> EngineError {
    EngineError(.corrupted, "corrupt data: \(error)")
  }
}

extension EngineError: Sendable {}
