import Model
import Operations

/// The Snapshots tab: name, creation time, size, checksum and verification.
enum SnapshotsTab {
  /// Draws the table in `area`.
  static func render(_ page: CollectionPageModel, into surface: inout Surface, area: Rect) {
    table(page).render(into: &surface, area: area)
  }

  /// The snapshots table of `page` (drawn in the whole tab).
  static func table(_ page: CollectionPageModel) -> TableView {
    let model = page.snapshots
    let rows = model.snapshots.map { snapshot -> [String] in
      let verified = model.verified[snapshot.name].map { $0 ? "✓ ok" : "✗ damaged" } ?? "-"
      return [
        snapshot.name, snapshot.created, Quantity.bytes(snapshot.size),
        snapshot.sha256.map { String($0.prefix(16)) } ?? "-", verified,
      ]
    }
    let verdicts = model.snapshots.map { model.verified[$0.name] }
    return TableView(
      columns: [
        TableColumn("NAME", width: .fit(minimum: 8, maximum: 48)),
        TableColumn("CREATED", width: .fit(minimum: 7, maximum: 24)),
        TableColumn("SIZE", width: .fit(minimum: 4, maximum: 10), alignment: .right),
        TableColumn("SHA256", width: .fit(minimum: 6, maximum: 16)),
        TableColumn("VERIFIED", width: .fit(minimum: 8, maximum: 10)),
      ],
      rows: rows, state: model.table,
      emptyMessage: model.isLoaded ? "no snapshots: n takes one" : "loading…",
      cellRole: { row, column in
        guard column == 4, verdicts.indices.contains(row), let verdict = verdicts[row] else { return nil }
        return verdict ? .statusOK : .statusError
      })
  }
}
