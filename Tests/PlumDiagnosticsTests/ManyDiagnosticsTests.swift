import Testing

@testable import PlumDiagnostics

private let sample = DiagnosticCode("P9999", .error, "sample")

/// Thousands of diagnostics on one long line: the text format shows the first hundred and counts
/// the rest; the machine formats list every one. (Each line is laid out once and columns come from
/// checkpoints, so this renders in linear time; the timing itself lives in no test.)
@Suite struct ManyDiagnosticsTests {
  /// One line of 20 000 `$ ` pairs, with an error at each `$`.
  private let file = SourceFile(
    name: "long.plum", text: "let x = " + String(repeating: "é$ ", count: 20_000) + "\n")
  private var diagnostics: [Diagnostic] {
    (0..<20_000).map { index in
      let offset = 8 + index * 4 + 2
      return Diagnostic(sample, "unexpected `$`", at: SourceRange(start: offset, end: offset + 1))
    }
  }

  @Test func textShowsTheFirstHundredAndCountsTheRest() {
    let text = DiagnosticRenderer().render(diagnostics, in: file, format: .text)
    let headers = text.split(separator: "\n").filter { $0.hasPrefix("long.plum:1:") }
    #expect(headers.count == DiagnosticRenderer.textLimitPerFile)
    #expect(headers.first == "long.plum:1:10: error[P9999]: unexpected `$`")
    #expect(headers.last == "long.plum:1:\(9 + 99 * 3 + 1): error[P9999]: unexpected `$`")
    #expect(text.hasSuffix("\nlong.plum: 19900 more errors not shown; --format json lists them all\n"))
  }

  @Test func theCountNamesEachSeverity() {
    var mixed = Array(diagnostics.prefix(103))
    mixed[101].severity = .warning
    let text = DiagnosticRenderer().render(mixed, in: file, format: .text)
    #expect(
      text.hasSuffix(
        "\nlong.plum: 2 more errors and 1 more warning not shown; --format json lists them all\n"))
    #expect(!DiagnosticRenderer().render(Array(mixed.prefix(100)), in: file, format: .text).contains("more"))
  }

  @Test func jsonListsEveryDiagnosticWithItsColumn() {
    let json = DiagnosticRenderer().render(diagnostics, in: file, format: .json)
    let lines = json.split(separator: "\n")
    #expect(lines.count == 20_000)
    #expect(lines.last?.contains("\"column\":\(9 + 19_999 * 3 + 1),") == true)
  }

  @Test func columnsFromCheckpointsAgreeWithCountingScalars() {
    var text = ""
    for index in 0..<700 { text += index % 7 == 0 ? "\n" : index % 3 == 0 ? "€" : index % 5 == 0 ? "😀" : "a" }
    let source = SourceFile(name: "mixed.plum", text: text)
    for offset in -1...(source.bytes.count + 1) {
      let clamped = max(0, min(offset, source.bytes.count))
      let lineStart = source.lineStarts[source.line(of: clamped) - 1]
      let column = source.bytes[lineStart..<clamped].filter { $0 & 0xC0 != 0x80 }.count + 1
      #expect(source.location(of: offset).column == column)
    }
  }
}
