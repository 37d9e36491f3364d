/// A payload filter in Qdrant's model: clauses of conditions, nestable.
///
/// A point matches when every clause that is present holds: all of `must`, at least one of
/// `should` (when not empty), none of `mustNot`, and at least `minShould.minCount` of
/// `minShould.conditions`. An empty filter matches every point.
public struct Filter: Hashable {
  /// Conditions that must all hold (AND).
  public var must: [FilterCondition]
  /// Conditions of which at least one must hold (OR), when not empty.
  public var should: [FilterCondition]
  /// Conditions of which none may hold.
  public var mustNot: [FilterCondition]
  /// A minimum number of conditions that must hold, when present.
  public var minShould: MinShould?

  /// Creates a filter from its clauses.
  public init(
    must: [FilterCondition] = [], should: [FilterCondition] = [],
    mustNot: [FilterCondition] = [], minShould: MinShould? = nil
  ) {
    self.must = must
    self.should = should
    self.mustNot = mustNot
    self.minShould = minShould
  }

  /// Whether the filter has no clause at all (it then matches everything).
  public var isEmpty: Bool {
    must.isEmpty && should.isEmpty && mustNot.isEmpty && minShould == nil
  }
}

/// At least `minCount` of `conditions` must hold (Qdrant's `min_should`).
public struct MinShould: Hashable {
  /// The candidate conditions.
  public var conditions: [FilterCondition]
  /// How many of them must hold.
  public var minCount: Int

  /// Creates the clause.
  public init(conditions: [FilterCondition], minCount: Int) {
    self.conditions = conditions
    self.minCount = minCount
  }
}

/// One condition inside a filter clause.
public indirect enum FilterCondition: Hashable {
  /// A condition on the payload value(s) at `key` (a dotted path, `[]` projects arrays).
  case field(key: String, FieldCondition)
  /// The field is missing, `null`, or an empty array.
  case isEmpty(key: String)
  /// The field exists and is `null`.
  case isNull(key: String)
  /// The point's id is one of these.
  case hasID([PointID])
  /// A nested filter, which is itself a condition.
  case filter(Filter)
}

/// What a field condition tests.
public enum FieldCondition: Hashable {
  /// Equals this keyword, integer or bool; against an array, any element equals it.
  case matchValue(JSONValue)
  /// Equals any of these values (IN).
  case matchAny([JSONValue])
  /// Equals none of these values (NOT IN).
  case matchExcept([JSONValue])
  /// Contains every word of this text (full-text match).
  case matchText(String)
  /// A number within bounds; `nil` bounds are open.
  case range(RangeBounds)
}

/// Numeric bounds of a range condition.
public struct RangeBounds: Hashable {
  /// Strictly greater than.
  public var gt: Double?
  /// Greater than or equal to.
  public var gte: Double?
  /// Strictly less than.
  public var lt: Double?
  /// Less than or equal to.
  public var lte: Double?

  /// Creates bounds.
  public init(gt: Double? = nil, gte: Double? = nil, lt: Double? = nil, lte: Double? = nil) {
    self.gt = gt
    self.gte = gte
    self.lt = lt
    self.lte = lte
  }

  /// Whether `value` satisfies every bound.
  public func contains(_ value: Double) -> Bool {
    if let gt, !(value > gt) { return false }
    if let gte, !(value >= gte) { return false }
    if let lt, !(value < lt) { return false }
    if let lte, !(value <= lte) { return false }
    return true
  }
}

extension Filter: Sendable {}
extension MinShould: Sendable {}
extension FilterCondition: Sendable {}
extension FieldCondition: Sendable {}
extension RangeBounds: Sendable {}
