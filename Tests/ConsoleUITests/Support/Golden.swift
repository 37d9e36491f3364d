import ConsoleUI
import Foundation
import Operations
import Testing

/// Golden text files under `Tests/ConsoleUITests/Golden/`: what a user would see, checked in.
///
/// Run with `RAGOPS_RECORD_GOLDEN=1` to write the files from the current output instead of
/// comparing; review the diff before committing.
enum Golden {
  /// The folder the golden files live in.
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

  /// Whether this run records golden files instead of comparing.
  static var isRecording: Bool {
    ProcessInfo.processInfo.environment["RAGOPS_RECORD_GOLDEN"] == "1"
  }

  /// Compares `text` with the golden file `name.txt`, recording it when asked to.
  static func check(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let file = directory.appendingPathComponent(name + ".txt")
    if isRecording {
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      #expect(throws: Never.self) { try Data(text.utf8).write(to: file) }
      return
    }
    guard let data = FileManager.default.contents(atPath: file.path),
      let expected = String(data: data, encoding: .utf8)
    else {
      Issue.record(
        "no golden file \(name).txt; run with RAGOPS_RECORD_GOLDEN=1 to record it",
        sourceLocation: sourceLocation)
      return
    }
    if expected != text {
      Issue.record(
        "\(name).txt differs from the output (re-record with RAGOPS_RECORD_GOLDEN=1 if the change is intended)\n--- expected\n\(expected)\n--- actual\n\(text)",
        sourceLocation: sourceLocation)
    }
  }

  /// A surface as golden text: its lines between rulers, then its style layer and the legend.
  static func document(_ surface: Surface) -> String {
    let ruler = "+" + String(repeating: "-", count: surface.size.width) + "+"
    var text = "# text (\(surface.size))\n" + ruler + "\n"
    for line in surface.lines {
      let padding = String(
        repeating: " ", count: max(0, surface.size.width - DisplayWidth.of(line)))
      text += "|" + line + padding + "|\n"
    }
    text += ruler + "\n# roles\n"
    let layer = surface.styleLines(code)
    var used: [Character: String] = [:]
    for y in 0..<surface.size.height {
      for x in 0..<surface.size.width {
        let style = surface[x, y].style
        used[code(style)] =
          style.role.rawValue
          + (style.attributes.isEmpty ? "" : "+" + style.attributes.names.joined(separator: "+"))
      }
    }
    text += layer.joined(separator: "\n") + "\n# legend\n"
    for key in used.keys.sorted() { text += "\(key) \(used[key] ?? "")\n" }
    return text
  }

  /// One character per role (upper case when the style adds attributes).
  static func code(_ style: Style) -> Character {
    let base: Character =
      switch style.role {
      case .background: "."
      case .text: "t"
      case .muted: "m"
      case .border: "b"
      case .title: "i"
      case .tableHeader: "h"
      case .sortIndicator: "s"
      case .selection: "#"
      case .selectionInactive: "="
      case .dialog: "d"
      case .dialogBorder: "o"
      case .dialogTitle: "l"
      case .button: "u"
      case .buttonFocused: "f"
      case .input: "n"
      case .inputFocused: "p"
      case .statusOK: "g"
      case .statusError: "e"
      default: "?"
      }
    return style.attributes.isEmpty ? base : Character(base.uppercased())
  }
}
