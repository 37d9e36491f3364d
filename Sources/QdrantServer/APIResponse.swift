import Hummingbird
import Model
import NIOCore

/// Qdrant's response envelopes, written as JSON bytes.
///
/// Success: `{"result":…,"status":"ok","time":<seconds>}`; failure:
/// `{"status":{"error":"…"},"time":<seconds>}`. Integers keep their exact value (ids above
/// 2^53 included): the body is written by ``JSONWriter``, never through `Double`.
enum APIResponse {
  /// A 200 answer carrying `result`.
  ///
  /// - Complexity: O(n) in the size of `result`.
  static func success(_ result: JSONValue, since start: ContinuousClock.Instant) -> Response {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)
    bytes.append(contentsOf: #"{"result":"#.utf8)
    JSONWriter.append(result, to: &bytes)
    bytes.append(contentsOf: #","status":"ok","time":"#.utf8)
    bytes.append(contentsOf: seconds(since: start).utf8)
    bytes.append(UInt8(ascii: "}"))
    return json(bytes, status: .ok)
  }

  /// An error answer with `error`'s status and message.
  static func failure(_ error: APIError, since start: ContinuousClock.Instant) -> Response {
    var bytes: [UInt8] = []
    bytes.append(contentsOf: #"{"status":{"error":"#.utf8)
    bytes.append(contentsOf: JSONWriter.quoted(error.message).utf8)
    bytes.append(contentsOf: #"},"time":"#.utf8)
    bytes.append(contentsOf: seconds(since: start).utf8)
    bytes.append(UInt8(ascii: "}"))
    return json(bytes, status: error.status)
  }

  /// A plain-text answer (health checks, metrics).
  static func text(_ text: String, contentType: String = "text/plain; charset=utf-8") -> Response {
    Response(
      status: .ok, headers: [.contentType: contentType],
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  /// A JSON answer with `bytes` as the body.
  static func json(_ bytes: [UInt8], status: HTTPResponse.Status) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  private static func seconds(since start: ContinuousClock.Instant) -> String {
    JSONWriter.number(seconds(ContinuousClock.now - start))
  }

  /// `duration` in seconds (the envelope's `time` and the latency metrics).
  static func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
  }
}
