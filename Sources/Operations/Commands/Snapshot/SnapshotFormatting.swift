import ArgumentParser
import Model

/// How snapshot descriptions appear in results.
enum SnapshotFormatting {
  /// Whether a snapshot was verified, for the `verified` column and field.
  enum Verification: Hashable, Sendable {
    /// The whole archive was read and every checksum matched.
    case passed
    /// Not read in full; the cheap checks of the listing found nothing wrong.
    case notRun
    /// Verification, or a cheap check, failed for this reason.
    case failed(String)

    /// The outcome of the cheap checks a listing made.
    init(listed snapshot: SnapshotDescription) {
      self = snapshot.problem.map { .failed($0) } ?? .notRun
    }

    /// `yes`, `not run` or `no`.
    var word: String {
      switch self {
      case .passed: "yes"
      case .notRun: "not run"
      case .failed: "no"
      }
    }

    /// Why it failed, if it did.
    var reason: String? {
      if case .failed(let reason) = self { return reason }
      return nil
    }
  }

  /// The JSON form: Qdrant's snapshot fields, then path, kind, collections and, when known,
  /// whether it was verified.
  static func json(_ snapshot: SnapshotDescription, verification: Verification? = nil) -> JSONValue {
    var object: JSONObject = [
      "name": .string(snapshot.name), "creation_time": .string(snapshot.created),
      "size": .int(Int64(snapshot.size)), "checksum": snapshot.sha256.map { .string($0) } ?? .null,
      "path": .string(snapshot.path), "full": .bool(snapshot.isFull),
      "collections": .array(snapshot.collections.map { .string($0) }),
    ]
    if let verification {
      object["verified"] = .string(verification.word)
      if let reason = verification.reason { object["problem"] = .string(reason) }
    }
    return .object(object)
  }

  /// One row per snapshot: name, created, size, SHA-256 (from the sidecar), verified.
  static func table(_ rows: [(SnapshotDescription, Verification)]) -> ResultTable {
    ResultTable(
      columns: [
        .left("name"), .left("created"), .right("size"), .left("sha256"), .left("verified"),
      ],
      rows: rows.map { snapshot, verification in
        [
          snapshot.name, snapshot.created, Quantity.bytes(snapshot.size),
          snapshot.sha256 ?? "(no sidecar)", verification.word,
        ]
      })
  }

  /// The table, then one line per snapshot that failed a check, saying why.
  static func blocks(_ rows: [(SnapshotDescription, Verification)]) -> [ResultBlock] {
    let reasons = rows.compactMap { snapshot, verification in
      verification.reason.map { "\(snapshot.name): \($0)" }
    }
    return [.table(table(rows))] + (reasons.isEmpty ? [] : [.text(reasons.joined(separator: "\n"))])
  }

  /// Requires a collection NAME and a SNAPSHOT, or `--all SNAPSHOT` alone.
  static func requireTarget(name: String?, snapshot: String?, full: String?) throws {
    if full != nil {
      guard name == nil && snapshot == nil else {
        throw ValidationError("--all takes the snapshot itself; give no collection NAME with it")
      }
    } else if name == nil || snapshot == nil {
      throw ValidationError("give a collection NAME and a snapshot, or --all and a full snapshot")
    }
  }

  /// The path of the full snapshot an argument names: a path as given, or the name of one in
  /// the data directory's snapshots folder.
  static func fullSnapshotPath(_ argument: String, backend: any Backend) async throws(StoreError)
    -> String
  {
    if argument.contains("/") { return argument }
    guard let found = try await backend.snapshotReader().fullSnapshots().first(where: { $0.name == argument }) else {
      throw StoreError(
        .notFound,
        "no full snapshot named \(argument) in the data directory's snapshots folder; give a path for another file"
      )
    }
    return found.path
  }
}
