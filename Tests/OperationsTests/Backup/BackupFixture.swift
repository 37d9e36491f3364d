import Foundation
import GRDB
import Operations
import Synchronization
import VectorEngine
@testable import Model

/// A data directory with one collection of 20 points, and a backup service over it on a
/// manual clock fixed at 2023-11-14 22:13:20 UTC (nothing here depends on today's date).
struct BackupFixture {
  /// The scratch folder holding the data directory and anything a test puts beside it.
  let directory: TemporaryDirectory
  /// The clock every rule reads.
  let clock: ManualClock
  /// The store the backups are taken of.
  let target: FlakyTarget
  /// The service on the data directory.
  let service: BackupService

  /// The fixed instant the clock starts at.
  static let start: Int64 = 1_700_000_000

  /// The data directory.
  var data: String { directory.path + "/data" }

  /// Creates the data directory, its collection `docs` and the service.
  init() throws {
    directory = try TemporaryDirectory()
    clock = ManualClock(Self.start)
    let backend = try EmbeddedBackend(directory: directory.path + "/data")
    try backend.createCollection("docs", config: CollectionConfig(dimension: 4, distance: .cosine))
    _ = try backend.upsert(
      collection: "docs",
      points: (1...20).map {
        PointStruct(id: .number(UInt64($0)), vector: [Float($0), 1, 2, 3], payload: ["n": .int(Int64($0))])
      })
    target = FlakyTarget(backend)
    service = try BackupService(dataDirectory: directory.path + "/data", clock: clock)
  }

  /// Another service on `dataDirectory` (default: this one's), as another process would open
  /// it; its decision lines go to `log`.
  func service(on dataDirectory: String? = nil, readOnly: Bool = false, log: LogLines? = nil) throws -> BackupService {
    try BackupService(dataDirectory: dataDirectory ?? data, readOnly: readOnly, clock: clock) { log?.append($0) }
  }

  /// A folder outside the backups holding files that must survive: `keep.txt`, and an
  /// archive-looking `x.snapshot` so a careless delete would find what it expects.
  func outsideFolder(_ name: String = "outside/victim") throws -> String {
    let folder = directory.path + "/" + name
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data("precious".utf8).write(to: URL(fileURLWithPath: folder + "/keep.txt"))
    try Data("not a backup".utf8).write(to: URL(fileURLWithPath: folder + "/x.snapshot"))
    return folder
  }

  /// Sets a backup row's columns in the catalog file directly, as a hand or a tool editing
  /// the SQLite file would (the catalog's own API is not used).
  func tamper(
    backup id: Int64, in dataDirectory: String? = nil, _ assignments: [String: (any DatabaseValueConvertible)?]
  ) throws {
    let queue = try DatabaseQueue(path: (dataDirectory ?? data) + "/" + BackupCatalog.fileName)
    try queue.write { db in
      for (column, value) in assignments {
        try db.execute(sql: "UPDATE backups SET \(column) = ? WHERE id = ?", arguments: [value, id])
      }
    }
  }

  /// Runs SQL on the catalog file directly.
  func execute(_ sql: String, in dataDirectory: String? = nil) throws {
    let queue = try DatabaseQueue(path: (dataDirectory ?? data) + "/" + BackupCatalog.fileName)
    try queue.write { db in try db.execute(sql: sql) }
  }

  /// Whether anything exists at `path` (a symbolic link counts, followed or not).
  static func exists(_ path: String) -> Bool {
    (try? FileManager.default.attributesOfItem(atPath: path)) != nil
  }
}

/// The lines a service logged.
final class LogLines: Sendable {
  private let lines = Mutex<[String]>([])

  /// Records a line.
  func append(_ line: String) { lines.withLock { $0.append(line) } }

  /// Every line so far.
  var all: [String] { lines.withLock { $0 } }
}
