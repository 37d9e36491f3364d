import Dispatch
import Operations
import Model

/// Runs engine and backup effects one at a time, in order, in a task of their own, under the
/// engine gate, and posts their results to the mailbox as actions.
final class EffectRunner: @unchecked Sendable {
  // `context` and `service` are touched only by the worker task (one effect at a time).
  private let backend: any Backend
  private let gate: EngineGate
  private let mailbox: Mailbox
  private let effects: AsyncStream<Effect>.Continuation
  private let context: CommandContext
  private var service: BackupService?

  /// Creates a runner over `backend`, its worker waiting for effects.
  init(backend: any Backend, gate: EngineGate, mailbox: Mailbox) {
    self.backend = backend
    self.gate = gate
    self.mailbox = mailbox
    self.context = CommandContext(backend: backend, standardInputIsFree: false)
    let (stream, continuation) = AsyncStream.makeStream(of: Effect.self)
    effects = continuation
    Task.detached { [self] in
      for await effect in stream { await runNow(effect) }
    }
  }

  /// Queues `effect` for the worker.
  func start(_ effect: Effect) {
    effects.yield(effect)
  }

  /// Ends the worker once the queued effects are done.
  func stop() {
    effects.finish()
  }

  /// Runs `effect` now, holding the gate (the worker's step; tests and measurements call it
  /// directly).
  func runNow(_ effect: Effect) async {
    gate.enter()
    defer { gate.leave() }
    await execute(effect)
  }

  private func post(_ action: AppAction) { mailbox.post(action) }

  /// The backup service, for a change (`writing`) or a read: the seam refuses a change on a
  /// read-only console before the service is touched.
  private func backups(writing: Bool) throws(BackupError) -> BackupService {
    let opened = try context.backups(writing: writing)
    service = opened
    return opened
  }

  private func execute(_ effect: Effect) async {
    do {
      try await perform(effect)
    } catch {
      post(.failed(FailureReport(error).oneLine))
    }
  }

