/// An HTTP request method; the server answers only a few, and names the rest `other`.
public enum HTTPMethod: Hashable, Sendable {
  /// `GET`.
  case get
  /// `HEAD`: like `GET` without a body.
  case head
  /// `POST`.
  case post
  /// Any other token (`PUT`, `DELETE`, `OPTIONS`, an extension method).
  case other
}

/// The parsed head of one HTTP/1.x request: what routing, framing and authentication need.
///
/// Only the headers the server acts on are kept; the others are checked for well-formedness
/// and dropped, so a request's size in memory does not grow with its header count.
public struct HTTPRequestHead: Hashable, Sendable {
  /// The method.
  public var method: HTTPMethod
  /// The target's path, before any `?`, exactly as sent (`/v1/decide`).
  public var path: String
  /// The target's query, after the `?`, exactly as sent; empty when there is none.
  public var query: String
  /// Whether the request is HTTP/1.1 (else HTTP/1.0).
  public var isHTTP11: Bool
  /// The body's length in bytes (0 without `Content-Length`).
  public var contentLength: Int
  /// Whether the client allows the connection to be reused after this request.
  public var keepAlive: Bool
  /// Whether the client waits for `100 Continue` before sending its body.
  public var expectsContinue: Bool
  /// The `Authorization` header's value, if sent.
  public var authorization: String?
  /// The `Content-Type` header's media type, lowercased and without parameters, if sent.
  public var contentType: String?
  /// The `Plum-As-Of` header's value, if sent.
  public var asOf: String?
  /// The number of bytes of the head, through the empty line that ends it.
  public var headLength: Int

  /// The value of query parameter `name` (percent-decoded), or nil when absent.
  public func queryValue(_ name: StaticString) -> String? {
    guard !query.isEmpty else { return nil }
    var query = query
    return query.withUTF8 { bytes in
      var start = 0
      while start <= bytes.count {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "&") { end += 1 }
        var equals = start
        while equals < end, bytes[equals] != UInt8(ascii: "=") { equals += 1 }
        if equals < end, equals - start == name.utf8CodeUnitCount,
          (0..<(equals - start)).allSatisfy({ bytes[start + $0] == name.utf8Start[$0] })
        {
          return Self.percentDecoded(UnsafeBufferPointer(rebasing: bytes[(equals + 1)..<end]))
        }
        start = end + 1
      }
      return nil
    }
  }

  private static func percentDecoded(_ text: UnsafeBufferPointer<UInt8>) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.count)
    var index = 0
    while index < text.count {
      let byte = text[index]
      switch byte {
      case UInt8(ascii: "+"): bytes.append(0x20)
      case UInt8(ascii: "%"):
        guard index + 2 < text.count, let high = hexValue(text[index + 1]),
          let low = hexValue(text[index + 2])
        else { return nil }
        bytes.append(high << 4 | low)
        index += 2
      default: bytes.append(byte)
      }
      index += 1
    }
    return String(validating: bytes, as: UTF8.self)
  }
}

/// The value of one hexadecimal digit, or nil.
private func hexValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
  default: nil
  }
}
