import HTTPTypes
import Model
import Operations

/// Points and payloads: the `/collections/{c}/points…` rows of the endpoint table, except
/// search and query.
enum PointEndpoints {
  static var all: [Endpoint] {
    [
      Endpoint(method: .put, path: "/collections/:collection/points", access: .write) { call in
        let points = try PointsRequest.points(from: call.body)
        return call.updateResult(
          try await call.backend.pointWriter().upsert(collection: call.collection, points: points))
      },
      Endpoint(method: .post, path: "/collections/:collection/points", access: .read) { call in
        guard let ids = try call.body.pointIDs("ids") else { throw APIError.wrongInput("missing field `ids`") }
        let payload = try PayloadSelection.read(call.body, default: .all)
        let records = try await call.backend.pointReader().retrieve(
          collection: call.collection, ids: ids, withPayload: payload.wantsPayload,
          withVector: try call.body.bool("with_vector", default: false))
        return .array(records.map { QdrantJSON.record($0, payload: payload) })
      },
      Endpoint(method: .get, path: "/collections/:collection/points/:id", access: .read) { call in
        let text = call.parameters["id"] ?? ""
        guard let id = PointID(text) ?? UInt64(text).map(PointID.number) else {
          throw APIError.wrongInput(
            "point id \(QuotedForMessage.text(text, limit: 40)) is not an unsigned integer or a UUID")
        }
        let records = try await call.backend.pointReader().retrieve(
          collection: call.collection, ids: [id], withPayload: true, withVector: true)
        guard let record = records.first else { throw APIError(.notFound, "Not found: No point with id \(id) found") }
        return QdrantJSON.record(record, payload: .all)
      },
      Endpoint(method: .post, path: "/collections/:collection/points/delete", access: .write) { call in
        let selector = try PointsRequest.selector(from: call.body)
        return call.updateResult(
          try await call.backend.pointWriter().delete(collection: call.collection, selector: selector))
      },
      Endpoint(method: .post, path: "/collections/:collection/points/payload", access: .write) { call in
        let (payload, selector) = try PointsRequest.payloadChange(from: call.body)
        return call.updateResult(
          try await call.backend.pointWriter().setPayload(
            collection: call.collection, payload: payload, selector: selector))
      },
      Endpoint(method: .put, path: "/collections/:collection/points/payload", access: .write) { call in
        let (payload, selector) = try PointsRequest.payloadChange(from: call.body)
        return call.updateResult(
          try await call.backend.pointWriter().overwritePayload(
            collection: call.collection, payload: payload, selector: selector))
      },
      Endpoint(method: .post, path: "/collections/:collection/points/payload/delete", access: .write) { call in
        guard let keys = try call.body.optionalArray("keys", limit: RequestCaps.keysPerRequest) else {
          throw APIError.wrongInput("missing field `keys`")
        }
        let names = try keys.enumerated().map { (index, key) throws(APIError) -> String in
          guard let name = key.stringValue else { throw APIError.wrongInput("keys[\(index)] must be a string") }
          return name
        }
        let selector = try PointsRequest.selector(from: call.body)
        return call.updateResult(
          try await call.backend.pointWriter().deletePayloadKeys(
            collection: call.collection, keys: names, selector: selector))
      },
      Endpoint(method: .post, path: "/collections/:collection/points/payload/clear", access: .write) { call in
        let selector = try PointsRequest.selector(from: call.body)
        return call.updateResult(
          try await call.backend.pointWriter().overwritePayload(
            collection: call.collection, payload: JSONObject(), selector: selector))
      },
      Endpoint(method: .post, path: "/collections/:collection/points/scroll", access: .read) { call in
        if call.body.has("order_by") { throw APIError.wrongInput("order_by is not supported; pages come in id order") }
        let payload = try PayloadSelection.read(call.body, default: .all)
        let offset = try call.body.value("offset").map { (value) throws(APIError) in
          try JSONBody.pointID(value, named: "offset")
        }
        let page = try await call.backend.pointReader().scroll(
          collection: call.collection, filter: try call.body.filter("filter"), offset: offset,
          limit: try call.body.integer("limit", default: 10, in: RequestLimits.scrollLimit),
          withPayload: payload.wantsPayload, withVector: try call.body.bool("with_vector", default: false))
        return .object([
          "points": .array(page.points.map { QdrantJSON.record($0, payload: payload) }),
          "next_page_offset": page.nextPageOffset?.json ?? .null,
        ])
      },
      Endpoint(method: .post, path: "/collections/:collection/points/count", access: .read) { call in
        let count = try await call.backend.pointReader().count(
          collection: call.collection, filter: try call.body.filter("filter"))
        return .object(["count": .integer(UInt64(count))])
      },
    ]
  }
}
