/// Follows one CSV record byte by byte without keeping it, to find where a record too long to
/// buffer ends and whether it fits the header; it reads quotes exactly as `CSVSplitter` does.
struct CSVRecordSkipper {
  private enum State {
    /// At the first byte of a field.
    case fieldStart
    /// Inside an unquoted field (or text after a closing quote).
    case unquoted
    /// Inside a quoted field.
    case quoted
    /// Just after a quote inside a quoted field: a second quote is an escaped one.
    case quoteInQuoted
    /// Just after a carriage return that may start a CRLF ending the record.
    case carriageReturn
  }

  private var state = State.fieldStart
  /// Whether the carriage return being looked at came right after a closing quote.
  private var carriageReturnAfterQuote = false
  /// The number of fields seen so far.
  private(set) var fieldCount = 1
  /// Whether some field has text after its closing quote.
  private(set) var hasStrayText = false
  /// The line feeds passed, the record's own terminator included.
  private(set) var lineFeeds = 0
  /// The input offset of the first line feed inside a quoted field, and that field's index.
  private(set) var firstQuotedLineFeed: (offset: Int, field: Int)?

  /// Whether the input ended inside a quoted field.
  var endsInsideQuotes: Bool { state == .quoted }

  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturnByte = UInt8(ascii: "\r")

  /// Follows `bytes[from..<to]`, whose first byte is at input offset `origin + from`; returns the
  /// position just after the line feed ending the record, or nil when the record goes on.
  mutating func follow(_ bytes: UnsafePointer<UInt8>, from: Int, to end: Int, origin: Int) -> Int? {
    var p = from
    while p < end {
      let byte = bytes[p]
      p += 1
      switch state {
      case .fieldStart, .unquoted:
        if state == .fieldStart && byte == Self.quote {
          state = .quoted
          continue
        }
        state = .unquoted
        if byte == Self.comma {
          fieldCount += 1
          state = .fieldStart
        } else if byte == Self.lineFeed {
          lineFeeds += 1
          return p
        } else if byte == Self.carriageReturnByte {
          state = .carriageReturn
          carriageReturnAfterQuote = false
        }
      case .quoted:
        if byte == Self.quote {
          state = .quoteInQuoted
        } else if byte == Self.lineFeed {
          lineFeeds += 1
          if firstQuotedLineFeed == nil { firstQuotedLineFeed = (origin + p - 1, fieldCount - 1) }
        }
      case .quoteInQuoted:
        if byte == Self.quote {
          state = .quoted
        } else if byte == Self.comma {
          fieldCount += 1
          state = .fieldStart
        } else if byte == Self.lineFeed {
          lineFeeds += 1
          return p
        } else if byte == Self.carriageReturnByte {
          state = .carriageReturn
          carriageReturnAfterQuote = true
        } else {
          hasStrayText = true
          state = .unquoted
        }
      case .carriageReturn:
        if byte == Self.lineFeed {
          lineFeeds += 1
          return p
        }
        // A lone carriage return is data; after a closing quote it is text that should not be there.
        if carriageReturnAfterQuote { hasStrayText = true }
        state = .unquoted
        p -= 1
      }
    }
    return nil
  }
}
