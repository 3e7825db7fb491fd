import PlumDiagnostics
import Testing

@testable import PlumSyntax

@Suite struct DiagnosticCatalogTests {
  /// `P` then four digits: `prefix` hundreds plus the 1-based position.
  func expectedIDs(count: Int, hundreds: Int) -> [String] {
    (1...count).map { position -> String in
      let number = String(hundreds * 100 + position)
      return "P" + String(repeating: "0", count: 4 - number.count) + number
    }
  }

  @Test func lexerCodesAreNumberedInOrderWithTitles() {
    let ids = LexerDiagnostics.all.map(\.id)
    #expect(ids == expectedIDs(count: ids.count, hundreds: 0))
    #expect(LexerDiagnostics.all.allSatisfy { !$0.title.isEmpty && $0.defaultSeverity == .error })
  }

  @Test func parserCodesAreNumberedInOrderWithTitles() {
    let ids = ParserDiagnostics.all.map(\.id)
    #expect(ids == expectedIDs(count: ids.count, hundreds: 1))
    #expect(ParserDiagnostics.all.allSatisfy { !$0.title.isEmpty && $0.defaultSeverity == .error })
  }
}
