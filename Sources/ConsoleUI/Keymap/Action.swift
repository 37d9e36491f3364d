/// A named thing the user can ask for; every key binding maps a key to one.
///
/// Screens react to actions, never to raw keys, so the keymap alone decides the keys, and
/// help and the footer (generated from the keymap) are always right.
public enum Action: String, CaseIterable, Hashable {
  /// Leave the console.
  case quit
  /// Go back to the previous view (or close the open prompt or dialog).
  case back
  /// Open the `:` command line.
  case command
  /// Open the `/` filter line.
  case filter
  /// Show help for the keys of the current view.
  case help
  /// Switch mouse support on or off.
  case toggleMouse = "toggle-mouse"
  /// Copy the selected id or name to the clipboard.
  case copy
  /// Reload the current view.
  case refresh
  /// Move the selection up one row.
  case up
  /// Move the selection down one row.
  case down
  /// Move left (scroll a wide table, or the column to sort by).
  case left
  /// Move right.
  case right
  /// Select the first row.
  case top
  /// Select the last row.
  case bottom
  /// Move the selection up one page.
  case pageUp = "page-up"
  /// Move the selection down one page.
  case pageDown = "page-down"
  /// Open the selected row.
  case open
  /// Show the next tab.
  case nextTab = "next-tab"
  /// Show the previous tab.
  case previousTab = "previous-tab"
  /// Show the selected row in full, as JSON.
  case describe
  /// Delete the selected row, after confirmation.
  case delete
  /// Sort by the selected column (again to sort by the next).
  case sortByColumn = "sort-by-column"
  /// Reverse the sort order.
  case reverseSort = "reverse-sort"
  /// Fold or unfold the selected JSON object or array.
  case toggleFold = "toggle-fold"
  /// Focus the next dialog button.
  case nextButton = "next-button"
  /// Focus the previous dialog button.
  case previousButton = "previous-button"
  /// Press the focused button, or run the typed command.
  case submit
  /// Close the dialog or prompt without doing anything.
  case cancel
  /// Move to the next form field.
  case nextField = "next-field"
  /// Move to the previous form field.
  case previousField = "previous-field"
  /// Move the text cursor one character left.
  case cursorLeft = "cursor-left"
  /// Move the text cursor one character right.
  case cursorRight = "cursor-right"
  /// Move the text cursor to the start of the field.
  case cursorStart = "cursor-start"
  /// Move the text cursor to the end of the field.
  case cursorEnd = "cursor-end"
  /// Delete the character before the cursor.
  case deleteBackward = "delete-backward"
  /// Delete the character under the cursor.
  case deleteForward = "delete-forward"
  /// Recall the previous command.
  case historyPrevious = "history-previous"
  /// Recall the next command.
  case historyNext = "history-next"
  /// Complete the word being typed.
  case complete
  /// Create something new here: a collection, a snapshot, a schedule.
  case create
  /// Edit the selected point's payload as JSON.
  case edit
  /// List the points most similar to the selected one.
  case similar
  /// Verify the selected snapshot or backup by reading it back.
  case verify
  /// Restore the selected snapshot or backup, after confirmation.
  case restore
  /// Take a manual backup now.
  case backupNow = "backup-now"
  /// Pause or resume the selected schedule.
  case pause
  /// Run the measurement this tab shows (search quality).
  case run
  /// Colour the projection by the next payload field.
  case colorBy = "color-by"
  /// Edit the selected point's payload in the console's own JSON editor.
  case editInline = "edit-inline"
  /// Start a new line in the editor.
  case newline
  /// Save what the editor holds (after checking it and showing the diff).
  case save
  /// Choose the payload keys shown as columns of the points table.
  case chooseColumns = "choose-columns"
  /// Choose or drop the selected entry of a picker.
  case toggle
  /// Show the collections.
  case showCollections = "show-collections"
  /// Show the backups page.
  case showBackups = "show-backups"
  /// Show the command console and its scrollback.
  case showConsole = "show-console"

