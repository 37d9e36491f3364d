import VectorEngine

extension EmbeddedBackend {
  /// Closes the data directory at the end of a process's work, and decides what that means
  /// for the exit status.
  ///
  /// - Parameters:
  ///   - status: the exit status of the work done before closing.
  ///   - report: receives one line for the operator per problem (standard error).
  /// - Returns: the exit status to leave with.
  public func close(after status: ExitStatus, report: (String) -> Void) -> ExitStatus {
    do {
      try database.close()
      return status
    } catch {
      report("error: \(error.message)")
      return max(status, .commandFailed)
    }
  }
}
