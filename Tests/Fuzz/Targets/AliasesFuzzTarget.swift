@testable import VectorEngine

/// `aliases.json` of a data directory holding one empty collection, `docs`: the directory
/// opened read-only and every alias resolved, then opened for writing, an alias created and
/// dropped (which rewrites the file), and reopened.
enum AliasesFuzzTarget {
  /// Runs `input` as the data directory's `aliases.json`.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    workspace.withFreshFolder { folder in
      FuzzWorkspace.makeFolder(folder + "/collections")
      FuzzWorkspace.makeFolder(folder + "/collections/docs")
      FuzzWorkspace.write(
        FuzzFixtures.manifest, to: folder + "/collections/docs/" + CollectionManifest.fileName)
      FuzzWorkspace.write(input, to: folder + "/aliases.json")
      guard readAll(folder, readOnly: true) else { return .rejected }
      if let database = try? Database(directory: folder) {
        _ = try? database.createAlias("fuzz-alias", for: "docs")
        _ = try? database.dropAlias("fuzz-alias")
        for (alias, _) in ((try? database.aliases()) ?? []).prefix(4) { _ = try? database.dropAlias(alias) }
        try? database.close()
        readAll(folder, readOnly: true)
      }
      return .accepted
    }
  }

  /// Opens the data directory and resolves every alias and collection; returns whether it
  /// opened.
  @discardableResult
  private static func readAll(_ folder: String, readOnly: Bool) -> Bool {
    guard let database = try? Database(directory: folder, readOnly: readOnly) else { return false }
    for name in (try? database.collectionNames()) ?? [] {
      _ = try? database.collection(name).count()
      _ = database.aliases(of: name)
    }
    for (alias, collection) in ((try? database.aliases()) ?? []).prefix(64) {
      _ = try? database.collection(alias).count()
      _ = database.aliases(of: collection)
    }
    try? database.close()
    return true
  }
}
