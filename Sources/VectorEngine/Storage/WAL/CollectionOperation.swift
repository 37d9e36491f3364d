/// A mutation of a collection's points, as logged in the write-ahead log.
///
/// Operations are logged after validation and replayed in order on recovery, so applying one
/// to the state it was logged against never fails. Deletes by filter are logged as the ids
/// the filter resolved to, so replay does not depend on payload indexes.
import Model

enum CollectionOperation: Hashable, Sendable {
  /// Insert or replace points (last one wins for a repeated id).
  case upsert([PointStruct])
  /// Remove points.
  case delete([PointID])
  /// Merge `payload` into each point's payload (Qdrant's set payload).
  case setPayload(ids: [PointID], payload: JSONObject)
  /// Replace each point's payload with `payload`.
  case overwritePayload(ids: [PointID], payload: JSONObject)
  /// Remove top-level keys from each point's payload.
  case deletePayloadKeys(ids: [PointID], keys: [String])

  private enum Code: UInt8 {
    case upsert = 1, delete = 2, setPayload = 3, overwritePayload = 4, deletePayloadKeys = 5
  }

  /// Appends the operation's encoding (without sequence number) to `writer`.
  func encode(into writer: inout ByteWriter) {
    switch self {
    case .upsert(let points):
      writer.append(Code.upsert.rawValue)
      writer.append(UInt32(points.count))
      for point in points {
        writer.append(id: point.id)
        writer.append(UInt32(point.vector.count))
        point.vector.withUnsafeBufferPointer { writer.append(floats: $0) }
        let payload = point.payload.isEmpty ? [] : Array(JSONWriter.compact(.object(point.payload)).utf8)
        writer.append(UInt32(payload.count))
        writer.append(contentsOf: payload)
      }
    case .delete(let ids):
      writer.append(Code.delete.rawValue)
      Self.encode(ids, into: &writer)
    case .setPayload(let ids, let payload):
      writer.append(Code.setPayload.rawValue)
      Self.encode(ids, into: &writer)
      writer.append(string: JSONWriter.compact(.object(payload)))
    case .overwritePayload(let ids, let payload):
      writer.append(Code.overwritePayload.rawValue)
      Self.encode(ids, into: &writer)
      writer.append(string: JSONWriter.compact(.object(payload)))
    case .deletePayloadKeys(let ids, let keys):
      writer.append(Code.deletePayloadKeys.rawValue)
      Self.encode(ids, into: &writer)
      writer.append(UInt32(keys.count))
      for key in keys { writer.append(string: key) }
    }
  }

  private static func encode(_ ids: [PointID], into writer: inout ByteWriter) {
    writer.append(UInt32(ids.count))
    for id in ids { writer.append(id: id) }
  }

  /// Decodes an operation written by ``encode(into:)``.
  static func decode(from reader: inout ByteReader) throws(StorageCorruption) -> CollectionOperation {
    let code = try reader.readUInt8()
    switch Code(rawValue: code) {
    case .upsert:
      let count = Int(try reader.readUInt32())
      guard count <= reader.remaining / 13 else { throw corrupt(reader, "point count exceeds record") }
      var points: [PointStruct] = []
      points.reserveCapacity(count)
      for _ in 0..<count {
        let id = try reader.readID()
        let dimension = Int(try reader.readUInt32())
        var vector: [Float] = []
        vector.reserveCapacity(min(dimension, reader.remaining / 4))
        try reader.readFloats(dimension, into: &vector)
        let payloadLength = Int(try reader.readUInt32())
        let payload = try decodePayload(try reader.readBytes(payloadLength), reader)
        points.append(PointStruct(id: id, vector: vector, payload: payload))
      }
      return .upsert(points)
    case .delete:
      return .delete(try decodeIDs(&reader))
    case .setPayload:
      let ids = try decodeIDs(&reader)
      return .setPayload(ids: ids, payload: try decodePayload(string: try reader.readString(), reader))
    case .overwritePayload:
      let ids = try decodeIDs(&reader)
      return .overwritePayload(ids: ids, payload: try decodePayload(string: try reader.readString(), reader))
    case .deletePayloadKeys:
      let ids = try decodeIDs(&reader)
      let count = Int(try reader.readUInt32())
      guard count <= reader.remaining / 4 else { throw corrupt(reader, "key count exceeds record") }
      var keys: [String] = []
      for _ in 0..<count { keys.append(try reader.readString()) }
      return .deletePayloadKeys(ids: ids, keys: keys)
    case nil:
      throw corrupt(reader, "unknown operation code \(code)")
    }
  }

  private static func decodeIDs(_ reader: inout ByteReader) throws(StorageCorruption) -> [PointID] {
    let count = Int(try reader.readUInt32())
    guard count <= reader.remaining / 9 else { throw corrupt(reader, "id count exceeds record") }
    var ids: [PointID] = []
    ids.reserveCapacity(count)
    for _ in 0..<count { ids.append(try reader.readID()) }
    return ids
  }

  private static func decodePayload(_ bytes: UnsafeRawBufferPointer, _ reader: ByteReader)
    throws(StorageCorruption) -> JSONObject
  {
    if bytes.isEmpty { return JSONObject() }
    guard case .object(let object) = try? JSONParser.parse(bytes) else {
      throw corrupt(reader, "payload is not a JSON object")
    }
    return object
  }

  private static func decodePayload(string: String, _ reader: ByteReader) throws(StorageCorruption) -> JSONObject {
    var copy = string
    return try copy.withUTF8 { buffer in
      Result { () throws(StorageCorruption) in try decodePayload(UnsafeRawBufferPointer(buffer), reader) }
    }.get()
  }

  private static func corrupt(_ reader: ByteReader, _ detail: String) -> StorageCorruption {
    StorageCorruption(file: reader.context, detail: detail)
  }

  /// The number of points or ids the operation touches.
  var size: Int {
    switch self {
    case .upsert(let points): points.count
    case .delete(let ids), .setPayload(let ids, _), .overwritePayload(let ids, _),
      .deletePayloadKeys(let ids, _):
      ids.count
    }
  }
}
