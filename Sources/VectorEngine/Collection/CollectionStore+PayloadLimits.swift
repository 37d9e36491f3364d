import Model

extension CollectionStore {
  /// Fails when a payload breaks ``PayloadLimits`` or contradicts the type of a payload index.
  ///
  /// Every write that brings a payload in (upsert, set-payload, overwrite-payload) checks it
  /// here before anything is logged.
  ///
  /// - Complexity: O(n) in the size of the payload.
  func checkPayload(_ payload: JSONObject, id: PointID?) throws(StoreError) {
    if let problem = PayloadLimits.problem(in: payload) {
      throw StoreError(
        .invalidInput, PayloadLimits.message(problem, subject: id.map { "point \($0)" }))
    }
    try checkIndexedTypes(payload, id: id)
  }
}
