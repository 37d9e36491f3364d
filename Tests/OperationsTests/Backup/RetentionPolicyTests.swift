import Operations
import Testing

/// Retention (R9): age beyond the days and not among the newest `minimumKeep` verified.
struct RetentionPolicyTests {
  private let day: Int64 = 86_400
  private let now: Int64 = 1_800_000_000

  /// Verified daily backups, the newest `skipNewest` days having failed (so absent).
  private func verified(days: Int, failedStreak: Int) -> [BackupRecord] {
    (failedStreak..<days).map { age in
      BackupRecord(
        id: Int64(1_000 - age), scheduleID: 1, scheduleName: "n", trigger: .scheduled, slot: now - Int64(age) * day,
        status: .succeeded, collection: nil, startedAt: now - Int64(age) * day, finishedAt: now - Int64(age) * day + 60)
    }
  }

  @Test(arguments: [0, 6, 7, 8, 30])
  func failureStreaksNeverExpireTheNewestGoodBackups(streak: Int) {
    let backups = verified(days: 40, failedStreak: streak)
    let expired = Set(RetentionPolicy.expired(backups, retentionDays: 7, minimumKeep: 2, now: now))
    let kept = backups.filter { !expired.contains($0.id) }
    // The two newest verified backups always survive, whatever their age.
    let newest = backups.sorted { $0.finishedAt! > $1.finishedAt! }.prefix(2)
    #expect(newest.allSatisfy { !expired.contains($0.id) })
    #expect(kept.count >= 2)
    // Everything deleted is older than 7 days; everything younger is kept.
    #expect(backups.filter { expired.contains($0.id) }.allSatisfy { now - $0.finishedAt! > 7 * day })
    #expect(backups.filter { now - $0.finishedAt! <= 7 * day }.allSatisfy { !expired.contains($0.id) })
    if streak == 0 { #expect(kept.count == 8) }  // ages 0-7: age 7 finished a minute under 7 days ago
    if streak >= 8 { #expect(kept.count == 2) }
  }

  @Test func keepForeverAndFutureDatedBackupsDeleteNothing() {
    let backups = verified(days: 30, failedStreak: 0)
    #expect(RetentionPolicy.expired(backups, retentionDays: nil, minimumKeep: 2, now: now).isEmpty)
    var future = backups
    future[0].finishedAt = now + 3_600
    #expect(RetentionPolicy.expired(future, retentionDays: 7, minimumKeep: 2, now: now).isEmpty)
  }

  @Test func minimumKeepIsAtLeastOne() {
    let backups = verified(days: 30, failedStreak: 20)
    let expired = RetentionPolicy.expired(backups, retentionDays: 1, minimumKeep: 0, now: now)
    #expect(expired.count == backups.count - 1)
  }
}
