import PlumDiagnostics
import Testing

@testable import PlumSyntax

@Suite struct LexerTests {
  @Test func identifiersAndReservedWords() {
    #expect(
      Syntax.kinds("policy and foo_1 _x in not if then else true false or rule") == [
        .identifier("policy"), .keyword(.and), .identifier("foo_1"), .identifier("_x"), .keyword(.in),
        .keyword(.not), .keyword(.if), .keyword(.then), .keyword(.else), .keyword(.true), .keyword(.false),
        .keyword(.or), .identifier("rule"),
      ])
  }

  @Test func integersAndFloats() {
    #expect(
      Syntax.kinds("0 1_000 007 0.5 1e-3 2.5E+2 1e3") == [
        .int(0), .int(1000), .int(7), .float(0.5), .float(0.001), .float(250), .float(1000),
      ])
  }

  @Test func percentagesNeedTheSignRightAfterTheNumber() {
    #expect(Syntax.kinds("15% 2.5%") == [.percent(15), .percent(2.5)])
    #expect(Syntax.kinds("a % b") == [.identifier("a"), .symbol(.percent), .identifier("b")])
    #expect(Syntax.kinds("10 %") == [.int(10), .symbol(.percent)])
  }

  @Test func moneyKeepsExactMinorUnitsAtTheWrittenScale() {
    #expect(
      Syntax.kinds("10.50 EUR 10 EUR 0.005 USD 1_000.25  GBP 3\tJPY") == [
        .money(MoneyLiteral(units: 1050, scale: 2, currency: "EUR")),
        .money(MoneyLiteral(units: 10, scale: 0, currency: "EUR")),
        .money(MoneyLiteral(units: 5, scale: 3, currency: "USD")),
        .money(MoneyLiteral(units: 100_025, scale: 2, currency: "GBP")),
        .money(MoneyLiteral(units: 3, scale: 0, currency: "JPY")),
      ])
  }

  @Test func moneyNeedsExactlyThreeUpperCaseLetters() {
    #expect(Syntax.kinds("10 EURO") == [.int(10), .identifier("EURO")])
    #expect(Syntax.kinds("10 eur") == [.int(10), .identifier("eur")])
    #expect(Syntax.kinds("10EUR") == [.invalid])
    #expect(Syntax.kinds("10 EUR_") == [.int(10), .identifier("EUR_")])
    #expect(Syntax.kinds("10\nEUR") == [.int(10), .identifier("EUR")])
  }

  @Test func durationsCountDays() {
    #expect(
      Syntax.kinds("30 days 1 day 2 weeks 1 week 3 dayss") == [
        .duration(days: 30), .duration(days: 1), .duration(days: 14), .duration(days: 7), .int(3),
        .identifier("dayss"),
      ])
  }

  @Test func datesAreCheckedAgainstTheCalendar() {
    #expect(
      Syntax.kinds("2026-11-23 2024-02-29 2000-02-29") == [
        .date(DateLiteral(year: 2026, month: 11, day: 23)), .date(DateLiteral(year: 2024, month: 2, day: 29)),
        .date(DateLiteral(year: 2000, month: 2, day: 29)),
      ])
    #expect(Syntax.kinds("2026-11") == [.int(2026), .symbol(.minus), .int(11)])
    for bad in ["2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01"] {
      let (tokens, diagnostics) = Syntax.lex(bad)
      #expect(tokens.map(\.kind) == [.invalid, .endOfFile], "\(bad)")
      #expect(diagnostics.map(\.code) == [LexerDiagnostics.invalidDate], "\(bad)")
      #expect(diagnostics.first?.range == SourceRange(start: 0, end: 10))
    }
  }

  @Test func stringEscapesAreDecoded() {
    let kinds = Syntax.kinds(#""a \"b\" \\ \n \t \r \{ \} \u{E9}\u{1F600}""#)
    #expect(kinds == [.string([.text("a \"b\" \\ \n \t \r { } é😀")])])
    #expect(Syntax.kinds(#""""#) == [.string([])])
  }

  @Test func interpolationsKeepTheirSourceRangeAndFormat() {
    let text = #"x "a {x} b {y:%} c {z:.2} d {w:.1%} {f(x, by: "{v}")}""#
    let (tokens, diagnostics) = Syntax.lex(text)
    #expect(diagnostics.isEmpty)
    guard case .string(let parts) = tokens[1].kind else {
      Issue.record("expected a string, got \(tokens[1].kind)")
      return
    }
    func at(_ needle: String) -> SourceRange {
      guard let found = text.range(of: needle) else { return .at(-1) }
      let start = text.utf8.distance(from: text.startIndex, to: found.lowerBound)
      return SourceRange(start: start, end: start + needle.utf8.count)
    }
    #expect(
      parts == [
        .text("a "), .interpolation(source: "x", range: at("x}"), format: nil).withRangeLength(1),
        .text(" b "), .interpolation(source: "y", range: at("y:").trimmed(1), format: "%"),
        .text(" c "), .interpolation(source: "z", range: at("z:").trimmed(1), format: ".2"),
        .text(" d "), .interpolation(source: "w", range: at("w:").trimmed(1), format: ".1%"),
        .text(" "),
        .interpolation(source: #"f(x, by: "{v}")"#, range: at(#"f(x, by: "{v}")"#), format: nil),
      ])
  }

  @Test func everySymbol() {
    let text = Symbol.allCases.map(\.rawValue).joined(separator: " ")
    #expect(Syntax.kinds(text) == Symbol.allCases.map { .symbol($0) })
    #expect(
      Syntax.kinds("a==b<=c??d") == [
        .identifier("a"), .symbol(.equalEqual), .identifier("b"), .symbol(.lessEqual), .identifier("c"),
        .symbol(.questionQuestion), .identifier("d"),
      ])
  }

  @Test func commentsAreSkippedAndDocCommentsKept() {
    let text = "/// doc one\n///doc two\n//// not doc\nx /// not doc either\n/* a /* b */ c */ y // z\n"
    #expect(
      Syntax.kinds(text) == [
        .docComment(" doc one"), .docComment("doc two"), .identifier("x"), .identifier("y"),
      ])
  }

  @Test func commentsCanBeKeptAsTrivia() {
    let text = "// lead\nx /* mid\n */ y // tail\n/// doc\nz\n"
    let file = Syntax.file(text)
    let kept = Lexer.tokenize(file, keepingComments: true).tokens
    #expect(
      kept.map(\.kind) == [
        .comment("// lead"), .identifier("x"), .comment("/* mid\n */"), .identifier("y"), .comment("// tail"),
        .docComment(" doc"), .identifier("z"), .endOfFile,
      ])
    #expect(kept[2].range == SourceRange(start: 10, end: 20))
    let plain = Lexer.tokenize(file).tokens
    #expect(kept.filter { if case .comment = $0.kind { false } else { true } } == plain)
  }

  @Test func tokensKnowWhetherTheyStartALine() {
    let tokens = Syntax.lex("a b\nc /* \n */ d\n\n  e").tokens
    #expect(tokens.map(\.startsLine) == [true, false, true, true, true, false])
  }

  @Test func rangesAreUTF8ByteOffsets() {
    let tokens = Syntax.lex("\"é\" x").tokens
    #expect(tokens[0].range == SourceRange(start: 0, end: 4))
    #expect(tokens[1].range == SourceRange(start: 5, end: 6))
  }

  @Test func aByteOrderMarkIsSkipped() {
    let file = SourceFile(name: "bom.plum", bytes: [0xEF, 0xBB, 0xBF] + Array("x".utf8))
    let (tokens, diagnostics) = Lexer.tokenize(file)
    #expect(diagnostics.isEmpty)
    #expect(tokens.first?.range == SourceRange(start: 3, end: 4))
  }

  // MARK: Errors, each with its exact span

  /// Lexes `text` and describes its diagnostics as `code start-end`, separated by `; `.
  func errors(_ text: String) -> String {
    Syntax.lex(text).diagnostics.map { "\($0.code.id) \($0.range.start)-\($0.range.end)" }
      .joined(separator: "; ")
  }

  @Test func unterminatedString() {
    #expect(errors("x = \"abc\ny") == "P0017 4-8")
    #expect(errors("\"abc\\\n") == "P0017 0-5")
    #expect(Syntax.lex("\"abc").tokens.map(\.kind) == [.invalid, .endOfFile])
  }

  @Test func unterminatedInterpolation() {
    #expect(errors("\"a {b\" + c") == "P0016 3-4")
    #expect(errors("\"a {f(\"}\"\n") == "P0016 3-4")
  }

  @Test func unterminatedBlockComment() {
    #expect(errors("a /* b /* c */ d") == "P0015 2-4")
    #expect(Syntax.kinds("a /* b /* c */ d") == [.identifier("a")])
  }

  @Test func strayCharacters() {
    #expect(errors("a ! b") == "P0014 2-3")
    #expect(errors("a && b") == "P0014 2-4")
    #expect(errors("é") == "P0014 0-2")
    let fix = Syntax.lex("a || b").diagnostics.first?.fixIts.first
    #expect(fix?.replacement == "or")
    #expect(fix?.range == SourceRange(start: 2, end: 4))
  }

  @Test func invalidUTF8() {
    let file = SourceFile(name: "bad.plum", bytes: [0x61, 0x20, 0xFF, 0xFE, 0x20, 0x62])
    let (tokens, diagnostics) = Lexer.tokenize(file)
    #expect(diagnostics.map(\.code) == [LexerDiagnostics.invalidUTF8])
    #expect(diagnostics.first?.range == SourceRange(start: 2, end: 4))
    #expect(tokens.map(\.kind) == [.identifier("a"), .invalid, .identifier("b"), .endOfFile])
    let inString = SourceFile(name: "bad.plum", bytes: [0x22, 0x61, 0xC3, 0x22])
    #expect(Lexer.tokenize(inString).diagnostics.map(\.range) == [SourceRange(start: 2, end: 3)])
    let inComment = SourceFile(name: "bad.plum", bytes: Array("// ".utf8) + [0xED, 0xA0, 0x80])
    #expect(Lexer.tokenize(inComment).diagnostics.map(\.range) == [SourceRange(start: 3, end: 6)])
  }

  @Test func badEscapes() {
    #expect(errors(#""a\qb""#) == "P0008 2-4")
    #expect(errors(#""\u{D800}""#) == "P0008 1-9")
    #expect(errors(#""\u{}""#) == "P0008 1-5")
    #expect(errors(#""\u{110000}""#) == "P0008 1-11")
    #expect(errors(#""\u12""#) == "P0008 1-3")
  }

  @Test func malformedNumbers() {
    #expect(errors("1__0") == "P0011 0-4")
    #expect(errors("x 1. y") == "P0011 2-4")
    #expect(errors("12abc") == "P0011 0-5")
    #expect(errors("1_") == "P0011 0-2")
    #expect(errors("1_.5") == "P0011 0-4")
    #expect(Syntax.kinds("1__0 EUR") == [.invalid])
  }

  @Test func numbersOutOfRange() {
    #expect(errors("9223372036854775808") == "P0005 0-19")
    #expect(Syntax.kinds("9223372036854775807") == [.int(Int64.max)])
    #expect(errors("1e400") == "P0003 0-5")
    #expect(errors("1e3 EUR") == "P0012 0-7")
    #expect(errors("92233720368547758.08 EUR") == "P0013 0-24")
    #expect(errors("1.5 days") == "P0004 0-8")
    #expect(errors("2000000000000000000 weeks") == "P0001 0-25")
  }

  @Test func interpolationProblems() {
    #expect(errors(#""a {} b""#) == "P0002 3-5")
    #expect(errors(#""{x:zz}""#) == "P0009 4-6")
    #expect(errors(#""{1__0}""#) == "P0011 2-6")
    var deep = "x"
    for _ in 0..<(Lexer.maxStringDepth + 1) { deep = "\"{" + deep + "}\"" }
    #expect(Syntax.lex(deep).diagnostics.map(\.code) == [LexerDiagnostics.interpolationTooDeep])
  }

  @Test func lexingGoesOnAfterErrors() {
    let (tokens, diagnostics) = Syntax.lex("a ! 1__0 \"x\\q\" b")
    #expect(diagnostics.count == 3)
    #expect(
      tokens.map(\.kind) == [
        .identifier("a"), .keyword(.not), .invalid, .invalid, .identifier("b"), .endOfFile,
      ])
  }

  @Test func tokenDumpIsGolden() throws {
    let file = try GoldenFile.source("tokens", "all_kinds.plum")
    let (tokens, diagnostics) = Lexer.tokenize(file, keepingComments: true)
    let dump =
      TokenDump.render(tokens, in: file) + "\n"
      + DiagnosticRenderer().render(diagnostics, in: file, format: .text)
    GoldenFile.check(dump, folder: "tokens", name: "all_kinds.tokens")
  }
}

extension StringPart {
  /// The same interpolation with its range cut to `length` bytes from its start.
  fileprivate func withRangeLength(_ length: Int) -> StringPart {
    guard case .interpolation(let source, let range, let format) = self else { return self }
    return .interpolation(
      source: source, range: SourceRange(start: range.start, end: range.start + length), format: format)
  }
}

extension SourceRange {
  /// The range cut to `length` bytes from its start.
  fileprivate func trimmed(_ length: Int) -> SourceRange { SourceRange(start: start, end: start + length) }
}
