import HTTPTypes
import Model
import Operations

/// Collections, aliases and payload indexes: the `/collections…` and `/aliases` rows of the
/// endpoint table.
enum CollectionEndpoints {
  static var all: [Endpoint] {
    [
      Endpoint(method: .get, path: "/collections", access: .read) { call in
        let names = try await call.backend.collectionReader().collectionNames()
        return .object(["collections": .array(names.map { .object(["name": .string($0)]) })])
      },
      Endpoint(method: .get, path: "/collections/:collection", access: .read) { call in
        QdrantJSON.collectionInfo(try await call.backend.collectionReader().collectionInfo(call.collection))
      },
      Endpoint(method: .get, path: "/collections/:collection/exists", access: .read) { call in
        let names = try await call.backend.collectionReader().collectionNames()
        return .object(["exists": .bool(names.contains(call.collection))])
      },
      Endpoint(method: .put, path: "/collections/:collection", access: .write) { call in
        let config = try CollectionRequest.config(from: call.body)
        try await call.backend.collectionWriter().createCollection(call.collection, config: config)
        return true
      },
      Endpoint(method: .delete, path: "/collections/:collection", access: .write) { call in
        guard try await call.backend.collectionReader().collectionNames().contains(call.collection) else {
          return false
        }
        try await call.backend.collectionWriter().dropCollection(call.collection)
        return true
      },
      Endpoint(method: .post, path: "/collections/aliases", access: .write) { call in
        try await CollectionRequest.applyAliasActions(call.body, backend: call.backend)
        return true
      },
      Endpoint(method: .get, path: "/aliases", access: .read) { call in
        aliases(try await call.backend.collectionReader().aliases())
      },
      Endpoint(method: .get, path: "/collections/:collection/aliases", access: .read) { call in
        _ = try await call.backend.collectionReader().collectionInfo(call.collection)
        return aliases(try await call.backend.collectionReader().aliases().filter { $0.collection == call.collection })
      },
      Endpoint(method: .patch, path: "/collections/:collection", access: .write) { call in
        _ = try await call.backend.collectionReader().collectionInfo(call.collection)
        throw APIError(.badRequest, "Unsupported: ragops cannot change a collection's parameters after it is created")
      },
      Endpoint(method: .delete, path: "/collections/:collection/index/:field", access: .write) { call in
        _ = try await call.backend.collectionReader().collectionInfo(call.collection)
        throw APIError(
          .badRequest, "Unsupported: ragops cannot drop a payload index; it is kept until the collection is")
      },
      Endpoint(method: .put, path: "/collections/:collection/index", access: .write) { call in
        let (field, type) = try CollectionRequest.payloadIndex(from: call.body)
        try await call.backend.collectionWriter().createPayloadIndex(
          collection: call.collection, field: field, type: type)
        return .object(["operation_id": 0, "status": .string(call.updateStatus)])
      },
    ]
  }

  private static func aliases(_ pairs: [(alias: String, collection: String)]) -> JSONValue {
    .object([
      "aliases": .array(
        pairs.map { .object(["alias_name": .string($0.alias), "collection_name": .string($0.collection)]) })
    ])
  }
}
