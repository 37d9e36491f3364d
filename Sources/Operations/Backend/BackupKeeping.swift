public import Model

/// A store whose backups ragops keeps: a catalog and archives under ``backupHome``, taken
/// and restored through the store's snapshots (``BackupTarget``).
public protocol BackupKeeping: Backend, BackupTarget {
  /// The folder holding the backup catalog, locks and default archive folder.
  var backupHome: String { get }
}
