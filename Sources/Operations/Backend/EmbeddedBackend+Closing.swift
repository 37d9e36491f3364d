import VectorEngine
import Model

extension EmbeddedBackend {
  /// Closes the data directory at the end of a process's work, and decides what that means
  /// for the exit status.
  ///
  /// Closing only finishes maintenance: it seals points the write-ahead log already holds.
  /// Everything a command acknowledged is durable before this runs, so a failure here (a full
  /// disk, an I/O error) is a warning: the status is the command's own, reads never fail
  /// because a seal could not run, and a script is not stopped after work that succeeded.
  ///
  /// - Parameters:
  ///   - status: the exit status of the work done before closing.
  ///   - report: receives one line for the operator per problem (standard error).
  /// - Returns: `status`.
  public func close(after status: ExitStatus, report: (String) -> Void) -> ExitStatus {
    do {
      try database.close()
    } catch {
      report(
        "warning: sealing unsealed points on close failed (\(error.message)); nothing is lost: the points are "
          + "safe in the write-ahead log, and sealing will be retried the next time the data directory is used"
      )
    }
    return status
  }
}
