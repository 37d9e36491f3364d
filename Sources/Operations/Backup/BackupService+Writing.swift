import Model
import VectorEngine

// Writing one backup.

extension BackupService {
  /// Writes the archive into its own folder (see ``BackupLayout``) inside `directory` (default
  /// `<data>/backups`), reads it back and verifies it, and stores the outcome. Never throws:
  /// failures become the record's status and reason.
  ///
  /// The folder is created by this run (a name that is taken fails the run rather than
  /// writing into someone else's folder), so a failure removes only what this run wrote.
  func perform(_ started: BackupRecord, directory: String?, target: any BackupTarget) -> BackupRecord {
    var record = started
    let begin = clock.monotonicNanoseconds
    func finish(_ status: BackupStatus, _ reason: String?) -> BackupRecord {
      record.status = status
      record.reason = reason
      record.finishedAt = clock.now
      record.durationMilliseconds = Int64((clock.monotonicNanoseconds &- begin) / 1_000_000)
      do {
        try catalog.update(record)
      } catch {
        logger("could not record backup \(record.id): \(error.message)")
      }
      return record
    }
    if let directory {
      guard let root = BackupLayout.checkedRoot(directory) else {
        return finish(
          .failed,
          "the backup folder \(directory) is not an absolute path without '.' or '..'; change it with --backup-dir")
      }
      record.backupRoot = root
    }
    guard let folderName = BackupLayout.folderName(for: record) else {
      return finish(.failed, "the backup has no folder name (no schedule or slot)")
    }
    var folder = (record.backupRoot ?? defaultBackupDirectory) + "/" + folderName
    if FileOperations.exists(folder) { folder += "-\(record.id)" }
    guard !FileOperations.exists(folder) else {
      return finish(.failed, "its folder \(folder) already exists (from another catalog?); nothing was written")
    }
    do {
      try FileOperations.makeDirectories(folder)
      // The folder is recorded before anything is written, so a crash's leftovers are found.
      record.path = folder + "/"
      try? catalog.update(record)
      let snapshot =
        try record.collection.map { (name) throws(StoreError) in try target.createSnapshot(name, in: folder) }
        ?? target.createFullSnapshot(in: folder)
      record.path = folder + "/" + snapshot.name
      record.size = Int64(snapshot.size)
      record.sha256 = snapshot.sha256
      try? catalog.update(record)
      do {
        let verified = try target.verifySnapshotFile(at: folder + "/" + snapshot.name)
        guard verified.sha256 == snapshot.sha256, verified.sha256 != nil else {
          return finish(.failed, "verification failed: the archive's checksum does not match what was written")
        }
      } catch {
        // Kept as evidence (never counted by retention).
        return finish(.failed, "verification failed: \(error.message)")
      }
      return finish(.succeeded, nil)
    } catch {
      try? FileOperations.removeFolderOfFiles(folder, accepting: BackupLayout.isBackupFile)
      record.path = nil
      return finish(.failed, (error as? StoreError)?.message ?? "\(error)")
    }
  }
}
