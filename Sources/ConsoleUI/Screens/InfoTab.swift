import Operations
import Model

/// The Info tab: configuration, sizes, aliases and the payload schema.
enum InfoTab {
  /// The tab's lines: text and role.
  static func lines(_ page: CollectionPageModel) -> [(String, ThemeRole)] {
    guard let info = page.info else { return [("loading…", .muted)] }
    guard info.isOpened else {
      return [
        ("Damaged", .title), ("  status            red", .statusError),
        ("  " + (info.problem ?? "the collection cannot be opened"), .statusError), ("", .text),
        ("  restore it from a snapshot or backup (Snapshots tab, Backups page); for a damaged", .muted),
        ("  write-ahead log, :collection repair \(info.name) keeps the intact records", .muted),
      ]
    }
    let config = info.config
    func row(_ label: String, _ value: String) -> (String, ThemeRole) {
      ("  " + label.padded(to: 18) + value, .text)
    }
    var lines: [(String, ThemeRole)] =
      [
        ("Configuration", .title),
        row("vectors", "\(config.dimension) dimensions · \(config.distance.rawValue)"),
        row("storage", config.storage.rawValue),
        row("HNSW", "m \(config.hnswM) · ef_construct \(config.hnswEfConstruct) · ef \(config.hnswEf)"),
        row("segment size", "\(Quantity.count(config.segmentPoints)) points"),
        row("index threshold", Quantity.indexingThreshold(kilobytes: config.indexingThresholdKB)),
        ("", .text),
        ("Size", .title),
        row(
          "points",
          Quantity.count(info.pointsCount)
            + (info.unsealedPoints > 0 ? " (\(Quantity.count(info.unsealedPoints)) not yet sealed)" : "")),
        row("segments", "\(info.segmentsCount)"),
        row("disk", Quantity.bytes(info.diskBytes)),
        row("RAM", Quantity.bytes(info.ramBytes) + (config.storage == .mmap ? " (mapped files excluded)" : "")),
        row("status", CollectionsModel.status(info)),
      ] + (info.problem.map { [("  " + "problem".padded(to: 18) + $0, ThemeRole.statusError)] } ?? []) + [
        ("", .text),
        ("Aliases", .title),
        (
          info.aliases.isEmpty ? "  none" : "  " + info.aliases.joined(separator: ", "),
          info.aliases.isEmpty ? .muted : .text
        ),
        ("", .text),
        ("Payload schema (indexes)", .title),
      ]
    if info.payloadSchema.isEmpty {
      lines.append(("  no payload index: filters scan payloads (:index create …)", .muted))
    } else {
      lines.append(("  " + "FIELD".padded(to: 18) + "TYPE      POINTS", .tableHeader))
      for entry in info.payloadSchema {
        lines.append(row(entry.field, entry.type.rawValue.padded(to: 10) + Quantity.count(entry.points)))
      }
    }
    lines.append(("", .text))
    lines += indexLines(info.indexStats)
    return lines
  }

  /// The graph of each sealed segment: layers, nodes per layer and link counts.
  static func indexLines(_ stats: [SegmentIndexStats]) -> [(String, ThemeRole)] {
    var lines: [(String, ThemeRole)] = [("HNSW graphs (per sealed segment)", .title)]
    guard !stats.isEmpty else {
      lines.append(("  no sealed segment yet: new points are searched by a scan", .muted))
      return lines
    }
    lines.append(
      (
        "  " + "SEGMENT".padded(to: 9) + "POINTS".padded(to: 10) + "LAYERS".padded(to: 8)
          + "DEGREE L0".padded(to: 11) + "ABOVE".padded(to: 9) + "NODES PER LAYER", .tableHeader
      ))
    for entry in stats {
      let head = "  " + "\(entry.segment)".padded(to: 9) + Quantity.count(entry.points).padded(to: 10)
      guard entry.hasGraph else {
        lines.append((head + "no graph: searched by a scan", .muted))
        continue
      }
      let level0 = "\(Quantity.fixed(entry.meanDegreeLevel0, 1))/\(entry.maxDegreeLevel0)"
      let upper = entry.layers > 1 ? "\(Quantity.fixed(entry.meanDegreeUpper, 1))/\(entry.maxDegreeUpper)" : "-"
      let nodes = entry.nodesPerLayer.map(Quantity.count).joined(separator: " / ")
      lines.append(
        (
          head + "\(entry.layers)".padded(to: 8) + level0.padded(to: 11) + upper.padded(to: 9) + nodes, .text
        ))
    }
    lines.append(("  degrees are mean/max links per list: level 0 keeps at most 2·m, the layers above m", .muted))
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
