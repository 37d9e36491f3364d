import Model
/// A place in the console: one entry of the view stack that `Esc` walks back through.
public enum Route: Hashable {
  /// The collections table.
  case collections
  /// One collection's page, with its tabs.
  case collection(String)
  /// Backup schedules, backups and the scheduler's events.
  case backups
  /// The `:` command console and its scrollback.
  case console
  /// Keys of the view help was opened from, generated from the keymap.
  case help

  /// The words the breadcrumbs show.
  public var title: String {
    switch self {
    case .collections: "Collections"
    case .collection(let name): name
    case .backups: "Backups"
    case .console: "Console"
    case .help: "Help"
    }
  }

  /// The menu entry this route belongs to.
  public var section: MenuSection {
    switch self {
    case .collections, .collection: .collections
    case .backups: .backups
    case .console: .console
    case .help: .help
    }
  }
}

extension Route: Sendable {}