  private func perform(_ effect: Effect) async throws {
    switch effect {
    case .loadCollections:
      post(.collectionsLoaded(try await backend.collectionReader().collectionInfos()))
    case .loadCollectionInfo(let name):
      post(.collectionInfoLoaded(try await backend.collectionReader().collectionInfo(name)))
    case .loadPoints(let collection, let filterText, let offset, let append):
      let filter = filterText.isEmpty ? nil : try Filter.parse(filterText)
      let page = try await backend.pointReader().scroll(
        collection: collection, filter: filter, offset: offset, limit: PointsModel.pageSize, withPayload: true,
        withVector: false)
      let total = append ? nil : try await backend.pointReader().count(collection: collection, filter: filter)
      post(.pointsLoaded(collection: collection, page: page, append: append, total: total))
    case .findSimilar(let collection, let id, let filterText):
      let filter = filterText.isEmpty ? nil : try Filter.parse(filterText)
      let hits = try await backend.pointReader().search(
        collection: collection, request: SearchRequest(query: .point(id), filter: filter, limit: 25, withPayload: true))
      post(.similarLoaded(collection: collection, id: id, hits: hits))
    case .deletePoint(let collection, let id):
      _ = try await backend.pointWriter().delete(collection: collection, selector: .ids([id]))
      post(.changed("deleted point \(id)"))
    case .savePayload(let collection, let id, let payload):
      _ = try await backend.pointWriter().overwritePayload(
        collection: collection, payload: payload, selector: .ids([id]))
      post(.changed("saved the payload of \(id)"))
    case .editPayload, .copy, .setMouse, .saveHistory:
      break  // Run by the loop: they need the terminal or the file system of the user.
    case .loadSnapshots(let collection):
      post(
        .snapshotsLoaded(collection: collection, snapshots: try await backend.snapshotReader().snapshots(collection)))
    case .createSnapshot(let collection):
      let snapshot = try await backend.snapshotWriter().createSnapshot(collection)
      post(.succeeded("took \(snapshot.name) (\(Quantity.bytes(snapshot.size)))", then: [.loadSnapshots(collection)]))
    case .verifySnapshot(let collection, let name):
      do {
        let checked = try await backend.snapshotReader().verifySnapshot(name, collection: collection)
        post(
          .snapshotVerified(
            collection: collection, name: name, ok: true, message: "\(checked.name): every checksum matches"))
      } catch {
        post(.snapshotVerified(collection: collection, name: name, ok: false, message: "\(name): \(error.message)"))
      }
    case .restoreSnapshot(let collection, let name, let target, let replace):
      let info = try await backend.snapshotWriter().restoreSnapshot(
        name, collection: collection, target: target, replace: replace)
      post(.changed("restored \(name) as \(info.name) (\(Quantity.count(info.pointsCount)) points)"))
    case .deleteSnapshot(let collection, let name):
      try await backend.snapshotWriter().deleteSnapshot(name, collection: collection)
      post(.succeeded("deleted \(name)", then: [.loadSnapshots(collection)]))
    case .dropCollection(let name):
      try await backend.collectionWriter().dropCollection(name)
      post(.succeeded("dropped \(name)", then: [.loadCollections]))
    case .runCommand(let text):
      var output: [String] = []
      var errors: [String] = []
      let runner = CommandRunner(
        context: context, options: .init(),
        output: { output += Self.lines($0) }, errorOutput: { errors += Self.lines($0) })
      let status = await runner.run(script: Script(text: text, name: "console"))
      post(.commandFinished(command: text, output: output, errors: errors, succeeded: status == .success))
    case .measureQuality(let collection, let sample, let limit):
      let mailbox = self.mailbox
      let report = try await backend.maintenanceReader().measureQuality(
        collection, sample: sample, limit: limit, ef: nil
      ) { done, total in
        mailbox.post(.qualityProgress(collection: collection, done: done, total: total))
      }
      post(.qualityFinished(collection: collection, report: report))
    case .loadProjection(let collection):
      let sampled = try await ProjectionSampler.sample(
        backend, collection: collection, limit: VisualizeModel.sampleLimit)
      post(.projectionLoaded(collection: collection, points: sampled.points, fields: sampled.fields))
    case .loadBackups:
      let service = try backups(writing: false)
      let schedules = try service.scheduleStatuses().map(ScheduleRow.init)
      post(.backupsLoaded(schedules: schedules, records: try service.catalog.backups()))
    case .loadEvents(let after):
      post(.eventsLoaded(try backups(writing: false).catalog.events(after: after, limit: BackupsModel.eventLimit)))
    case .backupNow(let collection):
      let record = try backups(writing: true).backupNow(
        collection: collection, backupDirectory: nil, target: try context.backupTarget())
      post(
        .succeeded(
          "backup \(record.id) \(record.statusText) (\(record.size.map { Quantity.bytes(Int($0)) } ?? "-"))",
          then: [.loadBackups]))
    case .pauseSchedule(let name, let pause):
      if pause { try backups(writing: true).pause(name) } else { try backups(writing: true).resume(name) }
      post(.succeeded("\(pause ? "paused" : "resumed") \(name)", then: [.loadBackups]))
    case .deleteSchedule(let name, let deletingBackups):
      let deleted = try backups(writing: true).deleteSchedule(name, deletingBackups: deletingBackups)
      let text =
        deletingBackups
        ? "deleted schedule \(name) and \(deleted) backups" : "deleted schedule \(name); its backups are kept"
      post(.succeeded(text, then: [.loadBackups]))
    case .deleteBackup(let id):
      _ = try backups(writing: true).delete(id: id)
      post(.succeeded("deleted backup \(id)", then: [.loadBackups]))
    case .verifyBackup(let id):
      let record = try backups(writing: false).verify(id: id, target: try context.backupTarget())
      post(.succeeded("backup \(record.id): \(record.statusText), every checksum matches", then: [.loadBackups]))
    case .restoreBackup(let id, let target, let replace):
      let infos = try backups(writing: true).restore(
        id: id, as: target, replace: replace, target: try context.backupTarget())
      post(.changed("restored backup \(id): " + infos.map(\.name).joined(separator: ", ")))
    }
  }

  /// Output split into lines, without the final empty one.
  static func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
