import PlumDiagnostics

/// Renders tokens one per line as `@line:col-line:col kind value`, for `plum compile --emit tokens`.
///
/// Columns are 1-based and the end position is exclusive. The format is stable: tests compare it
/// against golden files.
public enum TokenDump {
  /// Renders every token, `.endOfFile` included, one per line.
  public static func render(_ tokens: [Token], in file: SourceFile) -> String {
    tokens.map { line(for: $0, in: file) + "\n" }.joined()
  }

  /// One token's line, without the line break.
  public static func line(for token: Token, in file: SourceFile) -> String {
    "\(SpanText.render(token.range, in: file)) \(describe(token.kind, in: file, range: token.range))"
  }

  static func describe(_ kind: Token.Kind, in file: SourceFile, range: SourceRange) -> String {
    switch kind {
    case .identifier(let name): "identifier \(name)"
    case .keyword(let keyword): "keyword \(keyword.rawValue)"
    case .int(let value): "int \(value == .min ? String(value.magnitude) : String(value))"
    case .float(let value): "float \(value)"
    case .percent(let value): "percent \(value)"
    case .money(let money): "money \(LiteralText.amount(money)) \(money.currency)"
    case .duration(let days): "duration \(days) days"
    case .date(let date): "date \(LiteralText.date(date))"
    case .string(let parts): "string [" + parts.map { describe($0, in: file) }.joined(separator: ", ") + "]"
    case .symbol(let symbol): "symbol \(symbol.rawValue)"
    case .docComment(let text): "doc \(jsonString(text))"
    case .comment(let text): "comment \(jsonString(text))"
    case .invalid: "invalid \(jsonString(file.text(in: range)))"
    case .endOfFile: "eof"
    }
  }

  static func describe(_ part: StringPart, in file: SourceFile) -> String {
    switch part {
    case .text(let text):
      return "text \(jsonString(text))"
    case .interpolation(let source, let range, let format):
      let formatText = format.map { " format \(jsonString($0))" } ?? ""
      return "interpolation \(SpanText.render(range, in: file)) \(jsonString(source))\(formatText)"
    }
  }
}

/// Shows a source range as `@line:col-line:col` (1-based, end exclusive).
enum SpanText {
  static func render(_ range: SourceRange, in file: SourceFile) -> String {
    let start = file.location(of: range.start)
    let end = file.location(of: range.end)
    return "@\(start.line):\(start.column)-\(end.line):\(end.column)"
  }
}

/// Literal values written back as Plum source text.
enum LiteralText {
  /// `1050` at scale 2 is `10.50`.
  static func amount(_ money: MoneyLiteral) -> String {
    let digits = String(money.units.magnitude)
    let sign = money.units < 0 ? "-" : ""
    guard money.scale > 0 else { return sign + digits }
    let padded = String(repeating: "0", count: max(0, money.scale + 1 - digits.count)) + digits
    let split = padded.index(padded.endIndex, offsetBy: -money.scale)
    return sign + padded[..<split] + "." + padded[split...]
  }

  /// `2026-11-23`.
  static func date(_ date: DateLiteral) -> String {
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
  }
}
