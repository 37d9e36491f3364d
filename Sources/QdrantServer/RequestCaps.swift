/// The caps on what one request may ask, each answered with a 400 or 413 that names it.
enum RequestCaps {
  /// Points in one upsert, retrieve or delete-by-ids request.
  static let pointsPerRequest = 100_000
  /// Searches in one batch request.
  static let searchesPerBatch = 1_024
  /// Components of one vector.
  static let vectorDimension = 65_536
  /// Keys in one JSON object (a defence against hash flooding and huge payloads).
  static let keysPerObject = 100_000
  /// Payload keys named in one request (`with_payload`, payload delete).
  static let keysPerRequest = 1_024
}
