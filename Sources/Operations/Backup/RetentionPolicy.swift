/// Which verified backups of a schedule retention deletes (backup rule R9): those older than
/// the retention days that are not among the newest `minimumKeep`, never any when the clock
/// looks wrong (a backup finished in the future).
public enum RetentionPolicy {
  /// How far in the future a finish time may be before the clock is distrusted (seconds).
  public static let clockTolerance: Int64 = 120

  /// The ids to delete from `verified` (a schedule's verified backups, any order) at `now`.
  ///
  /// - Complexity: O(n log n).
  public static func expired(
    _ verified: [BackupRecord], retentionDays: Int?, minimumKeep: Int, now: Int64
  ) -> [Int64] {
    guard let retentionDays else { return [] }
    let finished = verified.compactMap { record in record.finishedAt.map { (record.id, $0) } }
    guard !finished.contains(where: { $0.1 > now + clockTolerance }) else { return [] }
    let newestFirst = finished.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 > $1.0 }
    let keep = max(1, minimumKeep)
    let limit = Int64(retentionDays) * 86_400
    return newestFirst.dropFirst(keep).filter { now - $0.1 > limit }.map(\.0)
  }

  /// When a verified backup expires if nothing else keeps it (finish + retention days).
  public static func expiry(of record: BackupRecord, retentionDays: Int?) -> Int64? {
    guard let retentionDays, let finished = record.finishedAt else { return nil }
    return finished + Int64(retentionDays) * 86_400
  }
}
