import Model

/// What a command runs against.
public final class CommandContext {
  /// The store.
  public let backend: any Backend
  /// Whether `--file -` may read standard input (not when the script itself comes from it).
  public let standardInputIsFree: Bool
  /// Makes a progress reporter for long imports.
  public let makeProgress: () -> ImportProgress
  /// The clocks the backup rules read.
  public let backupClock: any BackupClock
  private var openedBackups: BackupService?

  /// Creates a context.
  public init(
    backend: any Backend, standardInputIsFree: Bool = true,
    makeProgress: @escaping () -> ImportProgress = { ImportProgress() },
    backupClock: any BackupClock = SystemBackupClock()
  ) {
    self.backend = backend
    self.standardInputIsFree = standardInputIsFree
    self.makeProgress = makeProgress
    self.backupClock = backupClock
  }

  /// The backup service of the backend's data directory, opened on first use; read-only
  /// when the backend is (`--read-only`), so every backup change is refused there.
  public func backups() throws(BackupError) -> BackupService {
    if let openedBackups { return openedBackups }
    let service = try BackupService(dataDirectory: backend.location, readOnly: backend.isReadOnly, clock: backupClock)
    openedBackups = service
    return service
  }

  /// The backend as a backup target (the store that snapshots are taken of).
  public func backupTarget() throws(BackupError) -> any BackupTarget {
    guard let target = backend as? any BackupTarget else {
      throw BackupError(.invalidInput, "this backend cannot take backups")
    }
    return target
  }
}
