import VectorEngine

/// How snapshot descriptions appear in results.
enum SnapshotFormatting {
  static func json(_ snapshot: SnapshotDescription) -> JSONValue {
    ["name": .string(snapshot.name), "creation_time": .string(snapshot.created),
     "size": .int(Int64(snapshot.size)), "checksum": snapshot.sha256.map { .string($0) } ?? .null]
  }

  static func table(_ snapshots: [SnapshotDescription]) -> ResultTable {
    ResultTable(
      columns: [.left("name"), .left("created"), .right("size"), .left("sha256")],
      rows: snapshots.map { [$0.name, $0.created, ResultFormatting.bytes($0.size), $0.sha256 ?? "(no sidecar)"] })
  }
}
