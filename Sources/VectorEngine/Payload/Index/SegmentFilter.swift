/// A filter prepared for one sealed segment: which rows can match, and whether the payload
/// still needs checking.
///
/// Index answers are combined bottom-up: an AND of known and unknown parts yields a superset
/// of candidates (payloads are then checked), an OR or NOT over an unknown part yields no
/// bound at all, and a fully indexed filter yields the exact rows, so no payload is parsed.
import Model

struct SegmentFilter {
  /// Rows that may match (`nil`: any row may).
  let candidates: Bitset?
  /// Whether ``candidates`` are exactly the matching rows.
  let isExact: Bool

  /// Plans `filter` against `segment` using its payload `indexes` (by field name).
  ///
  /// - Complexity: O(size of the touched posting lists + rows / 64).
  init(filter: Filter, segment: SealedSegment, indexes: [String: SegmentPayloadIndex]) {
    let answer = Self.answer(filter, segment: segment, indexes: indexes)
    candidates = answer?.bits
    isExact = answer?.exact ?? false
  }

  private typealias Answer = (bits: Bitset, exact: Bool)

  private static func answer(_ filter: Filter, segment: SealedSegment, indexes: [String: SegmentPayloadIndex])
    -> Answer?
  {
    var parts: [Answer?] = []
    for condition in filter.must {
      parts.append(answer(condition, segment: segment, indexes: indexes))
    }
    if !filter.should.isEmpty {
      var union: Answer? = (Bitset(count: segment.count), true)
      for condition in filter.should {
        guard let part = answer(condition, segment: segment, indexes: indexes), let current = union else {
          union = nil
          break
        }
        union = (current.bits.union(part.bits), current.exact && part.exact)
      }
      parts.append(union)
    }
    for condition in filter.mustNot {
      if let part = answer(condition, segment: segment, indexes: indexes), part.exact {
        parts.append((part.bits.complement(), true))
      } else {
        parts.append(nil)
      }
    }
    if filter.minShould != nil { parts.append(nil) }
    return intersect(parts, count: segment.count)
  }

  private static func intersect(_ parts: [Answer?], count: Int) -> Answer? {
    var result: Answer?
    var exact = true
    for part in parts {
      guard let part else {
        exact = false
        continue
      }
      if let current = result {
        result = (current.bits.intersection(part.bits), current.exact && part.exact)
      } else {
        result = part
      }
    }
    guard let result else {
      // An empty filter matches every row exactly; otherwise nothing is known.
      return parts.isEmpty ? (Bitset(count: count).complement(), true) : nil
    }
    return (result.bits, result.exact && exact)
  }

  private static func answer(
    _ condition: FilterCondition, segment: SealedSegment, indexes: [String: SegmentPayloadIndex]
  ) -> Answer? {
    switch condition {
    case .field(let key, let fieldCondition):
      guard let index = indexes[key], let bits = index.rows(matching: fieldCondition, rowCount: segment.count) else {
        return nil
      }
      return (bits, true)
    case .hasID(let ids):
      var bits = Bitset(count: segment.count)
      for id in ids {
        if let row = segment.row(of: id) { bits[row] = true }
      }
      return (bits, true)
    case .filter(let nested):
      return answer(nested, segment: segment, indexes: indexes)
    case .isEmpty, .isNull:
      return nil
    }
  }
}

extension Bitset {
  func union(_ other: Bitset) -> Bitset {
    Bitset(count: count, words: zip(words, other.words).map { $0 | $1 })
  }

  func intersection(_ other: Bitset) -> Bitset {
    Bitset(count: count, words: zip(words, other.words).map { $0 & $1 })
  }

  /// Every row not in the set (bits past `count` stay clear).
  func complement() -> Bitset {
    var result = Bitset(count: count, words: words.map { ~$0 })
    let extra = result.words.count * 64 - count
    if extra > 0, !result.words.isEmpty {
      result.setLastWord(result.words[result.words.count - 1] & (UInt64.max >> UInt64(extra)))
    }
    return result
  }
}
