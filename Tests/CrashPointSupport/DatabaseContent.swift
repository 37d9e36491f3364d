import VectorEngine
@testable import Model

/// What a data directory holds, as a crash check compares it: every collection's points
/// (vector and payload, exactly) by collection name, the aliases, and the snapshots.
package struct DatabaseContent: Equatable, Sendable {
  /// Collection name → point id → point.
  package var collections: [String: [PointID: PointStruct]] = [:]
  /// Alias → collection.
  package var aliases: [String: String] = [:]
  /// Snapshot archives, as paths relative to the data directory: those listed (found), or
  /// those acknowledged (expected, which may be fewer than are listed).
  package var snapshots: Set<String> = []

  /// No collections.
  package init() {}

  /// This content with an empty collection `name` added.
  package func creating(_ name: String) -> DatabaseContent {
    var next = self
    next.collections[name] = [:]
    return next
  }

  /// This content with `points` upserted into collection `name` (the last occurrence of an id
  /// wins, as in the engine).
  package func upserting(_ points: [PointStruct], into name: String) -> DatabaseContent {
    var next = self
    for point in points { next.collections[name, default: [:]][point.id] = point }
    return next
  }

  /// This content with collection `name` holding exactly what `other` holds under `source`.
  package func replacing(_ name: String, with other: DatabaseContent, from source: String) -> DatabaseContent {
    var next = self
    next.collections[name] = other.collections[source] ?? [:]
    return next
  }

  /// This content with the snapshot at `path` (absolute) in data directory `directory`.
  package func keeping(snapshot path: String, in directory: String) -> DatabaseContent {
    var next = self
    next.snapshots.insert(Self.relative(path, to: directory))
    return next
  }

  /// `path` relative to `directory` (both absolute, symbolic links resolved).
  static func relative(_ path: String, to directory: String) -> String {
    path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
  }

  /// Whether this content, found after a crash, keeps the promise `expected`: the same
  /// collections, points and aliases exactly, and every acknowledged snapshot listed.
  package func keeps(_ expected: DatabaseContent) -> Bool {
    collections == expected.collections && aliases == expected.aliases && expected.snapshots.isSubset(of: snapshots)
  }

  /// This content with the alias `alias` for collection `name`.
  package func aliasing(_ alias: String, to name: String) -> DatabaseContent {
    var next = self
    next.aliases[alias] = name
    return next
  }

  /// Reads every collection of `database` with vectors and payloads, and its aliases (not
  /// its snapshots).
  ///
  /// - Complexity: O(points).
  package static func read(_ database: Database) throws -> DatabaseContent {
    var content = DatabaseContent()
    for name in try database.collectionNames() {
      let collection = try database.collection(name)
      var points: [PointID: PointStruct] = [:]
      var offset: PointID?
      repeat {
        let page = try collection.scroll(offset: offset, limit: 1_000, withPayload: true, withVector: true)
        for record in page.points {
          points[record.id] = PointStruct(id: record.id, vector: record.vector ?? [], payload: record.payload ?? [:])
        }
        offset = page.nextPageOffset
      } while offset != nil
      content.collections[name] = points
    }
    for (alias, collection) in try database.aliases() { content.aliases[alias] = collection }
    return content
  }

  /// How this content differs from `expected`, in a short sentence (ids, never values).
  package func difference(from expected: DatabaseContent) -> String {
    var parts: [String] = []
    if aliases != expected.aliases { parts.append("aliases \(aliases), expected \(expected.aliases)") }
    let lost = expected.snapshots.subtracting(snapshots)
    if !lost.isEmpty { parts.append("acknowledged snapshots missing: \(lost.sorted().joined(separator: ", "))") }
    for name in Set(collections.keys).union(expected.collections.keys).sorted() {
      guard let found = collections[name] else {
        parts.append("collection \(name) is missing")
        continue
      }
      guard let wanted = expected.collections[name] else {
        parts.append("collection \(name) should not exist")
        continue
      }
      let missing = wanted.keys.filter { found[$0] == nil }
      let extra = found.keys.filter { wanted[$0] == nil }
      let changed = wanted.keys.filter { found[$0] != nil && found[$0] != wanted[$0] }
      if missing.isEmpty && extra.isEmpty && changed.isEmpty { continue }
      parts.append(
        "collection \(name): \(found.count) points, expected \(wanted.count); "
          + "\(missing.count) missing \(Self.sample(missing)), \(extra.count) extra \(Self.sample(extra)), "
          + "\(changed.count) differing \(Self.sample(changed))")
    }
    return parts.isEmpty ? "no difference" : parts.joined(separator: "; ")
  }

  private static func sample(_ ids: [PointID]) -> String {
    ids.isEmpty
      ? "" : "(" + ids.sorted().prefix(5).map { "\($0)" }.joined(separator: ", ") + (ids.count > 5 ? ", …)" : ")")
  }
}
