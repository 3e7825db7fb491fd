/// The HTTP statuses the server answers with.
public enum HTTPStatus: Int, Hashable, Sendable, CaseIterable {
  case `continue` = 100
  case ok = 200
  case badRequest = 400
  case unauthorized = 401
  case notFound = 404
  case methodNotAllowed = 405
  case requestTimeout = 408
  case conflict = 409
  case lengthRequired = 411
  case payloadTooLarge = 413
  case uriTooLong = 414
  case unsupportedMediaType = 415
  case expectationFailed = 417
  case unprocessableContent = 422
  case headersTooLarge = 431
  case internalServerError = 500
  case serviceUnavailable = 503
  case versionNotSupported = 505

  /// The reason phrase of the status line.
  public var reason: String {
    switch self {
    case .continue: "Continue"
    case .ok: "OK"
    case .badRequest: "Bad Request"
    case .unauthorized: "Unauthorized"
    case .notFound: "Not Found"
    case .methodNotAllowed: "Method Not Allowed"
    case .requestTimeout: "Request Timeout"
    case .conflict: "Conflict"
    case .lengthRequired: "Length Required"
    case .payloadTooLarge: "Content Too Large"
    case .uriTooLong: "URI Too Long"
    case .unsupportedMediaType: "Unsupported Media Type"
    case .expectationFailed: "Expectation Failed"
    case .unprocessableContent: "Unprocessable Content"
    case .headersTooLarge: "Request Header Fields Too Large"
    case .internalServerError: "Internal Server Error"
    case .serviceUnavailable: "Service Unavailable"
    case .versionNotSupported: "HTTP Version Not Supported"
    }
  }

  /// `HTTP/1.1 200 OK\r\n`, encoded once.
  var statusLine: [UInt8] { Array("HTTP/1.1 \(rawValue) \(reason)\r\n".utf8) }
}
