/// What parsing the bytes received so far gives.
public enum HTTPParseResult: Hashable, Sendable {
  /// More bytes are needed; `head` is set once the head is complete and only the body is missing.
  case incomplete(head: HTTPRequestHead?)
  /// A whole request: its head, and its total length (head plus body) from the buffer's start.
  case complete(HTTPRequestHead, length: Int)
  /// The bytes are not an acceptable request; the connection answers and closes.
  case failed(HTTPParseError)
}

/// An incremental HTTP/1.x request parser over bytes, with explicit limits.
///
/// It is a pure function of the bytes it is given: a connection passes every byte received since
/// the current request began (growing between calls), and the parser resumes its search for the
/// end of the head where it left off, so a head arriving one byte at a time costs linear time.
/// After `.complete`, the connection drops that many bytes and calls `reset()` for the next
/// (possibly pipelined) request. Nothing here touches a socket; the fuzz target drives it directly.
public struct HTTPRequestParser: Sendable {
  /// The limits requests must keep to.
  public let limits: HTTPLimits
  /// Bytes before the head's end already searched, and the line feeds among them.
  private var scanned = 0
  private var lineFeeds = 0
  private var head: HTTPRequestHead?

  /// Creates a parser with `limits`.
  public init(limits: HTTPLimits = HTTPLimits()) {
    self.limits = limits
  }

  /// Forgets the request parsed last, for the next one.
  public mutating func reset() {
    scanned = 0
    lineFeeds = 0
    head = nil
  }

  /// Parses the bytes received since the current request began.
  public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPParseResult {
    if let head { return framed(head, available: bytes.count) }
    // Empty lines before a request line are ignored (RFC 9112 §2.2), but not without bound.
    var start = 0
    while start < bytes.count, start < 8, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
    if start == 8, bytes.count > 8 { return .failed(.malformed("too many empty lines before the request")) }
    var index = max(scanned, start)
    var headEnd: Int?
    while index < bytes.count {
      if bytes[index] == 0x0A {
        lineFeeds += 1
        if lineFeeds == 1, index - start > limits.maximumRequestLineBytes { return .failed(.targetTooLong) }
        // A line feed ends the head when the line it closes is empty (`\n` or `\r\n`).
        if index > start,
          bytes[index - 1] == 0x0A
            || (index - 1 > start && bytes[index - 1] == 0x0D && bytes[index - 2] == 0x0A)
        {
          headEnd = index + 1
          break
        }
        // Any other line feed closes the request line or a header line: `lineFeeds - 1` headers.
        if lineFeeds - 1 > limits.maximumHeaderCount { return .failed(.headersTooLarge) }
      }
      index += 1
    }
    guard let headEnd else {
      scanned = index
      if lineFeeds == 0, bytes.count - start > limits.maximumRequestLineBytes {
        return .failed(.targetTooLong)
      }
      if bytes.count - start > limits.maximumHeadBytes { return .failed(.headersTooLarge) }
      return .incomplete(head: nil)
    }
    if headEnd - start > limits.maximumHeadBytes { return .failed(.headersTooLarge) }
    switch Self.parseHead(UnsafeBufferPointer(rebasing: bytes[start..<headEnd]), limits: limits) {
    case .failure(let error): return .failed(error)
    case .success(var parsed):
      parsed.headLength = headEnd
      head = parsed
      return framed(parsed, available: bytes.count)
    }
  }

  private func framed(_ head: HTTPRequestHead, available: Int) -> HTTPParseResult {
    let length = head.headLength + head.contentLength
    return available >= length ? .complete(head, length: length) : .incomplete(head: head)
  }

  // MARK: The head

