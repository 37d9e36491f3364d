/// Which points an operation applies to (Qdrant's `PointsSelector`).
public enum PointSelector: Hashable {
  /// These ids (missing ones are ignored).
  case ids([PointID])
  /// Every point matching the filter.
  case filter(Filter)
}

extension PointSelector: Sendable {}
