import PlumData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes one response into a connection's output: the status line, `Date`, `Content-Type`,
/// `Content-Length`, `Connection`, any extra header lines, then the body (left out for `HEAD`).
///
/// One writer serves a worker; the loop points it at a connection before each request.
public final class HTTPResponseWriter {
  var output: ByteBuffer?
  var omitsBody = false
  var keepAlive = true
  /// The status of the response sent for the current request, nil until one is sent.
  public private(set) var sentStatus: HTTPStatus?
  private var statusLines: [[UInt8]]
  private var dateSecond = -1
  private var dateLine: [UInt8] = []

  init() {
    statusLines = Array(repeating: [], count: 600)
    for status in HTTPStatus.allCases { statusLines[status.rawValue] = status.statusLine }
  }

  func begin(output: ByteBuffer, omitsBody: Bool, keepAlive: Bool) {
    self.output = output
    self.omitsBody = omitsBody
    self.keepAlive = keepAlive
    sentStatus = nil
  }

  /// Whether the connection stays open after this response.
  public var keepsAlive: Bool { keepAlive }

  /// Sends the response; a second call for the same request is ignored.
  /// - Parameters:
  ///   - status: the status.
  ///   - contentType: the body's media type.
  ///   - headers: extra header lines, each ending in `\r\n` (empty for none).
  ///   - body: the body's bytes.
  ///   - close: closes the connection after this response.
  public func send(
    _ status: HTTPStatus, contentType: StaticString, headers: String = "", body: UnsafeRawBufferPointer,
    close: Bool = false
  ) {
    guard sentStatus == nil, let output else { return }
    if close { keepAlive = false }
    sentStatus = status
    output.append(statusLines[status.rawValue])
    output.append(currentDateLine())
    output.append(static: "Content-Type: ")
    output.append(static: contentType)
    output.append(static: "\r\nContent-Length: ")
    output.append(decimal: body.count)
    output.append(static: keepAlive ? "\r\n" : "\r\nConnection: close\r\n")
    if !headers.isEmpty { output.append(headers) }
    output.append(static: "\r\n")
    if !omitsBody { output.append(body) }
  }

  /// Sends a text body.
  public func send(
    _ status: HTTPStatus, contentType: StaticString, headers: String = "", text: String, close: Bool = false
  ) {
    var text = text
    text.withUTF8 {
      send(status, contentType: contentType, headers: headers, body: UnsafeRawBufferPointer($0), close: close)
    }
  }

  /// Sends `{"error":{"status":N,"message":"…"}}` for a request the server refuses.
  public func sendError(_ status: HTTPStatus, message: String, headers: String = "", close: Bool = false) {
    send(
      status, contentType: "application/json", headers: headers,
      text: "{\"error\":{\"status\":\(status.rawValue),\"message\":\(jsonQuoted(message))}}\n", close: close)
  }

  /// `Date: Fri, 04 Dec 2026 18:36:02 GMT\r\n`, formatted once per second.
  private func currentDateLine() -> [UInt8] {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    let second = Int(now.tv_sec)
    if second != dateSecond {
      dateSecond = second
      var time = time_t(second)
      var parts = tm()
      gmtime_r(&time, &parts)
      let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
      let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
      func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
      let text =
        "Date: \(days[Int(parts.tm_wday) % 7]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon) % 12]) "
        + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT\r\n"
      dateLine = Array(text.utf8)
    }
    return dateLine
  }
}

/// `text` as a JSON string literal, escaped as decision lines escape their strings.
func jsonQuoted(_ text: String) -> String {
  let writer = JSONLinesWriter()
  writer.append(jsonString: text)
  return writer.text
}
