import Foundation
import HTTPTypes
import Hummingbird
import Model
import Operations

/// Collection and full snapshots: create, list, download, delete, and recover from an upload
/// or from a `file://` location inside the store's snapshot folder.
///
/// Downloads and uploads stream: a file is sent in chunks from disk, and an upload is written
/// to a staging file in the snapshot folder as it arrives, under ``uploadLimit``, then checked
/// (its SHA-256 against `checksum` when given) and restored through the same hostile-archive
/// checks as `ragops snapshot restore`; a restore replaces the collection only once the new
/// copy has been verified and opened. No URL is ever fetched on a client's behalf.
enum SnapshotEndpoints {
  /// The largest snapshot upload accepted, in bytes.
  static let uploadLimit = 64 << 30

  static var all: [Endpoint] {
    [
      Endpoint(method: .post, path: "/collections/:collection/snapshots", access: .write) { call in
        description(try await call.backend.snapshotWriter().createSnapshot(call.collection))
      },
      Endpoint(method: .get, path: "/collections/:collection/snapshots", access: .read) { call in
        .array(try await call.backend.snapshotReader().snapshots(call.collection).map(description))
      },
      Endpoint(
        method: .get, path: "/collections/:collection/snapshots/:snapshot", access: .read, handler: .raw(download)),
      Endpoint(method: .delete, path: "/collections/:collection/snapshots/:snapshot", access: .write) { call in
        let snapshot = try await find(call.parameters["snapshot"] ?? "", in: call.collection, call: call)
        try await call.backend.snapshotWriter().deleteSnapshotFile(at: snapshot.path)
        return true
      },
      Endpoint(method: .put, path: "/collections/:collection/snapshots/recover", access: .write) { call in
        try await recover(call)
      },
      Endpoint(method: .post, path: "/collections/:collection/snapshots/upload", access: .write, handler: .raw(upload)),
      Endpoint(method: .post, path: "/snapshots", access: .write) { call in
        description(try await call.backend.snapshotWriter().createFullSnapshot(in: nil))
      },
      Endpoint(method: .get, path: "/snapshots", access: .read) { call in
        .array(try await call.backend.snapshotReader().fullSnapshots().map(description))
      },
      Endpoint(method: .get, path: "/snapshots/:snapshot", access: .read, handler: .raw(download)),
      Endpoint(method: .delete, path: "/snapshots/:snapshot", access: .write) { call in
        let snapshot = try await find(call.parameters["snapshot"] ?? "", in: nil, call: call)
        try await call.backend.snapshotWriter().deleteSnapshotFile(at: snapshot.path)
        return true
      },
    ]
  }

  /// Qdrant's `SnapshotDescription`.
  static func description(_ snapshot: SnapshotDescription) -> JSONValue {
    .object([
      "name": .string(snapshot.name), "creation_time": .string(String(snapshot.created.prefix(19))),
      "size": .integer(UInt64(snapshot.size)), "checksum": snapshot.sha256.map(JSONValue.string) ?? .null,
    ])
  }

  /// The listed snapshot called `name`: names come from the listing, never from a path the
  /// client wrote, so nothing outside the snapshot folder can be reached.
  private static func find(_ name: String, in collection: String?, call: APICall) async throws -> SnapshotDescription {
    let reader = try call.backend.snapshotReader()
    let candidates: [SnapshotDescription]
    if let collection {
      candidates = try await reader.snapshots(collection)
    } else {
      candidates = try await reader.fullSnapshots()
    }
    guard let snapshot = candidates.first(where: { $0.name == name }) else {
      throw APIError(.notFound, "Not found: snapshot \(QuotedForMessage.text(name, limit: 80)) does not exist")
    }
    return snapshot
  }

  private static func download(_ call: APICall, _ request: Request, _ context: BasicRequestContext) async throws
    -> Response
  {
    let collection = call.parameters["collection"]
    let snapshot = try await find(call.parameters["snapshot"] ?? "", in: collection, call: call)
    let body = try await FileIO().loadFile(path: snapshot.path, context: context)
    return Response(
      status: .ok,
      headers: [
        .contentType: "application/octet-stream", .contentDisposition: "attachment; filename=\"\(snapshot.name)\"",
        .contentLength: String(snapshot.size),
      ],
      body: body)
  }

  /// `PUT …/snapshots/recover {location, checksum}`: only `file://` paths inside the store's
  /// snapshot folder.
  private static func recover(_ call: APICall) async throws -> JSONValue {
    let location = try call.body.string("location")
    guard location.hasPrefix("file://") else {
      throw APIError.wrongInput(
        "location: ragops recovers only from file:// paths inside its snapshot folder; upload the file instead")
    }
    let folder = URL(fileURLWithPath: try call.backend.snapshotReader().snapshotsDirectory).resolvingSymlinksInPath()
      .path
    let path = URL(fileURLWithPath: String(location.dropFirst("file://".count))).standardized.resolvingSymlinksInPath()
      .path
    guard path.hasPrefix(folder + "/") else {
      throw APIError.wrongInput("location: the file must be inside the server's snapshot folder")
    }
    try await restore(
      path, checksum: try call.body.value("checksum").map { _ in try call.body.string("checksum") }, call: call)
    return true
  }

  private static func upload(_ call: APICall, _ request: Request, _ context: BasicRequestContext) async throws
    -> Response
  {
    let contentType = request.headers[.contentType] ?? ""
    guard contentType.lowercased().hasPrefix("multipart/form-data"),
      let boundary = contentType.split(separator: ";").compactMap({ part -> String? in
        let pair = part.trimmingCharacters(in: .whitespaces)
        guard pair.lowercased().hasPrefix("boundary=") else { return nil }
        return String(pair.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }).first, (1...70).contains(boundary.count)
    else {
      throw APIError.wrongInput("the upload must be multipart/form-data with the file in a part named `snapshot`")
    }
    let writer = try call.backend.snapshotWriter()
    let staged = try await writer.stageSnapshotFile()
    do {
      let part = MultipartFilePart(base: request.body, boundary: boundary, field: "snapshot", limit: uploadLimit)
      do {
        try await FileIO().writeFile(contents: part, path: staged, context: context)
      } catch let failure as MultipartFilePart<RequestBody>.FormError {
        throw APIError.wrongInput(failure.message)
      }
      try await restore(staged, checksum: call.query["checksum"], call: call)
    } catch {
      await writer.discardStagedSnapshot(at: staged)
      throw error
    }
    await writer.discardStagedSnapshot(at: staged)
    return APIResponse.success(true, since: call.started)
  }

  /// Checks `path` against `checksum` (when given), then restores it as the call's collection.
  private static func restore(_ path: String, checksum: String?, call: APICall) async throws {
    if let checksum {
      let verified = try await call.backend.snapshotReader().verifySnapshotFile(at: path)
      guard verified.sha256 == checksum.lowercased() else {
        throw APIError.wrongInput("checksum: the snapshot's SHA-256 does not match the one given")
      }
    }
    _ = try await call.backend.snapshotWriter().restoreSnapshotFile(at: path, as: call.collection, replace: true)
  }
}
