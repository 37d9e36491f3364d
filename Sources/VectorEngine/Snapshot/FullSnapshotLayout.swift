/// Where a full snapshot keeps each thing, and the checks that a full archive keeps to it.
///
/// Entries: `aliases.json` (exactly once) and `collections/<name>/<file>` for every
/// collection the manifest lists, with `<file>` a single path segment and
/// `collections/<name>/MANIFEST` present for each; nothing else. Names follow the
/// collection-name rules (``CollectionName``). `aliases.json` is
/// `{"aliases": {"<alias>": "<collection>"}}`, every alias a valid name that is not also a
/// collection of the snapshot, every target a collection of the snapshot, and at most
/// ``Database/maximumAliases`` aliases.
import Model

enum FullSnapshotLayout {
  /// The entry holding the aliases.
  static let aliasesEntry = "aliases.json"
  /// The folder holding one folder per collection.
  static let collectionsFolder = "collections"
  /// The largest `aliases.json` a reader accepts, in bytes; it is held in memory.
  static let maximumAliasesSize = 16 << 20
  /// The longest collection name a full snapshot holds, in UTF-8 bytes: `collections/<name>`
  /// must fit the 155-byte ustar prefix field.
  static let maximumCollectionNameLength = 155 - collectionsFolder.utf8.count - 1

  /// The entry name of `file` of `collection`: `collections/<collection>/<file>`.
  static func entryName(collection: String, file: String) -> String {
    collectionsFolder + "/" + collection + "/" + file
  }

  /// A layout problem: the entry concerned, if any, and what is wrong.
  struct Problem: Hashable, Sendable {
    /// The entry or collection concerned.
    var entry: String?
    /// What is wrong, in words.
    var detail: String
  }

  /// What is wrong with a full manifest's collections and file names, or `nil`.
  ///
  /// - Complexity: O(n) in the number of files and collections.
  static func problem(_ manifest: SnapshotManifest) -> Problem? {
    var names = Set<String>()
    for collection in manifest.collections {
      do {
        try CollectionName.validate(collection.name)
      } catch {
        return Problem(
          entry: collection.name, detail: "not a valid collection name: \(error.message)")
      }
      guard names.insert(collection.name).inserted else {
        return Problem(entry: collection.name, detail: "collection listed twice")
      }
    }
    var withManifest = Set<String>()
    var hasAliases = false
    let prefix = collectionsFolder + "/"
    for file in manifest.files {
      if file.name == aliasesEntry {
        hasAliases = true
        continue
      }
      guard file.name.hasPrefix(prefix) else {
        return Problem(
          entry: file.name, detail: "is neither \(aliasesEntry) nor under \(prefix)<collection>/")
      }
      let rest = file.name.dropFirst(prefix.count)
      guard let slash = rest.firstIndex(of: "/") else {
        return Problem(entry: file.name, detail: "is not inside a collection's folder")
      }
      let collection = String(rest[..<slash])
      let leaf = rest[rest.index(after: slash)...]
      guard names.contains(collection) else {
        return Problem(
          entry: file.name, detail: "is in the folder of a collection the manifest does not list")
      }
      guard !leaf.contains("/") else {
        return Problem(entry: file.name, detail: "is nested deeper than a collection's folder")
      }
      if leaf == CollectionManifest.fileName { withManifest.insert(collection) }
    }
    guard hasAliases else { return Problem(entry: aliasesEntry, detail: "is missing") }
    if let missing = manifest.collections.first(where: { !withManifest.contains($0.name) }) {
      return Problem(
        entry: entryName(collection: missing.name, file: CollectionManifest.fileName),
        detail: "is missing")
    }
    return nil
  }

  /// The bytes of `aliases.json` for `aliases`, sorted by alias.
  ///
  /// - Complexity: O(n log n) in the number of aliases.
  static func encodeAliases(_ aliases: [(alias: String, collection: String)]) -> [UInt8] {
    var object = JSONObject()
    for (alias, collection) in aliases.sorted(by: { $0.alias < $1.alias }) {
      object[alias] = .string(collection)
    }
    return Array((JSONWriter.pretty(["aliases": .object(object)]) + "\n").utf8)
  }

  /// Parses and checks `aliases.json` read from `archive` against the snapshot's collections.
  ///
  /// - Returns: alias → collection.
  /// - Complexity: O(n) in the size of the file.
  /// - Throws: ``SnapshotError`` `invalidAliases`, naming the alias but never echoing bytes;
  ///   `limitExceeded` past ``Database/maximumAliases`` aliases.
  static func decodeAliases(_ bytes: [UInt8], archive: String, collections: [String])
    throws(SnapshotError) -> [String: String]
  {
    func invalid(_ detail: String) -> SnapshotError {
      SnapshotError(.invalidAliases, archive: archive, entry: aliasesEntry, detail)
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes, maximumKeysPerObject: Database.maximumAliases)
    } catch {
      if error.kind == .tooManyKeys {
        throw SnapshotError(
          .limitExceeded, archive: archive, entry: aliasesEntry,
          "holds more than \(Database.maximumAliases) aliases, the cap")
      }
      throw invalid("not valid JSON (\(error.description))")
    }
    guard let object = value.objectValue?["aliases"]?.objectValue else {
      throw invalid("needs an object \"aliases\"")
    }
    let known = Set(collections)
    var aliases: [String: String] = [:]
    for (alias, target) in object {
      do {
        try CollectionName.validate(alias, kind: "alias")
      } catch {
        throw invalid(
          "alias \"\(SnapshotError.escapedName(alias))\" is not a valid name: \(error.message)")
      }
      guard !known.contains(alias) else {
        throw invalid("alias \"\(SnapshotError.escapedName(alias))\" is also a collection's name")
      }
      guard let collection = target.stringValue, known.contains(collection) else {
        throw invalid(
          "alias \"\(SnapshotError.escapedName(alias))\" does not name a collection of the snapshot"
        )
      }
      guard aliases.updateValue(collection, forKey: alias) == nil else {
        throw invalid("alias \"\(SnapshotError.escapedName(alias))\" appears twice")
      }
    }
    return aliases
  }
}
