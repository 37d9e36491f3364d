import Model
import Synchronization

/// What `GET /metrics` reports, in Prometheus's text format: requests by endpoint and status,
/// their latency as histograms, the store's points, segments, disk and WAL bytes per
/// collection, and the last run of each backup schedule (read at scrape time).
///
/// Endpoints are labelled by their route (`POST /collections/:collection/points/query`), never
/// by the path a client sent, so the number of series stays bounded whatever clients send.
final class ServerMetrics: Sendable {
  /// The histogram's upper bounds, in seconds.
  static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

  private struct Series: Hashable {
    var endpoint: String
    var status: Int
  }

  private struct Latency {
    var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
    var total = 0
    var sum = 0.0
  }

  private struct State {
    var requests: [Series: Int] = [:]
    var latency: [String: Latency] = [:]
  }

  private let state = Mutex(State())

  /// Counts one answered request.
  func record(endpoint: String, status: Int, seconds: Double) {
    state.withLock { state in
      state.requests[Series(endpoint: endpoint, status: status), default: 0] += 1
      var latency = state.latency[endpoint] ?? Latency()
      if let bucket = Self.buckets.firstIndex(where: { seconds <= $0 }) { latency.counts[bucket] += 1 }
      latency.total += 1
      latency.sum += seconds
      state.latency[endpoint] = latency
    }
  }

  /// The last finished run of one backup schedule, for the backup gauges.
  struct ScheduleRun {
    /// The schedule's name.
    var schedule: String
    /// Whether that run succeeded.
    var succeeded: Bool
    /// When it finished, in seconds since 1970.
    var finishedAt: Int64
    /// When the latest successful run finished, if any.
    var lastSuccessAt: Int64?
    /// Runs that failed since the latest success.
    var consecutiveFailures: Int
  }

  /// The exposition text, with `collections` for the store's gauges and `backups` for the
  /// last run of each schedule that has run.
  ///
  /// - Complexity: O(series + collections + schedules).
  func exposition(collections: [CollectionInfo], backups: [ScheduleRun] = []) -> String {
    let (requests, latency) = state.withLock { ($0.requests, $0.latency) }
    var text = "# HELP ragops_http_requests_total HTTP requests answered, by endpoint and status.\n"
    text += "# TYPE ragops_http_requests_total counter\n"
    for (series, count) in requests.sorted(by: { ($0.key.endpoint, $0.key.status) < ($1.key.endpoint, $1.key.status) })
    {
      text +=
        "ragops_http_requests_total{endpoint=\(Self.label(series.endpoint)),status=\"\(series.status)\"} \(count)\n"
    }
    text += "# HELP ragops_http_request_duration_seconds Time to answer a request, by endpoint.\n"
    text += "# TYPE ragops_http_request_duration_seconds histogram\n"
    for (endpoint, histogram) in latency.sorted(by: { $0.key < $1.key }) {
      let label = Self.label(endpoint)
      var cumulative = 0
      for (bound, count) in zip(Self.buckets, histogram.counts) {
        cumulative += count
        text += "ragops_http_request_duration_seconds_bucket{endpoint=\(label),le=\"\(bound)\"} \(cumulative)\n"
      }
      text += "ragops_http_request_duration_seconds_bucket{endpoint=\(label),le=\"+Inf\"} \(histogram.total)\n"
      text += "ragops_http_request_duration_seconds_sum{endpoint=\(label)} \(histogram.sum)\n"
      text += "ragops_http_request_duration_seconds_count{endpoint=\(label)} \(histogram.total)\n"
    }
    let gauges: [(String, String, (CollectionInfo) -> Int)] = [
      ("ragops_collection_points", "Points in the collection.", \.pointsCount),
      ("ragops_collection_segments", "Sealed segments of the collection.", \.segmentsCount),
      ("ragops_collection_unsealed_points", "Points still only in the write-ahead log.", \.unsealedPoints),
      ("ragops_collection_disk_bytes", "Bytes of the collection's files.", \.diskBytes),
      ("ragops_collection_wal_bytes", "Bytes of the collection's write-ahead log.", \.walBytes),
    ]
    for (name, help, value) in gauges {
      text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
      for info in collections { text += "\(name){collection=\(Self.label(info.name))} \(value(info))\n" }
    }
    let backupGauges: [(String, String, (ScheduleRun) -> Int64?)] = [
      (
        "ragops_backup_last_run_success", "1 when the schedule's last finished backup succeeded, else 0.",
        {
          $0.succeeded ? 1 : 0
        }
      ),
      ("ragops_backup_last_run_timestamp_seconds", "When the schedule's last backup finished.", \.finishedAt),
      (
        "ragops_backup_last_success_timestamp_seconds", "When the schedule's last good backup finished.",
        \.lastSuccessAt
      ),
      (
        "ragops_backup_consecutive_failures", "Backups of the schedule that failed since its last good one.",
        {
          Int64($0.consecutiveFailures)
        }
      ),
    ]
    for (name, help, value) in backupGauges where !backups.isEmpty {
      text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
      for run in backups {
        guard let number = value(run) else { continue }
        text += "\(name){schedule=\(Self.label(run.schedule))} \(number)\n"
      }
    }
    return text
  }

  /// A label value, quoted and escaped as the format requires.
  private static func label(_ value: String) -> String {
    var escaped = "\""
    for character in value {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return escaped + "\""
  }
}
