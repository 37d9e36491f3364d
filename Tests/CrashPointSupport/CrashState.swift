/// One state a crash may leave: the directory's tree after a crash at a point, in a variant.
package struct CrashState: Sendable {
  /// What happened to the changes that were not yet durable (see `CrashModel.swift`).
  package enum Variant: String, Sendable, CaseIterable {
    case applied, dropped, namesOnly, tornPrefix, tornZeros
  }

  /// The crash point: how many logged calls had returned.
  package var point: Int
  /// What happened to the pending changes.
  package var variant: Variant
  /// The directory as the crash left it.
  package var tree: FileTree
}
