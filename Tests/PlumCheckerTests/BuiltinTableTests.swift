import Foundation
import PlumDiagnostics
import Testing

@testable import PlumChecker

/// The standard-library table, its documentation and the suggestion helper.
@Suite struct BuiltinTableTests {
  static let docsPath = Fixtures.packageRoot.appendingPathComponent("docs/language.md")
  static let begin = "<!-- builtins:begin -->\n"
  static let end = "<!-- builtins:end -->"

  @Test func everyBuiltinHasAnEntryWithSignatures() {
    #expect(BuiltinTable.entries.count == Builtin.allCases.count)
    for entry in BuiltinTable.entries {
      #expect(!entry.signatures.isEmpty, "\(entry.builtin)")
      #expect(!entry.summary.isEmpty, "\(entry.builtin)")
    }
    #expect(Builtin.present.entry.propagatesMissing == false)
    #expect(Builtin.daysSince.entry.propagatesMissing)
    #expect(Builtin.disparateImpact.entry.isConstraintOnly)
    #expect(Builtin.round.entry.signatures.map(\.description) == ["(float) -> int", "(float, int) -> float"])
  }

  /// The language reference shows the table exactly; `PLUM_RECORD=1` rewrites that section.
  @Test func languageReferenceShowsTheTable() throws {
    var docs = try String(contentsOf: Self.docsPath, encoding: .utf8)
    let start = try #require(docs.range(of: Self.begin))
    let stop = try #require(docs.range(of: Self.end))
    let current = String(docs[start.upperBound..<stop.lowerBound])
    if Fixtures.isRecording {
      docs.replaceSubrange(start.upperBound..<stop.lowerBound, with: BuiltinTable.markdown)
      try docs.write(to: Self.docsPath, atomically: true, encoding: .utf8)
      return
    }
    #expect(current == BuiltinTable.markdown)
  }

  @Test func languageReferenceNamesEveryCheckerCode() throws {
    let docs = try String(contentsOf: Self.docsPath, encoding: .utf8)
    for code in CheckerDiagnostics.all {
      #expect(docs.contains(code.id), "\(code.id) \(code.title) is not documented")
    }
  }

  @Test func suggestionsPreferTheClosestName() {
    #expect(editDistance("kitten", "sitting") == 3)
    #expect(editDistance("", "abc") == 3)
    #expect(closestName(to: "recncy", among: ["adult", "recency"]) == "recency")
    #expect(closestName(to: "xyz", among: ["recency"]) == nil)
    #expect(closestName(to: "ab", among: ["ab"]) == nil)
  }
}