  private static func parseHead(_ bytes: UnsafeBufferPointer<UInt8>, limits: HTTPLimits) -> Result<
    HTTPRequestHead, HTTPParseError
  > {
    var lines = HeadLines(bytes: bytes)
    guard let requestLine = lines.next() else { return .failure(.malformed("no request line")) }
    let parsedLine: (HTTPMethod, String, String, Bool)
    switch parseRequestLine(requestLine) {
    case .failure(let error): return .failure(error)
    case .success(let line): parsedLine = line
    }
    var head = HTTPRequestHead(
      method: parsedLine.0, path: parsedLine.1, query: parsedLine.2, isHTTP11: parsedLine.3, contentLength: 0,
      keepAlive: parsedLine.3, expectsContinue: false, authorization: nil, contentType: nil, asOf: nil,
      headLength: 0)
    var contentLength: Int?
    var hasHost = false
    var transferEncoding = false
    while let line = lines.next() {
      if line.isEmpty { break }
      if line[0] == 0x20 || line[0] == 0x09 {
        return .failure(.malformed("folded header lines are not accepted"))
      }
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
        return .failure(.malformed("a header line has no name"))
      }
      let name = UnsafeBufferPointer(rebasing: line[0..<colon])
      guard name.allSatisfy(isTokenByte) else { return .failure(.malformed("a header name is not a token")) }
      var valueStart = colon + 1
      var valueEnd = line.count
      while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
      while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
      let value = UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd])
      guard value.allSatisfy(isFieldValueByte) else {
        return .failure(.malformed("a header value holds a control character"))
      }
      switch HeaderName(name) {
      case .contentLength:
        guard let length = decimal(value) else {
          return .failure(.malformed("Content-Length is not a number"))
        }
        if let contentLength, contentLength != length {
          return .failure(.malformed("Content-Length is given twice with different values"))
        }
        guard length <= limits.maximumBodyBytes else { return .failure(.bodyTooLarge) }
        contentLength = length
      case .transferEncoding: transferEncoding = true
      case .host:
        if hasHost { return .failure(.malformed("Host is given twice")) }
        hasHost = true
      case .connection:
        for token in lowercased(value).split(separator: ",") {
          switch token.trimmingSpaces {
          case "close": head.keepAlive = false
          case "keep-alive": head.keepAlive = true
          default: break
          }
        }
      case .expect:
        guard lowercased(value) == "100-continue" else { return .failure(.expectationFailed) }
        head.expectsContinue = true
      case .authorization: head.authorization = text(value)
      case .plumAsOf: head.asOf = text(value)
      case .contentType:
        head.contentType = String(lowercased(value).prefix { $0 != ";" }.trimmingSpaces)
      case .other: break
      }
    }
    if transferEncoding {
      return .failure(
        contentLength == nil ? .lengthRequired : .malformed("both Content-Length and Transfer-Encoding"))
    }
    if head.isHTTP11 && !hasHost { return .failure(.malformed("an HTTP/1.1 request needs a Host header")) }
    head.contentLength = contentLength ?? 0
    if head.contentLength == 0 { head.expectsContinue = false }
    return .success(head)
  }

  private static func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>) -> Result<
    (HTTPMethod, String, String, Bool), HTTPParseError
  > {
    guard let firstSpace = line.firstIndex(of: 0x20), firstSpace > 0 else {
      return .failure(.malformed("the request line has no method"))
    }
    let method = UnsafeBufferPointer(rebasing: line[0..<firstSpace])
    guard method.allSatisfy(isTokenByte) else { return .failure(.malformed("the method is not a token")) }
    let rest = UnsafeBufferPointer(rebasing: line[(firstSpace + 1)...])
    guard let secondSpace = rest.firstIndex(of: 0x20), secondSpace > 0 else {
      return .failure(.malformed("the request line has no target"))
    }
    let target = UnsafeBufferPointer(rebasing: rest[0..<secondSpace])
    let version = UnsafeBufferPointer(rebasing: rest[(secondSpace + 1)...])
    let isHTTP11: Bool
    if equals(version, "HTTP/1.1") {
      isHTTP11 = true
    } else if equals(version, "HTTP/1.0") {
      isHTTP11 = false
    } else {
      if version.count >= 6, equals(UnsafeBufferPointer(rebasing: version[0..<5]), "HTTP/"),
        isDigit(version[5])
      {
        return .failure(.versionNotSupported)
      }
      return .failure(.malformed("the request line does not end with an HTTP version"))
    }
    guard target.first == UInt8(ascii: "/"), target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
      return .failure(.malformed("the target is not an absolute path of visible ASCII"))
    }
    let path: String
    let query: String
    if let mark = target.firstIndex(of: UInt8(ascii: "?")) {
      path = text(UnsafeBufferPointer(rebasing: target[..<mark]))
      query = text(UnsafeBufferPointer(rebasing: target[(mark + 1)...]))
    } else {
      path = text(target)
      query = ""
    }
    let methodName: HTTPMethod =
      equals(method, "POST") ? .post : equals(method, "GET") ? .get : equals(method, "HEAD") ? .head : .other
    return .success((methodName, path, query, isHTTP11))
  }
}