  /// A word or two for the footer: `quit`, `filter`, `delete`.
  public var title: String {
    switch self {
    case .toggleMouse: "mouse"
    case .pageUp: "page up"
    case .pageDown: "page down"
    case .nextTab: "next tab"
    case .previousTab: "previous tab"
    case .sortByColumn: "sort"
    case .reverseSort: "reverse sort"
    case .toggleFold: "fold"
    case .nextButton: "next button"
    case .previousButton: "previous button"
    case .nextField: "next field"
    case .previousField: "previous field"
    case .cursorLeft: "left"
    case .cursorRight: "right"
    case .cursorStart: "start"
    case .cursorEnd: "end"
    case .deleteBackward: "delete back"
    case .deleteForward: "delete"
    case .historyPrevious: "previous command"
    case .historyNext: "next command"
    case .create: "new"
    case .backupNow: "backup now"
    case .pause: "pause/resume"
    case .colorBy: "colour by"
    case .chooseColumns: "columns"
    case .editInline: "edit inline"
    case .showCollections: "collections"
    case .showBackups: "backups"
    case .showConsole: "console"
    default: rawValue
    }
  }

  /// A sentence for help.
  public var summary: String {
    switch self {
    case .quit: "Leave the console"
    case .back: "Go back to the previous view"
    case .command: "Type a command (the same commands as --batch)"
    case .filter: "Filter the rows shown (Esc clears the filter)"
    case .help: "Show this help"
    case .toggleMouse: "Switch the mouse on or off (Shift-drag selects text while it is on)"
    case .copy: "Copy the selected id or name to the clipboard"
    case .refresh: "Reload the current view"
    case .up: "Move up"
    case .down: "Move down"
    case .left: "Move or scroll left"
    case .right: "Move or scroll right"
    case .top: "Go to the first row"
    case .bottom: "Go to the last row"
    case .pageUp: "Go up one page"
    case .pageDown: "Go down one page"
    case .open: "Open the selected row"
    case .nextTab: "Show the next tab"
    case .previousTab: "Show the previous tab"
    case .describe: "Show the selected row in full, as JSON"
    case .delete: "Delete the selected row, after confirmation"
    case .sortByColumn: "Sort by the selected column"
    case .reverseSort: "Reverse the sort order"
    case .toggleFold: "Fold or unfold the selected object or array"
    case .nextButton: "Focus the next button"
    case .previousButton: "Focus the previous button"
    case .submit: "Press the focused button, or run what was typed"
    case .cancel: "Close without doing anything"
    case .nextField: "Go to the next field"
    case .previousField: "Go to the previous field"
    case .cursorLeft: "Move the cursor left"
    case .cursorRight: "Move the cursor right"
    case .cursorStart: "Move the cursor to the start"
    case .cursorEnd: "Move the cursor to the end"
    case .deleteBackward: "Delete the character before the cursor"
    case .deleteForward: "Delete the character under the cursor"
    case .historyPrevious: "Recall the previous command"
    case .historyNext: "Recall the next command"
    case .complete: "Complete the word being typed"
    case .create: "Create a collection, take a snapshot or add a schedule (by page)"
    case .edit: "Edit the selected payload in $EDITOR, with a diff before saving"
    case .similar: "List the points most similar to the selected one, with scores"
    case .verify: "Read the selected snapshot or backup back and check every checksum"
    case .restore: "Restore the selected snapshot or backup, after confirmation"
    case .backupNow: "Take a manual backup now"
    case .pause: "Pause or resume the selected schedule"
    case .run: "Run the measurement (recall and latency of the index against exact search)"
    case .colorBy: "Colour the projection by the next payload field"
    case .editInline: "Edit the selected payload here, as JSON, with a diff before saving"
    case .newline: "Start a new line"
    case .save: "Check the JSON, show the diff, then save"
    case .chooseColumns: "Choose the payload keys shown as columns of the points table"
    case .toggle: "Choose or drop the selected entry"
    case .showCollections: "Show the collections"
    case .showBackups: "Show the backups page"
    case .showConsole: "Show the command console and its results"
    }
  }
}

extension Action: Sendable {}
