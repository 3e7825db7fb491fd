import Foundation
import PlumDiagnostics
import PlumSyntax
import PlumTestSupport
import Testing

@testable import PlumChecker

/// The findings of the guarantees (and, for `lint_*` files, the lints) on a source text.
struct AnalyzedSource {
  /// The checked source.
  var checked: CheckedSource
  /// The analyses' findings, ordered by position.
  var findings: [Diagnostic]

  /// The codes of the findings, in order.
  var codes: [String] { findings.map(\.code.id) }

  /// The findings rendered as text.
  var rendered: String { DiagnosticRenderer().render(findings, in: checked.source, format: .text) }

  /// The 1-based lines of the findings with a code.
  func lines(of code: String) -> [Int] {
    findings.filter { $0.code.id == code }.map { checked.source.location(of: $0.range.start).line }
  }
}

/// Parses, checks and analyses source text.
func analyzeSource(_ text: String, name: String = "test.plum", lints: Bool = true) -> AnalyzedSource {
  let checked = checkSource(text, name: name)
  let (file, _) = Parser.parse(checked.source)
  guard let policy = checked.result.policy else { return AnalyzedSource(checked: checked, findings: []) }
  let findings = PolicyAnalyzer.analyze(
    policy, file: file, source: checked.source, options: .init(lints: lints))
  return AnalyzedSource(checked: checked, findings: findings)
}

/// Each `Fixtures/guarantees/NAME.plum` is analysed and its findings compared with `NAME.diag`.
@Suite struct AnalysisGoldenTests {
  static let cases = Fixtures.names(in: "guarantees")

  static func analyze(_ name: String) throws -> AnalyzedSource {
    let text = try Fixtures.text("guarantees", name + ".plum")
    return analyzeSource(text, name: name + ".plum", lints: name.hasPrefix("lint_"))
  }

  @Test(arguments: cases) func findingsMatchGolden(name: String) throws {
    let analyzed = try Self.analyze(name)
    #expect(analyzed.checked.allDiagnostics.isEmpty, "fixture \(name) should type-check cleanly")
    #expect(!analyzed.findings.isEmpty, "fixture \(name) should have findings")
    GoldenFiles(directory: Fixtures.root.appendingPathComponent("guarantees")).expect(
      analyzed.rendered, name + ".diag")
  }

  @Test func everyGuaranteeAndLintCodeHasAGoldenCase() throws {
    var seen: Set<String> = []
    for name in Self.cases { seen.formUnion(try Self.analyze(name).codes) }
    let codes = (GuaranteeDiagnostics.all + LintDiagnostics.all).map(\.id)
    let missing = codes.filter { !seen.contains($0) }
    #expect(missing.isEmpty, "codes without a golden case: \(missing)")
  }

  @Test func codesAreUniqueAndInTheirRanges() {
    #expect(GuaranteeDiagnostics.all.allSatisfy { $0.id.hasPrefix("P04") && $0.defaultSeverity == .error })
    #expect(LintDiagnostics.all.allSatisfy { $0.id.hasPrefix("P2") && $0.defaultSeverity == .warning })
    let ids = FrontEndDiagnostics.all.map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(ids == ids.sorted())
    for code in CheckerDiagnostics.all + GuaranteeDiagnostics.all + LintDiagnostics.all {
      #expect(FrontEndDiagnostics.code(code.id) == code)
    }
  }

  @Test func findingsAreLowercaseWithoutFinalPeriod() throws {
    for name in Self.cases {
      for finding in try Self.analyze(name).findings {
        #expect(finding.message.first.map { !$0.isUppercase } ?? false, "\(finding.message)")
        #expect(!finding.message.hasSuffix("."), "\(finding.message)")
      }
    }
  }
}