/// The headers the server acts on, recognised without building a string per header.
private enum HeaderName {
  case contentLength, transferEncoding, host, connection, expect, authorization, plumAsOf, contentType, other

  init(_ name: UnsafeBufferPointer<UInt8>) {
    func matches(_ expected: StaticString) -> Bool {
      guard name.count == expected.utf8CodeUnitCount else { return false }
      let lower = expected.utf8Start
      for index in 0..<name.count {
        let byte = name[index]
        if (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) != lower[index] { return false }
      }
      return true
    }
    switch name.count {
    case 4: self = matches("host") ? .host : .other
    case 6: self = matches("expect") ? .expect : .other
    case 10: self = matches("connection") ? .connection : matches("plum-as-of") ? .plumAsOf : .other
    case 12: self = matches("content-type") ? .contentType : .other
    case 13: self = matches("authorization") ? .authorization : .other
    case 14: self = matches("content-length") ? .contentLength : .other
    case 17: self = matches("transfer-encoding") ? .transferEncoding : .other
    default: self = .other
    }
  }
}

/// The lines of a head, without their `\r\n` or `\n`.
private struct HeadLines {
  let bytes: UnsafeBufferPointer<UInt8>
  var position = 0

  mutating func next() -> UnsafeBufferPointer<UInt8>? {
    guard position < bytes.count else { return nil }
    var end = position
    while end < bytes.count, bytes[end] != 0x0A { end += 1 }
    var lineEnd = end
    if lineEnd > position, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
    let line = UnsafeBufferPointer(rebasing: bytes[position..<lineEnd])
    position = end + 1
    return line
  }
}

/// `tchar` of RFC 9110: the bytes a method or header name may hold.
private func isTokenByte(_ byte: UInt8) -> Bool {
  switch byte {
  case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
    UInt8(ascii: "0")...UInt8(ascii: "9"):
    true
  default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
  }
}

/// The bytes a header value may hold: visible ASCII, space, tab and obs-text (0x80–0xFF).
private func isFieldValueByte(_ byte: UInt8) -> Bool {
  byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
}

/// Whether the bytes are exactly `expected`.
private func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ expected: StaticString) -> Bool {
  guard bytes.count == expected.utf8CodeUnitCount else { return false }
  for index in 0..<bytes.count where bytes[index] != expected.utf8Start[index] { return false }
  return true
}

private func isDigit(_ byte: UInt8) -> Bool {
  byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

/// A non-negative decimal that fits in `Int`, or nil.
private func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
  guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
  var value = 0
  for byte in bytes {
    guard isDigit(byte) else { return nil }
    value = value * 10 + Int(byte - UInt8(ascii: "0"))
  }
  return value
}

/// The bytes as text; invalid UTF-8 (allowed in header values as obs-text) is replaced.
private func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
  String(decoding: bytes, as: UTF8.self)
}

private func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
  String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var text = self
    while text.first == " " || text.first == "\t" { text = text.dropFirst() }
    while text.last == " " || text.last == "\t" { text = text.dropLast() }
    return text
  }
}
