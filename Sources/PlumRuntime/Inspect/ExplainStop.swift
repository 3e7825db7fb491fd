import PlumDiagnostics

/// Why the machine produced no value for an expression of one record.
public enum ExplainStop: Error, Hashable, Sendable {
  /// A runtime error, or a value that cannot be computed for one record.
  case fault(ExplainFault)
  /// A model gated by a consent purpose was needed, and the record lacks that consent.
  case noConsent(model: Int, purpose: String)
}

/// A runtime error at a source expression, or a form that has no value for one record.
public struct ExplainFault: Error, Hashable, Sendable {
  /// The stable code (`P0502`) for runtime errors; nil when the value is unavailable here.
  public var code: String?
  /// One lowercase line without a final period.
  public var summary: String
  /// The span of the expression at fault.
  public var range: SourceRange

  /// Creates a fault.
  public init(code: String?, summary: String, range: SourceRange) {
    self.code = code
    self.summary = summary
    self.range = range
  }

  /// Creates a fault for a runtime error code.
  init(_ code: RuntimeErrorCode, at range: SourceRange) {
    self.init(code: code.rawValue, summary: code.summary, range: range)
  }

  /// `division by zero in `a / b` at 12:7`, as `plum run` words a record's error.
  public func message(in source: SourceFile) -> String {
    let location = source.location(of: range.start)
    return
      "\(summary) in `\(explainSourceText(source, range, limit: 60))` at \(location.line):\(location.column)"
  }
}

/// The source text of a span on one line, whitespace runs collapsed, shortened past `limit`.
func explainSourceText(_ source: SourceFile, _ range: SourceRange, limit: Int = 200) -> String {
  collapsedSourceText(source, range, limit: limit)
}

/// The source text of a span on one line, whitespace runs collapsed, shortened past `limit` with
/// `…`: how lowering labels a site and explanations quote a condition.
///
/// Only as much of the span is read as the result shows, so a label for each operator of a long
/// chain costs no more than the chain.
func collapsedSourceText(_ source: SourceFile, _ range: SourceRange, limit: Int) -> String {
  var text = ""
  var count = 0
  var space = false
  for character in source.text(in: range) {
    if character == " " || character == "\n" || character == "\t" || character == "\r" {
      space = count > 0
      continue
    }
    if space {
      text.append(" ")
      count += 1
      space = false
    }
    text.append(character)
    count += 1
    if count > limit { return String(text.prefix(limit - 1)) + "…" }
  }
  return text
}
