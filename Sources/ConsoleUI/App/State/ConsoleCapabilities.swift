import Operations

/// Which backend capability each part of the console needs: the one table behind hiding a
/// tab, a page or a key when the backend lacks what it would do.
enum ConsoleCapabilities {
  /// The capability a tab of a collection's page reads from.
  static func needed(for tab: CollectionTab) -> BackendCapability {
    switch tab {
    case .points, .visualize: .readPoints
    case .info: .readCollections
    case .quality: .readMaintenance
    case .snapshots: .readSnapshots
    }
  }

  /// The capability `action` needs on `route` (with `tab` on a collection's page), or `nil`
  /// when it only moves around the console.
  static func needed(for action: Action, on route: Route, tab: CollectionTab?) -> BackendCapability? {
    switch (route, action) {
    case (_, .showBackups): return .readBackups
    case (.collections, .create), (.collections, .delete): return .writeCollections
    case (.collections, .open), (.collections, .describe): return .readCollections
    case (.backups, .create), (.backups, .backupNow), (.backups, .pause), (.backups, .delete), (.backups, .restore):
      return .writeBackups
    case (.backups, .verify): return .readBackups
    case (.collection, _): break
    default: return nil
    }
    switch (tab ?? .points, action) {
    case (.points, .edit), (.points, .editInline), (.points, .delete): return .writePoints
    case (.points, .similar): return .readPoints
    case (.quality, .run): return .readMaintenance
    case (.snapshots, .create), (.snapshots, .restore), (.snapshots, .delete): return .writeSnapshots
    case (.snapshots, .verify): return .readSnapshots
    default: return nil
    }
  }

  /// The capability `effect` uses, or `nil` for work of the terminal or of the command line
  /// (a typed command meets the seam itself).
  static func needed(for effect: Effect) -> BackendCapability? {
    switch effect {
    case .loadCollections, .loadCollectionInfo: .readCollections
    case .dropCollection: .writeCollections
    case .loadPoints, .findSimilar, .loadProjection: .readPoints
    case .deletePoint, .savePayload: .writePoints
    case .loadSnapshots, .verifySnapshot: .readSnapshots
    case .createSnapshot, .restoreSnapshot, .deleteSnapshot: .writeSnapshots
    case .measureQuality: .readMaintenance
    case .loadBackups, .loadEvents, .verifyBackup: .readBackups
    case .backupNow, .pauseSchedule, .deleteSchedule, .deleteBackup, .restoreBackup: .writeBackups
    case .runCommand, .editPayload, .copy, .saveHistory, .setMouse: nil
    }
  }

  /// `effects` without those whose capability is not in `capabilities` (a backend without
  /// backups is never asked for its backups, not even by the periodic event poll).
  ///
  /// - Complexity: O(effects).
  static func possible(_ effects: [Effect], with capabilities: Set<BackendCapability>) -> [Effect] {
    effects.filter { needed(for: $0).map(capabilities.contains) ?? true }
  }
}
