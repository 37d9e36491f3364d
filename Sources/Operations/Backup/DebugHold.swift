import Foundation

/// A debug-build test hook: when `RAGOPS_DEBUG_BACKUP_HOLD` names a FIFO, a backup that holds
/// the lock announces it and waits for one byte from the FIFO, so a test can start a second
/// run at a known moment without sleeping. Release builds compile it away.
enum DebugHold {
  static func pauseIfRequested(log: (String) -> Void) {
    #if DEBUG
    guard let path = ProcessInfo.processInfo.environment["RAGOPS_DEBUG_BACKUP_HOLD"], !path.isEmpty else { return }
    log("debug: holding the backup lock until \(path) is written")
    guard let handle = FileHandle(forReadingAtPath: path) else { return }
    _ = try? handle.read(upToCount: 1)
    try? handle.close()
    #endif
  }
}
