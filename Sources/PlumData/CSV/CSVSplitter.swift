/// Finds the fields of one CSV record in a byte window, without copying or converting them.
///
/// RFC 4180 with these choices: a record ends at LF or CRLF (a lone CR is data); a field that
/// starts with `"` is quoted and may hold commas, line breaks and doubled quotes; a `"` inside an
/// unquoted field is data; text after a closing quote makes the record malformed.
final class CSVSplitter {
  /// Where one field's bytes lie in the window.
  struct Span {
    /// The first byte of the field's content (after an opening quote).
    var start: Int
    /// One past the last byte of the content (before a closing quote).
    var end: Int
    /// Whether the field was quoted.
    var isQuoted: Bool
    /// Whether the content holds doubled quotes that must be collapsed.
    var hasEscapes: Bool
  }

  /// What the splitter found at the start of the window.
  enum Result {
    /// The window ends before the record does: read more and split again.
    case needMore
    /// An empty line, which is not a record.
    case blank(next: Int)
    /// A record of `fieldCount` fields whose spans are in `spans`; `strayQuoteField` is the first
    /// field with text after its closing quote, or -1.
    case record(next: Int, fieldCount: Int, newlines: Int, strayQuoteField: Int)
    /// A quoted field, the `fieldCount`-th, opened at `quoteOffset` and never closed before the
    /// end of input.
    case unterminated(fieldCount: Int, quoteOffset: Int)
  }

  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// The spans of the last record split; valid up to its field count.
  private(set) var spans: UnsafeMutablePointer<Span>
  private var spanCapacity = 32

  /// Creates a splitter.
  init() {
    spans = .allocate(capacity: spanCapacity)
  }

  deinit { spans.deallocate() }

  private func growSpans() {
    let grown = UnsafeMutablePointer<Span>.allocate(capacity: spanCapacity * 2)
    grown.moveInitialize(from: spans, count: spanCapacity)
    spans.deallocate()
    spans = grown
    spanCapacity *= 2
  }

  /// Splits the record starting at `begin` in `bytes[begin..<end]`; `isAtEnd` says whether more
  /// input may follow `end`.
  func split(_ bytes: UnsafePointer<UInt8>, from begin: Int, to end: Int, isAtEnd: Bool) -> Result {
    var p = begin
    if p < end && bytes[p] == Self.lineFeed { return .blank(next: p + 1) }
    if p < end && bytes[p] == Self.carriageReturn {
      if p + 1 < end {
        if bytes[p + 1] == Self.lineFeed { return .blank(next: p + 2) }
      } else if !isAtEnd {
        return .needMore
      } else {
        return .blank(next: p + 1)
      }
    }
    var count = 0
    var spans = self.spans
    var spanCapacity = self.spanCapacity
    var newlines = 0
    var stray = -1
    while true {
      var span = Span(start: p, end: p, isQuoted: false, hasEscapes: false)
      if p < end && bytes[p] == Self.quote {
        span.isQuoted = true
        span.start = p + 1
        var q = p + 1
        while true {
          while q < end && bytes[q] != Self.quote {
            if bytes[q] == Self.lineFeed { newlines += 1 }
            q += 1
          }
          if q == end { return isAtEnd ? .unterminated(fieldCount: count, quoteOffset: p) : .needMore }
          if q + 1 < end {
            if bytes[q + 1] == Self.quote {
              span.hasEscapes = true
              q += 2
              continue
            }
          } else if !isAtEnd {
            return .needMore
          }
          break
        }
        span.end = q
        p = q + 1
        if p < end {
          let byte = bytes[p]
          if byte == Self.carriageReturn && p + 1 == end && !isAtEnd { return .needMore }
          let atDelimiter =
            byte == Self.comma || byte == Self.lineFeed
            || (byte == Self.carriageReturn && (p + 1 == end || bytes[p + 1] == Self.lineFeed))
          if !atDelimiter {
            if stray < 0 { stray = count }
            p = Self.scanUnquoted(bytes, from: p, to: end, isAtEnd: isAtEnd)
            if p < 0 { return .needMore }
          }
        }
      } else {
        p = Self.scanUnquoted(bytes, from: p, to: end, isAtEnd: isAtEnd)
        if p < 0 { return .needMore }
        span.end = p
      }
      if count == spanCapacity {
        growSpans()
        spans = self.spans
        spanCapacity = self.spanCapacity
      }
      (spans + count).initialize(to: span)
      count += 1
      if p == end { return .record(next: end, fieldCount: count, newlines: newlines, strayQuoteField: stray) }
      let byte = bytes[p]
      if byte == Self.comma {
        p += 1
        continue
      }
      if byte == Self.lineFeed {
        return .record(next: p + 1, fieldCount: count, newlines: newlines + 1, strayQuoteField: stray)
      }
      // A carriage return here is followed by a line feed or ends the input.
      let next = p + 1 < end ? p + 2 : p + 1
      return .record(
        next: next, fieldCount: count, newlines: newlines + (next - p - 1), strayQuoteField: stray)
    }
  }

  /// The offset of the comma, line feed or CRLF ending an unquoted field that starts at `from`, or
  /// `end` at the end of input, or -1 when more input is needed to tell.
  @inline(__always)
  private static func scanUnquoted(_ bytes: UnsafePointer<UInt8>, from: Int, to end: Int, isAtEnd: Bool)
    -> Int
  {
    var p = from
    while true {
      p = ByteScan.skipCSVText(bytes, from: p, to: end)
      if p == end { return isAtEnd ? end : -1 }
      if bytes[p] == carriageReturn {
        if p + 1 == end { return isAtEnd ? p : -1 }
        if bytes[p + 1] != lineFeed {
          p += 1
          continue
        }
      }
      return p
    }
  }
}
