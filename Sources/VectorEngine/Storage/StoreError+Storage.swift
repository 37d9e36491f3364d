import Model

/// How the storage layer's own errors become the store's one error type.
extension StoreError {
  /// The store error for a failure of the storage layer.
  static func from(_ error: SystemError) -> StoreError {
    if error.isDiskFull {
      return StoreError(.diskFull, "disk full: \(error); nothing was changed")
    }
    return StoreError(.io, error.description)
  }

  /// The store error for a failure of the storage layer.
  static func from(_ error: any Error) -> StoreError {
    switch error {
    case let error as StoreError: error
    case let error as SystemError: from(error)
    case let error as StorageCorruption: from(error)
    default: StoreError(.io, "\(error)")
    }
  }

  /// The store error for a failure of the storage layer.
  static func from(_ error: StorageCorruption) -> StoreError {
    StoreError(.corrupted, "corrupt data: \(error)")
  }
}
