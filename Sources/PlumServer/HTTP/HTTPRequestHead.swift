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
  public func queryValue(_ name: String) -> String? {
    for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, parts[0] == name else { continue }
      return Self.percentDecoded(parts[1])
    }
    return nil
  }

  private static func percentDecoded(_ text: Substring) -> String? {
    var bytes: [UInt8] = []
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
      switch byte {
      case UInt8(ascii: "+"): bytes.append(0x20)
      case UInt8(ascii: "%"):
        guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
        else { return nil }
        bytes.append(high << 4 | low)
      default: bytes.append(byte)
      }
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
