/// A point on its way into a new segment file.
import Model

struct SegmentSourceRow {
  var id: PointID
  /// The point's prepared vector, alive until the segment is written.
  var vector: UnsafePointer<Float>
  var payload: JSONObject
}
