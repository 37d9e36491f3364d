import VectorEngine

/// The embedded engine takes, verifies and restores the archives backups are made of.
extension EmbeddedBackend: BackupTarget {}
