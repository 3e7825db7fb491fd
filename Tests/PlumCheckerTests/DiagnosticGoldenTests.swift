import Foundation
import PlumDiagnostics
import PlumTestSupport
import Testing

@testable import PlumChecker

/// Each `Fixtures/diagnostics/NAME.plum` is checked and its rendered diagnostics compared with `NAME.diag`.
@Suite struct DiagnosticGoldenTests {
  static let cases = Fixtures.names(in: "diagnostics")

  @Test func corpusIsLargeEnough() {
    #expect(Self.cases.count >= 40)
  }

  @Test(arguments: cases) func renderedDiagnosticsMatchGolden(name: String) throws {
    let text = try Fixtures.text("diagnostics", name + ".plum")
    let checked = checkSource(text, name: name + ".plum")
    #expect(checked.parseDiagnostics.isEmpty, "fixture \(name) should parse cleanly")
    #expect(!checked.result.diagnostics.isEmpty, "fixture \(name) should have checker diagnostics")
    GoldenFiles(directory: Fixtures.root.appendingPathComponent("diagnostics")).expect(
      checked.rendered, name + ".diag")
  }

  @Test func everyCheckerCodeHasAGoldenCase() throws {
    var seen: Set<String> = []
    for name in Self.cases {
      let checked = checkSource(try Fixtures.text("diagnostics", name + ".plum"), name: name)
      seen.formUnion(checked.result.diagnostics.map(\.code.id))
    }
    let missing = CheckerDiagnostics.all.map(\.id).filter { !seen.contains($0) }
    #expect(missing.isEmpty, "codes without a golden case: \(missing)")
  }

  @Test func codesAreUniqueAndInTheirRanges() {
    let ids = CheckerDiagnostics.all.map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy { $0.hasPrefix("P02") || $0.hasPrefix("P03") })
    #expect(CheckerDiagnostics.all.allSatisfy { $0.defaultSeverity == .error && !$0.title.isEmpty })
  }

  @Test func diagnosticsAreLowercaseWithoutFinalPeriod() throws {
    for name in Self.cases {
      let checked = checkSource(try Fixtures.text("diagnostics", name + ".plum"), name: name)
      for diagnostic in checked.result.diagnostics {
        let first = diagnostic.message.unicodeScalars.first
        #expect(first.map { !CharacterSet.uppercaseLetters.contains($0) } ?? false, "\(diagnostic.message)")
        #expect(!diagnostic.message.hasSuffix("."), "\(diagnostic.message)")
      }
    }
  }
}
