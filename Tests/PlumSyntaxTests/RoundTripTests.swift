import PlumDiagnostics
import Testing

@testable import PlumSyntax

@Suite struct RoundTripTests {
  @Test(arguments: GoldenFile.sources(in: "parse"))
  func printingThenParsingGivesTheSameTree(_ name: String) throws {
    let file = try GoldenFile.source("parse", name)
    let (policy, _) = Parser.parse(file)
    let printed = ASTPrinter.print(policy)
    let reparsedFile = SourceFile(name: "printed.plum", text: printed)
    let (reparsed, diagnostics) = Parser.parse(reparsedFile)
    #expect(
      diagnostics.isEmpty, "\(DiagnosticRenderer().render(diagnostics, in: reparsedFile, format: .text))")
    #expect(RangeErasure.erase(reparsed) == RangeErasure.erase(policy), "\(printed)")
    #expect(ASTPrinter.print(reparsed) == printed)
  }

  @Test func theErasedTreesDifferWhenTheSourceDoes() {
    let (a, _) = Syntax.parse("let x = 1 + 2")
    let (b, _) = Syntax.parse("let x = (1 + 2)")
    let (c, _) = Syntax.parse("let x =   1 +\n  2")
    #expect(RangeErasure.erase(a) != RangeErasure.erase(b))
    #expect(RangeErasure.erase(a) == RangeErasure.erase(c))
    #expect(a != c)
  }

  @Test func printedExpressionsKeepTheirParentheses() {
    for source in [
      "(a + b) * c", "a - (b - c)", "-(-x)", "- -x", "not (a and b)", "if a then (b or c) else d",
      "f(x, by: [1, 2])", "\"{a:.1%} \\{literal\\} \\\"q\\\"\"", "10.05 EUR + 0.001 USD", "1e+20 * 2.5%",
      "2026-01-02", "1 day", "14 days", "x.y.z ?? 0",
    ] {
      guard let expression = Syntax.expression(source) else {
        Issue.record("could not parse \(source)")
        continue
      }
      let printed = ASTPrinter.print(expression)
      let reparsed = Syntax.expression(printed)
      #expect(
        reparsed.map { RangeErasure.erase($0) } == RangeErasure.erase(expression), "\(source) → \(printed)")
    }
  }
}
