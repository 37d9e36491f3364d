/// The values of a `match any` or `match except` list, hashed for lookups that agree with
/// ``FieldCondition/scalar(_:equals:)``.
///
/// Strings and bools compare exactly; numbers compare by value, so a double holding an integer
/// (`5.0`, `-0.0`, `1e19`) is stored with the integers of its range. Nulls, arrays and objects
/// equal nothing and are left out.
struct ScalarSet {
  private var strings: Set<String> = []
  private var bools: Set<Bool> = []
  private var integers: Set<Int64> = []
  private var largeIntegers: Set<UInt64> = []
  private var doubles: Set<Double> = []

  /// Hashes `values`.
  ///
  /// - Complexity: O(n).
  init(_ values: [JSONValue]) {
    for value in values {
      switch value {
      case .string(let text): strings.insert(text)
      case .bool(let flag): bools.insert(flag)
      case .int(let number): integers.insert(number)
      case .uint(let number):
        if let exact = Int64(exactly: number) {
          integers.insert(exact)
        } else {
          largeIntegers.insert(number)
        }
      case .double(let number):
        if let exact = Int64(exactly: number) {
          integers.insert(exact)
        } else if let exact = UInt64(exactly: number) {
          largeIntegers.insert(exact)
        } else {
          doubles.insert(number)
        }
      case .null, .array, .object: continue
      }
    }
  }

  /// Whether `value` equals one of the values, as ``FieldCondition/scalar(_:equals:)`` says.
  ///
  /// - Complexity: O(1) expected.
  func contains(_ value: JSONValue) -> Bool {
    switch value {
    case .string(let text): strings.contains(text)
    case .bool(let flag): bools.contains(flag)
    case .int(let number): integers.contains(number)
    case .uint(let number):
      if let exact = Int64(exactly: number) {
        integers.contains(exact)
      } else {
        largeIntegers.contains(number)
      }
    case .double(let number):
      if let exact = Int64(exactly: number) {
        integers.contains(exact)
      } else if let exact = UInt64(exactly: number) {
        largeIntegers.contains(exact)
      } else {
        doubles.contains(number)
      }
    case .null, .array, .object: false
    }
  }
}

extension ScalarSet: Sendable {}
