import Foundation
import PlumDiagnostics
import Testing

@testable import PlumChecker

/// One code's entry in `docs/diagnostics-guarantees.md`: the wrong policy, the output, the fix.
private struct DocEntry {
  var code: String
  var wrong: String
  var output: String
  var fixed: String
}

/// Reads the entries: each `## PXXXX — title` section has a plum, a text and a plum block.
private func docEntries() throws -> [DocEntry] {
  let url = Fixtures.packageRoot.appendingPathComponent("docs/diagnostics-guarantees.md")
  let text = try String(contentsOf: url, encoding: .utf8)
  var entries: [DocEntry] = []
  for section in text.components(separatedBy: "\n## ").dropFirst() {
    let code = String(section.prefix(5))
    var blocks: [String] = []
    var current: [Substring]?
    for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        if let body = current {
          blocks.append(body.map { $0 + "\n" }.joined())
          current = nil
        } else {
          current = []
        }
      } else {
        current?.append(line)
      }
    }
    guard blocks.count == 3 else {
      Issue.record("\(code): expected 3 code blocks, found \(blocks.count)")
      continue
    }
    entries.append(DocEntry(code: code, wrong: blocks[0], output: blocks[1], fixed: blocks[2]))
  }
  return entries
}

struct AnalysisDocsTests {
  @Test func everyGuaranteeAndLintCodeIsDocumented() throws {
    let documented = try docEntries().map(\.code)
    #expect(documented == (GuaranteeDiagnostics.all + LintDiagnostics.all).map(\.id))
  }

  @Test func documentedExamplesMatchTheCompiler() throws {
    for entry in try docEntries() {
      let wrong = analyzeSource(entry.wrong, name: "policy.plum")
      #expect(wrong.checked.allDiagnostics.isEmpty, "\(entry.code): example must type-check")
      let shown = wrong.findings.filter { $0.code.id == entry.code }
      let rendered = DiagnosticRenderer().render(shown, in: wrong.checked.source, format: .text)
      #expect(rendered == entry.output, "\(entry.code): documented output differs")
      let fixed = analyzeSource(entry.fixed, name: "policy.plum")
      #expect(fixed.checked.allDiagnostics.isEmpty, "\(entry.code): fix must type-check")
      #expect(!fixed.codes.contains(entry.code), "\(entry.code): the fix still reports it")
      #expect(!fixed.findings.contains { $0.severity == .error }, "\(entry.code): the fix has errors")
    }
  }
}
