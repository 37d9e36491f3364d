import Model
/// The entries of the top menu (the dashboard's sidebar): Collections, Backups, Console, Help.
public enum MenuSection: Int, CaseIterable, Hashable {
  /// Collections and their pages.
  case collections
  /// Backups and schedules.
  case backups
  /// The command console.
  case console
  /// Help.
  case help

  /// The menu's word for the section.
  public var title: String {
    switch self {
    case .collections: "Collections"
    case .backups: "Backups"
    case .console: "Console"
    case .help: "Help"
    }
  }
}

extension MenuSection: Sendable {}
