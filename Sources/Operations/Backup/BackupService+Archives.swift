public import Model
import VectorEngine

// Retention, verification, deletion and restores of stored backups.

extension BackupService {
  // MARK: - Retention

  /// Deletes a schedule's expired verified backups (R9). Called only after a verified success.
  func applyRetention(to schedule: BackupSchedule) {
    let now = clock.now
    guard let verified = try? catalog.verifiedBackups(scheduleID: schedule.id) else { return }
    let expired = RetentionPolicy.expired(
      verified, retentionDays: schedule.retentionDays, minimumKeep: schedule.minimumKeep, now: now)
    for id in expired {
      guard let record = verified.first(where: { $0.id == id }) else { continue }
      do {
        try removeFiles(of: record, because: "retention: older than \(schedule.retentionDays ?? 0) days")
        log(
          "retention deleted backup \(id) (finished \(UTCText.minute(record.finishedAt ?? 0)))", schedule: schedule.name
        )
      } catch {
        log(
          "retention could not delete backup \(id): \(error.message); will retry after the next success",
          schedule: schedule.name)
      }
    }
  }

  /// Deletes a backup's files and marks its record deleted.
  ///
  /// Only the backup's own folder is removed, and only when it matches the layout (see
  /// ``BackupLayout``); anything else is refused and left as it is.
  ///
  /// The record is marked deleted before the first file goes, so that a crash part-way leaves
  /// a deleted record whose folder is (partly) still there, never a SUCCEEDED backup whose
  /// archive is gone. When the files cannot be removed the record is put back as it was, and
  /// retention tries again after the next success.
  ///
  /// - Throws: ``BackupError`` `corrupted` naming the backup when its recorded path is not its
  ///   own backup folder; `failed` when the files cannot be removed.
  func removeFiles(of record: BackupRecord, because reason: String) throws(BackupError) {
    var deleted = record
    deleted.deletedAt = clock.now
    deleted.deletedBecause = reason
    try catalog.update(deleted)
    guard record.path != nil else { return }
    do {
      try removeFolder(of: record)
    } catch {
      try? catalog.update(record)
      throw error
    }
  }

  /// Removes a backup's folder after checking it is the backup's own (see ``BackupLayout``).
  ///
  /// - Throws: ``BackupError`` `corrupted` naming the backup and the path, nothing deleted;
  ///   `failed` for an I/O error.
  func removeFolder(of record: BackupRecord) throws(BackupError) {
    func refusal(_ path: String, _ reason: String) -> BackupError {
      BackupError(
        .corrupted,
        "cannot delete backup \(record.id): its catalog entry points at \(path.isEmpty ? "nothing" : path), which is "
          + "not a backup folder: \(reason); nothing was deleted (was the catalog edited or copied from elsewhere?)")
    }
    let folder: String
    switch BackupLayout.folder(of: record, defaultRoot: defaultBackupDirectory) {
    case .success(let found): folder = found
    case .failure(let problem): throw refusal(problem.path, problem.reason)
    }
    do {
      try FileOperations.removeFolderOfFiles(folder, accepting: BackupLayout.isBackupFile)
    } catch {
      if error.kind == .invalidInput { throw refusal(folder, error.message) }
      throw BackupError(.failed, "cannot delete backup \(record.id): \(error.message)")
    }
  }

  // MARK: - Verify, delete, restore

  /// Reads a stored backup back and checks every checksum; a backup that no longer verifies
  /// becomes `CORRUPT` (kept as evidence). Read-only, the check runs and nothing is marked.
  public func verify(id: Int64, target: any BackupTarget) throws(BackupError) -> BackupRecord {
    var record = try catalog.backup(id: id)
    guard record.deletedAt == nil else { throw BackupError(.notFound, "backup \(id) was deleted") }
    guard record.status == .succeeded || record.status == .corrupt || record.status == .failed, let path = record.path,
      path.hasSuffix(".snapshot")
    else { throw BackupError(.invalidInput, "backup \(id) has no archive (\(record.statusText))") }
    do throws(StoreError) {
      let verified = try target.verifySnapshotFile(at: path)
      if record.sha256 != nil && verified.sha256 != record.sha256 {
        throw StoreError(.corrupted, "its checksum differs from the one recorded when it was taken")
      }
    } catch {
      if record.status == .succeeded && !isReadOnly {
        record.status = .corrupt
        record.reason = error.message
        try catalog.update(record)
      }
      log("backup \(id) failed verification: \(error.message)", schedule: record.scheduleName)
      throw BackupError(.verificationFailed, "backup \(id) failed verification: \(error.message)")
    }
    if record.status == .corrupt && !isReadOnly {
      record.status = .succeeded
      record.reason = nil
      try catalog.update(record)
    }
    log("backup \(id) verified", schedule: record.scheduleName)
    return record
  }

  /// Deletes a backup's files; the record stays, marked deleted.
  public func delete(id: Int64) throws(BackupError) -> BackupRecord {
    let record = try catalog.backup(id: id)
    guard record.deletedAt == nil else { throw BackupError(.notFound, "backup \(id) was already deleted") }
    guard record.status != .running else { throw BackupError(.invalidInput, "backup \(id) is still running") }
    let lock = try acquireLock()
    defer { withExtendedLifetime(lock) {} }
    try removeFiles(of: record, because: "deleted by the operator")
    log("backup \(id) deleted", schedule: record.scheduleName)
    return try catalog.backup(id: id)
  }

  /// Restores a backup: verified first, then swapped in (see the engine's restore).
  ///
  /// - Parameters:
  ///   - target: a new collection name (one-collection backups only).
  ///   - replace: whether existing collections may be replaced (the operator confirmed).
  public func restore(id: Int64, as newName: String?, replace: Bool, target: any BackupTarget) throws(BackupError)
    -> [CollectionInfo]
  {
    let record = try catalog.backup(id: id)
    guard record.deletedAt == nil else { throw BackupError(.notFound, "backup \(id) was deleted") }
    guard record.status == .succeeded, let path = record.path else {
      throw BackupError(.invalidInput, "backup \(id) is \(record.statusText); only a SUCCEEDED backup can be restored")
    }
    if record.collection == nil && newName != nil {
      throw BackupError(.invalidInput, "backup \(id) holds every collection; --as applies to one-collection backups")
    }
    let lock = try acquireLock()
    defer { withExtendedLifetime(lock) {} }
    let restoreID = try catalog.beginRestore(backupID: id, target: newName ?? record.collection ?? "all", at: clock.now)
    let restored: [CollectionInfo]
    do throws(StoreError) {
      restored = try target.restoreSnapshotFile(at: path, as: newName, replace: replace)
    } catch {
      try? catalog.finishRestore(id: restoreID, status: .failed, reason: error.message, at: clock.now)
      log("restore of backup \(id) failed: \(error.message)", schedule: record.scheduleName)
      throw BackupError.from(error)
    }
    try catalog.finishRestore(id: restoreID, status: .succeeded, reason: nil, at: clock.now)
    log("backup \(id) restored into \(restored.map(\.name).joined(separator: ", "))", schedule: record.scheduleName)
    return restored
  }
}
