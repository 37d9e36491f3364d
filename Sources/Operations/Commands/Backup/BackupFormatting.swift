import Model

/// How schedules and backups appear in results.
enum BackupFormatting {
  static func size(_ record: BackupRecord) -> String {
    record.size.map { Quantity.bytes(Int($0)) } ?? "-"
  }

  static func expiry(_ record: BackupRecord, retentionDays: Int?) -> Int64? {
    guard record.trigger != .manual, record.status == .succeeded, record.deletedAt == nil else { return nil }
    return RetentionPolicy.expiry(of: record, retentionDays: retentionDays)
  }

  static func json(_ record: BackupRecord, retentionDays: Int?) -> JSONValue {
    func optional(_ value: Int64?) -> JSONValue { value.map { .int($0) } ?? .null }
    func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    func time(_ value: Int64?) -> JSONValue { value.map { .string(UTCText.rfc3339($0)) } ?? .null }
    return [
      "id": .int(record.id), "schedule": optional(record.scheduleName), "trigger": .string(record.trigger.rawValue),
      "slot": time(record.slot), "status": .string(record.status.rawValue), "reason": optional(record.reason),
      "collection": optional(record.collection), "created_at": time(record.startedAt),
      "finished_at": time(record.finishedAt),
      "duration_ms": optional(record.durationMilliseconds), "size": optional(record.size),
      "sha256": optional(record.sha256),
      "path": optional(record.path), "expires_at": time(expiry(record, retentionDays: retentionDays)),
      "deleted_at": time(record.deletedAt), "deleted_because": optional(record.deletedBecause),
    ]
  }

  static func table(_ records: [BackupRecord], retentionDays: (BackupRecord) -> Int?) -> ResultTable {
    ResultTable(
      columns: [
        .right("id"), .left("schedule"), .left("trigger"), .left("status"), .left("created (UTC)"), .right("duration"),
        .right("size"), .left("sha256"), .left("expires (UTC)"),
      ],
      rows: records.map { record in
        let expires: String
        if record.deletedAt != nil {
          expires = "deleted"
        } else if record.status != .succeeded {
          expires = "-"
        } else {
          expires = expiry(record, retentionDays: retentionDays(record)).map(UTCText.minute) ?? "never"
        }
        return [
          "\(record.id)", record.scheduleName ?? "-", record.trigger.title, record.statusText,
          UTCText.minute(record.startedAt),
          Quantity.duration(milliseconds: record.durationMilliseconds), size(record),
          record.sha256.map { String($0.prefix(12)) } ?? "-", expires,
        ]
      })
  }

  static func json(_ status: BackupService.ScheduleStatus) -> JSONValue {
    let schedule = status.schedule
    return [
      "name": .string(schedule.name), "spec": .string(schedule.spec.description), "zone": .string(schedule.spec.zone),
      "collection": schedule.collection.map { .string($0) } ?? .null,
      "retention_days": schedule.retentionDays.map { .int(Int64($0)) } ?? .null,
      "min_keep": .int(Int64(schedule.minimumKeep)),
      "deadline_seconds": .int(schedule.deadline), "backup_dir": schedule.backupDirectory.map { .string($0) } ?? .null,
      "paused": .bool(schedule.paused), "next_run": status.nextSlot.map { .string(UTCText.rfc3339($0)) } ?? .null,
      "last_run": status.lastRun.map { .string(UTCText.rfc3339($0.startedAt)) } ?? .null,
      "last_status": status.lastRun.map { .string($0.statusText) } ?? .null,
      "last_success": status.lastSuccess?.finishedAt.map { .string(UTCText.rfc3339($0)) } ?? .null,
      "consecutive_failures": .int(Int64(status.consecutiveFailures)), "health": .string(status.health),
    ]
  }

  static func table(_ statuses: [BackupService.ScheduleStatus]) -> ResultTable {
    ResultTable(
      columns: [
        .left("name"), .left("spec"), .left("scope"), .left("next run (UTC)"), .left("last run (UTC)"),
        .left("last status"),
        .left("retention"), .left("health"),
      ],
      rows: statuses.map { status in
        [
          status.schedule.name, status.schedule.spec.description, status.schedule.scopeText,
          status.nextSlot.map(UTCText.minute) ?? "-", status.lastRun.map { UTCText.minute($0.startedAt) } ?? "-",
          status.lastRun?.statusText ?? "-", status.schedule.retentionText,
          status.consecutiveFailures >= 2 ? "failing (\(status.consecutiveFailures))" : status.health,
        ]
      })
  }
}
