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

  /// The store's backup service, opened on first use (read-only when the backend is). The
  /// seam decides first: `writing` asks for the writing half of the backups capability, which
  /// a read-only backend refuses before the service is touched.
  ///
  /// - Throws: ``BackupError`` `readOnly` for a writing use of a read-only backend,
  ///   `invalidInput` for a backend that keeps no backups.
  public func backups(writing: Bool) throws(BackupError) -> BackupService {
    let keeper: any BackupKeeping
    do throws(StoreError) {
      keeper = writing ? try backend.backupWriter() : try backend.backupReader()
    } catch {
      throw BackupError.from(error)
    }
    if let openedBackups { return openedBackups }
    let service = try BackupService(dataDirectory: keeper.backupHome, readOnly: backend.isReadOnly, clock: backupClock)
    openedBackups = service
    return service
  }

  /// The backend as a backup target (the store that snapshots are taken of and restored to).
  public func backupTarget() throws(BackupError) -> any BackupTarget {
    do throws(StoreError) {
      return try backend.backupReader()
    } catch {
      throw BackupError.from(error)
    }
  }
}
