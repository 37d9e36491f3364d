import Dispatch
import Operations
import Model

/// Runs engine and backup effects on a worker thread, one at a time under the engine gate,
/// and posts their results to the mailbox as actions.
final class EffectRunner: @unchecked Sendable {
  // Everything below is touched only on `queue` (a serial queue), except the Sendable lets.
  private let backend: EmbeddedBackend
  private let gate: EngineGate
  private let mailbox: Mailbox
  private let queue = DispatchQueue(label: "ragops.console.worker")
  private let context: CommandContext
  private var service: BackupService?

  /// Creates a runner over `backend`.
  init(backend: EmbeddedBackend, gate: EngineGate, mailbox: Mailbox) {
    self.backend = backend
    self.gate = gate
    self.mailbox = mailbox
    self.context = CommandContext(backend: backend, standardInputIsFree: false)
  }

  /// Starts `effect` on the worker.
  func start(_ effect: Effect) {
    queue.async { [self] in
      gate.withGate { execute(effect) }
    }
  }

  /// Runs `effect` now on the calling thread (for measurements and tests).
  func runNow(_ effect: Effect) {
    gate.withGate { execute(effect) }
  }

  private func post(_ action: AppAction) { mailbox.post(action) }

  private func backups() throws(BackupError) -> BackupService {
    if let service { return service }
    let opened = try context.backups()
    service = opened
    return opened
  }

  private func execute(_ effect: Effect) {
    do {
      try perform(effect)
    } catch let error as StoreError {
      post(.failed(error.message))
    } catch let error as BackupError {
      post(.failed(error.message))
    } catch let error as FilterSyntaxError {
      post(.failed("filter: \(error.message) (column \(error.column))"))
    } catch {
      post(.failed("\(error)"))
    }
  }

  private func perform(_ effect: Effect) throws {
    switch effect {
    case .loadCollections:
      post(.collectionsLoaded(try backend.collectionInfos()))
    case .loadCollectionInfo(let name):
      post(.collectionInfoLoaded(try backend.collectionInfo(name)))
    case .loadPoints(let collection, let filterText, let offset, let append):
      let filter = filterText.isEmpty ? nil : try Filter.parse(filterText)
      let page = try backend.scroll(
        collection: collection, filter: filter, offset: offset, limit: PointsModel.pageSize, withPayload: true, withVector: false)
      let total = append ? nil : try backend.count(collection: collection, filter: filter)
      post(.pointsLoaded(collection: collection, page: page, append: append, total: total))
    case .findSimilar(let collection, let id, let filterText):
      let filter = filterText.isEmpty ? nil : try Filter.parse(filterText)
      let hits = try backend.search(
        collection: collection, request: SearchRequest(query: .point(id), filter: filter, limit: 25, withPayload: true))
      post(.similarLoaded(collection: collection, id: id, hits: hits))
    case .deletePoint(let collection, let id):
      _ = try backend.delete(collection: collection, selector: .ids([id]))
      post(.changed("deleted point \(id)"))
    case .savePayload(let collection, let id, let payload):
      _ = try backend.overwritePayload(collection: collection, payload: payload, selector: .ids([id]))
      post(.changed("saved the payload of \(id)"))
    case .editPayload, .copy, .setMouse, .saveHistory:
      break  // Run by the loop: they need the terminal or the file system of the user.
    case .loadSnapshots(let collection):
      post(.snapshotsLoaded(collection: collection, snapshots: try backend.snapshots(collection)))
    case .createSnapshot(let collection):
      let snapshot = try backend.createSnapshot(collection)
      post(.succeeded("took \(snapshot.name) (\(ResultFormatting.bytes(snapshot.size)))", then: [.loadSnapshots(collection)]))
    case .verifySnapshot(let collection, let name):
      do {
        let checked = try backend.verifySnapshot(name, collection: collection)
        post(.snapshotVerified(collection: collection, name: name, ok: true, message: "\(checked.name): every checksum matches"))
      } catch {
        post(.snapshotVerified(collection: collection, name: name, ok: false, message: "\(name): \(error.message)"))
      }
    case .restoreSnapshot(let collection, let name, let target, let replace):
      let info = try backend.restoreSnapshot(name, collection: collection, target: target, replace: replace)
      post(.changed("restored \(name) as \(info.name) (\(ResultFormatting.count(info.pointsCount)) points)"))
    case .deleteSnapshot(let collection, let name):
      try backend.deleteSnapshot(name, collection: collection)
      post(.succeeded("deleted \(name)", then: [.loadSnapshots(collection)]))
    case .dropCollection(let name):
      try backend.dropCollection(name)
      post(.succeeded("dropped \(name)", then: [.loadCollections]))
    case .runCommand(let text):
      var output: [String] = []
      var errors: [String] = []
      let runner = CommandRunner(
        context: context, options: .init(),
        output: { output += Self.lines($0) }, errorOutput: { errors += Self.lines($0) })
      let status = runner.run(script: Script(text: text, name: "console"))
      post(.commandFinished(command: text, output: output, errors: errors, succeeded: status == .success))
    case .measureQuality(let collection, let sample, let limit):
      let mailbox = self.mailbox
      let report = try backend.measureQuality(collection, sample: sample, limit: limit, ef: nil) { done, total in
        mailbox.post(.qualityProgress(collection: collection, done: done, total: total))
      }
      post(.qualityFinished(collection: collection, report: report))
    case .loadProjection(let collection):
      let sampled = try ProjectionSampler.sample(backend, collection: collection, limit: VisualizeModel.sampleLimit)
      post(.projectionLoaded(collection: collection, points: sampled.points, fields: sampled.fields))
    case .loadBackups:
      let service = try backups()
      let schedules = try service.scheduleStatuses().map(ScheduleRow.init)
      post(.backupsLoaded(schedules: schedules, records: try service.catalog.backups()))
    case .loadEvents(let after):
      post(.eventsLoaded(try backups().catalog.events(after: after, limit: BackupsModel.eventLimit)))
    case .backupNow(let collection):
      let record = try backups().backupNow(collection: collection, backupDirectory: nil, target: backend)
      post(.succeeded("backup \(record.id) \(record.statusText) (\(record.size.map { ResultFormatting.bytes(Int($0)) } ?? "-"))", then: [.loadBackups]))
    case .pauseSchedule(let name, let pause):
      if pause { try backups().pause(name) } else { try backups().resume(name) }
      post(.succeeded("\(pause ? "paused" : "resumed") \(name)", then: [.loadBackups]))
    case .deleteSchedule(let name, let deletingBackups):
      let deleted = try backups().deleteSchedule(name, deletingBackups: deletingBackups)
      let text = deletingBackups ? "deleted schedule \(name) and \(deleted) backups" : "deleted schedule \(name); its backups are kept"
      post(.succeeded(text, then: [.loadBackups]))
    case .deleteBackup(let id):
      _ = try backups().delete(id: id)
      post(.succeeded("deleted backup \(id)", then: [.loadBackups]))
    case .verifyBackup(let id):
      let record = try backups().verify(id: id, target: backend)
      post(.succeeded("backup \(record.id): \(record.statusText), every checksum matches", then: [.loadBackups]))
    case .restoreBackup(let id, let target, let replace):
      let infos = try backups().restore(id: id, as: target, replace: replace, target: backend)
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
