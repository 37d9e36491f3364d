@testable import VectorEngine
@testable import Model

/// Turns fuzz bytes into collection operations with arbitrary contents.
///
/// Vectors of any length (the collection's is 4) with NaN, infinities and huge components, ids that
/// collide, payloads of every JSON type at indexed keys. Used by ``WriteAheadLogReplayFuzzTarget``,
/// which writes them with the engine's own log writer, so every record is well formed and only its
/// meaning is hostile.
struct FuzzOperationDecoder {
  private let bytes: [UInt8]
  private var position = 0

  /// A decoder over `bytes`.
  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// At most this many operations are decoded.
  static let maximumOperations = 64

  /// Components chosen by the bytes 0…11; other bytes give ordinary numbers.
  static let specialComponents: [Float] = [
    0, 1, -1, 0.5, .nan, .infinity, -.infinity, .greatestFiniteMagnitude,
    .leastNonzeroMagnitude, -0.0, 1e-30, -1e30,
  ]

  /// Payloads chosen by a byte: every JSON type at the indexed keys, and nesting.
  static let payloads: [JSONObject] = [
    JSONObject(),
    JSONObject([("tenant", .string("acme"))]),
    JSONObject([("tenant", .int(7)), ("year", .string("2020"))]),
    JSONObject([("year", .int(2020)), ("score", .double(0.25)), ("flag", .bool(true))]),
    JSONObject([("year", .double(1e300)), ("score", .int(Int64.min)), ("flag", .null)]),
    JSONObject([("tenant", .array([.string("a"), .null, .array([.string("b")])]))]),
    JSONObject([("tags", .object(JSONObject([("tenant", .string("x"))])))]),
    JSONObject([("tenant", .string(String(repeating: "k", count: 300)))]),
    JSONObject([("flag", .array([.bool(true), .bool(false)])), ("score", .array([]))]),
    JSONObject([("", .string("empty key")), ("a.b", .int(1))]),
  ]

  /// Keys a `deletePayloadKeys` may name.
  static let keys = ["tenant", "year", "score", "flag", "tags", "", "missing"]

  private mutating func next() -> UInt8? {
    guard position < bytes.count else { return nil }
    position += 1
    return bytes[position - 1]
  }

  private mutating func byte() -> UInt8 { next() ?? 0 }

  private mutating func id() -> PointID {
    let value = byte()
    return value < 224 ? .number(UInt64(value % 24)) : .uuid(high: UInt64(value % 4), low: 1)
  }

  private mutating func ids() -> [PointID] {
    (0..<(Int(byte() % 4) + 1)).map { _ in id() }
  }

  private mutating func component() -> Float {
    let value = byte()
    let specials = Self.specialComponents
    return Int(value) < specials.count ? specials[Int(value)] : Float(value) / 37 - 3
  }

  private mutating func payload() -> JSONObject {
    Self.payloads[Int(byte()) % Self.payloads.count]
  }

  /// The operations the bytes describe.
  mutating func operations() -> [CollectionOperation] {
    var operations: [CollectionOperation] = []
    while let code = next(), operations.count < Self.maximumOperations {
      switch code % 5 {
      case 0:
        let points = (0..<(Int(byte() % 3) + 1)).map { _ in
          let id = id()
          // Mostly the collection's dimension, 4; otherwise anything from 0 to 8.
          let selector = byte()
          let dimension = selector < 192 ? 4 : Int(selector % 9)
          let vector = (0..<dimension).map { _ in component() }
          return PointStruct(id: id, vector: vector, payload: payload())
        }
        operations.append(.upsert(points))
      case 1: operations.append(.delete(ids()))
      case 2: operations.append(.setPayload(ids: ids(), payload: payload()))
      case 3: operations.append(.overwritePayload(ids: ids(), payload: payload()))
      default:
        let keys = (0..<(Int(byte() % 3) + 1)).map { _ in
          Self.keys[Int(byte()) % Self.keys.count]
        }
        operations.append(.deletePayloadKeys(ids: ids(), keys: keys))
      }
    }
    return operations
  }
}
