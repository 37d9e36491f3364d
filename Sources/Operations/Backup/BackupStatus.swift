/// Where a backup is in its life (Qdrant Cloud's backup states, plus `CORRUPT` for a stored
/// backup that later failed verification).
public enum BackupStatus: String, Hashable, Sendable, CaseIterable {
  /// Being written.
  case running = "RUNNING"
  /// Written, read back and verified.
  case succeeded = "SUCCEEDED"
  /// Not written or not verified; `reason` says why.
  case failed = "FAILED"
  /// Not started; `reason` says why (overlap, missed, missed-deadline, paused, clock-skew…).
  case skipped = "SKIPPED"
  /// Verified once, failed a later verification; kept as evidence, never counted by retention.
  case corrupt = "CORRUPT"
}
