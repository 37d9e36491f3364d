import Operations
import VectorEngine

/// The Info tab: configuration, sizes, aliases and the payload schema.
enum InfoTab {
  /// The tab's lines: text and role.
  static func lines(_ page: CollectionPageModel) -> [(String, ThemeRole)] {
    guard let info = page.info else { return [("loading…", .muted)] }
    let config = info.config
    func row(_ label: String, _ value: String) -> (String, ThemeRole) {
      ("  " + label.padded(to: 18) + value, .text)
    }
    var lines: [(String, ThemeRole)] = [
      ("Configuration", .title),
      row("vectors", "\(config.dimension) dimensions · \(config.distance.rawValue)"),
      row("storage", config.storage.rawValue),
      row("HNSW", "m \(config.hnswM) · ef_construct \(config.hnswEfConstruct) · ef \(config.hnswEf)"),
      row("segment size", "\(ResultFormatting.count(config.segmentPoints)) points"),
      ("", .text),
      ("Size", .title),
      row("points", ResultFormatting.count(info.pointsCount) + (info.unsealedPoints > 0 ? " (\(ResultFormatting.count(info.unsealedPoints)) not yet sealed)" : "")),
      row("segments", "\(info.segmentsCount)"),
      row("disk", ResultFormatting.bytes(info.diskBytes)),
      row("RAM", ResultFormatting.bytes(info.ramBytes) + (config.storage == .mmap ? " (mapped files excluded)" : "")),
      row("status", CollectionsModel.status(info)),
      ("", .text),
      ("Aliases", .title),
      (info.aliases.isEmpty ? "  none" : "  " + info.aliases.joined(separator: ", "), info.aliases.isEmpty ? .muted : .text),
      ("", .text),
      ("Payload schema (indexes)", .title),
    ]
    if info.payloadSchema.isEmpty {
      lines.append(("  no payload index: filters scan payloads (:index create …)", .muted))
    } else {
      lines.append(("  " + "FIELD".padded(to: 18) + "TYPE      POINTS", .tableHeader))
      for entry in info.payloadSchema {
        lines.append(row(entry.field, entry.type.rawValue.padded(to: 10) + ResultFormatting.count(entry.points)))
      }
    }
    return lines
  }

  /// Draws the lines from the page's scroll position.
  static func render(_ page: CollectionPageModel, into surface: inout Surface, area: Rect) {
    let all = lines(page)
    let first = min(page.infoScroll, max(0, all.count - area.height))
    for (row, line) in all.dropFirst(first).prefix(area.height).enumerated() {
      surface.write(line.0, at: Point(x: area.x, y: area.y + row), style: Style(line.1), maxWidth: area.width)
    }
  }
}
