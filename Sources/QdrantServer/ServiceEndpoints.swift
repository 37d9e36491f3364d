import Foundation
import HTTPTypes
import Hummingbird
import Model
import Operations

/// The service routes outside the endpoint table: `GET /` (unwrapped version info, as Qdrant
/// answers it), `GET /metrics` (Prometheus text), and the health checks, which need no key,
/// as in Qdrant.
struct ServiceEndpoints: Sendable {
  let backend: any Backend
  let keys: APIKeys
  let metrics: ServerMetrics

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/") { request, _ in
      let start = ContinuousClock.now
      do {
        _ = try keys.grant(for: request.headers)
      } catch {
        return APIResponse.failure(EndpointResponder.apiError(error), since: start)
      }
      let info: JSONValue = .object([
        "title": .string("ragops \(backend.version), a Qdrant-compatible vector search engine"),
        "version": .string(QdrantServer.apiVersion), "commit": .string("ragops-\(backend.version)"),
      ])
      return APIResponse.json(Array(JSONWriter.compact(info).utf8), status: .ok)
    }
    for path in ["/healthz", "/livez"] {
      router.get(RouterPath(path)) { _, _ in APIResponse.text("healthz check passed") }
    }
    router.get("/readyz") { _, _ in APIResponse.text("all shards are ready") }
    router.get("/metrics") { request, _ in
      let start = ContinuousClock.now
      do {
        _ = try keys.grant(for: request.headers)
        let collections = try await backend.collectionReader().collectionInfos()
        return APIResponse.text(
          metrics.exposition(collections: collections, backups: lastBackupRuns()),
          contentType: "text/plain; version=0.0.4; charset=utf-8")
      } catch {
        return APIResponse.failure(EndpointResponder.apiError(error), since: start)
      }
    }
    // Anything else: Qdrant's error shape, not the framework's.
    for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .head] {
      router.on("**", method: method) { request, _ in
        APIResponse.failure(
          APIError(
            .notFound,
            "Not found: ragops serves no \(request.method) \(QuotedForMessage.text(request.uri.path, limit: 80))"),
          since: .now)
      }
    }
  }

  /// The last finished run of each backup schedule, read from the backup catalog (none when
  /// the store keeps no backups or no catalog exists yet).
  ///
  /// - Complexity: O(backups in the catalog).
  private func lastBackupRuns() -> [ServerMetrics.ScheduleRun] {
    guard let keeper = try? backend.backupReader() else { return [] }
    let path = keeper.backupHome + "/" + BackupCatalog.fileName
    guard FileManager.default.fileExists(atPath: path),
      let catalog = try? BackupCatalog(path: path, readOnly: true),
      let schedules = try? catalog.schedules(), let histories = try? catalog.runHistories()
    else { return [] }
    return schedules.compactMap { schedule in
      guard let last = histories[schedule.id]?.lastRun else { return nil }
      let history = histories[schedule.id]
      return ServerMetrics.ScheduleRun(
        schedule: schedule.name, succeeded: last.status == .succeeded,
        finishedAt: last.finishedAt ?? last.startedAt, lastSuccessAt: history?.lastSuccess?.finishedAt,
        consecutiveFailures: history?.consecutiveFailures ?? 0)
    }
  }
}
