/// Why a request cannot be parsed; each maps to the status the server answers with before it
/// closes the connection.
public enum HTTPParseError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The request line or a header is not valid HTTP/1.x (400).
  case malformed(String)
  /// The request line is longer than the limit (414).
  case targetTooLong
  /// The head has more bytes or more header lines than the limits allow (431).
  case headersTooLarge
  /// `Content-Length` is over the body limit (413).
  case bodyTooLarge
  /// The body is framed by `Transfer-Encoding` rather than `Content-Length` (411).
  case lengthRequired
  /// An `Expect` other than `100-continue` (417).
  case expectationFailed
  /// A version other than HTTP/1.0 or HTTP/1.1 (505).
  case versionNotSupported

  /// The status the server answers with.
  public var status: HTTPStatus {
    switch self {
    case .malformed: .badRequest
    case .targetTooLong: .uriTooLong
    case .headersTooLarge: .headersTooLarge
    case .bodyTooLarge: .payloadTooLarge
    case .lengthRequired: .lengthRequired
    case .expectationFailed: .expectationFailed
    case .versionNotSupported: .versionNotSupported
    }
  }

  /// One lowercase line for the error body.
  public var description: String {
    switch self {
    case .malformed(let reason): "malformed request: \(reason)"
    case .targetTooLong: "the request line is too long"
    case .headersTooLarge: "the request's headers are too large"
    case .bodyTooLarge: "the request body is over the limit"
    case .lengthRequired: "a body needs a Content-Length (Transfer-Encoding is not accepted)"
    case .expectationFailed: "only `Expect: 100-continue` is supported"
    case .versionNotSupported: "only HTTP/1.0 and HTTP/1.1 are supported"
    }
  }
}

/// The size limits a request must keep to.
public struct HTTPLimits: Hashable, Sendable {
  /// The longest request line, in bytes.
  public var maximumRequestLineBytes: Int
  /// The longest head (request line and headers), in bytes.
  public var maximumHeadBytes: Int
  /// The most header lines.
  public var maximumHeaderCount: Int
  /// The largest body, in bytes.
  public var maximumBodyBytes: Int

  /// Creates limits; the defaults allow an 8 KiB request line, a 16 KiB head with 100 headers and a
  /// 1 MiB body.
  public init(
    maximumRequestLineBytes: Int = 8 << 10, maximumHeadBytes: Int = 16 << 10, maximumHeaderCount: Int = 100,
    maximumBodyBytes: Int = 1 << 20
  ) {
    self.maximumRequestLineBytes = max(16, maximumRequestLineBytes)
    self.maximumHeadBytes = max(self.maximumRequestLineBytes, maximumHeadBytes)
    self.maximumHeaderCount = max(1, maximumHeaderCount)
    self.maximumBodyBytes = max(0, maximumBodyBytes)
  }
}
