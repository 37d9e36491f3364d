/// Checks what a snapshot's files are, beyond the archive's own digests: each collection in
/// it passes ``CollectionFileSet`` (format, structure and every checksum of every file, and
/// nothing but the files its `MANIFEST` names), and agrees with the snapshot manifest.
///
/// The archive's digests prove the files arrived as they were archived; this proves they
/// were sound when archived, so a segment damaged on disk is refused when a snapshot or
/// backup is taken, listed with `--verify`, verified or restored, instead of being certified.
import Model

enum SnapshotContentCheck {
  /// Validates every collection in the archive at `archive` (already scanned into
  /// `contents`); errors name `named` (the archive's final path) and the entry.
  ///
  /// - Complexity: O(archive size).
  /// - Throws: ``SnapshotError`` `invalidContent`, or `io`.
  static func validate(archive: String, named: String? = nil, contents: SnapshotContents) throws(SnapshotError) {
    let label = named ?? archive
    let region: MappedRegion
    do {
      region = try MappedRegion(path: archive, populate: false)
    } catch {
      throw SnapshotError(error, archive: label)
    }
    let manifest = contents.manifest
    var groups: [String: [String: UnsafeRawBufferPointer]] = [:]
    for file in manifest.files {
      guard let offset = contents.dataOffsets[file.name], offset + file.size <= region.bytes.count else {
        throw SnapshotError(.invalidContent, archive: label, entry: file.name, "is not where the scan found it")
      }
      let bytes = UnsafeRawBufferPointer(rebasing: region.bytes[offset..<(offset + file.size)])
      switch manifest.kind {
      case .collection:
        groups[manifest.collection, default: [:]][file.name] = bytes
      case .full:
        guard file.name != FullSnapshotLayout.aliasesEntry else { continue }
        // The layout was checked by the scan: `collections/<name>/<file>`.
        let parts = file.name.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3 else {
          throw SnapshotError(
            .invalidLayout, archive: label, entry: SnapshotError.escapedName(file.name),
            "is not collections/<name>/<file>")
        }
        groups[parts[1], default: [:]][parts[2]] = bytes
      }
    }
    for collection in manifest.collections {
      let files = groups[collection.name] ?? [:]
      let folder =
        manifest.kind == .full
        ? FullSnapshotLayout.collectionsFolder + "/" + collection.name : collection.name
      let inner: CollectionManifest
      do {
        inner = try withExtendedLifetime(region) { () throws(StoreError) in
          try CollectionFileSet.validate(files, folder: folder)
        }
      } catch {
        throw SnapshotError(.invalidContent, archive: label, entry: SnapshotError.escapedName(folder), error.message)
      }
      guard (try? CollectionConfig(json: collection.config)) == inner.config else {
        throw SnapshotError(
          .invalidContent, archive: label, entry: SnapshotError.escapedName(folder),
          "the snapshot manifest's configuration differs from the collection's MANIFEST")
      }
    }
  }
}
