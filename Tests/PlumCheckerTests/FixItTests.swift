import PlumDiagnostics
import Testing

@testable import PlumChecker

/// Applying a diagnostic's fix-it turns the policy into one that checks clean.
@Suite struct FixItTests {
  /// Policies with exactly one mistake, and which of its fix-its to apply.
  static let cases: [(String, Int)] = [
    ("let recency = 3\nrule r = recncy > 1\n", 0),
    ("rule r = participant.agee > 1\n", 0),
    ("rule r = participant.consent.marketng\n", 0),
    ("rule r = participant.tier == sliver\n", 0),
    ("rule r = participant.spend > 100 USD\n", 0),
    ("rule r = participant.rate > 0.5\n", 0),
    ("rule r = participant.rate > 0.5\n", 1),
    ("let r = participant.rate * 2.0\n", 0),
    ("rule r = participant.age > 1 and participant.rate > 0.5\n", 1),
    ("constraint c: disparate_impact(rewarded, participant.gender) > 0.8\n", 0),
    ("constraint c: disparate_impact(rewarded, of: participant.gender) > 0.8\n", 0),
    ("let root = sqrt(x: participant.score)\n", 0),
    ("model m = logistc(\"m.json\") { inputs { a: participant.age } }\n", 0),
    ("let d = dayz_since(participant.joined)\n", 0),
    ("budget 10 EUR per rnu\n", 0),
    ("reward r {\n  when true\n  give points(1)\n}\nselect best by priorty\n", 0),
    ("rule adult = age >= 18\n", 0),
    ("model m = linear(\"m.json\") { inputs { a: participant.age } purpose profilng }\n", 0),
    ("rule r = participant.age = 18\n", 0),
    ("reward r {\n  when participant.tier = gold\n  give points(1)\n}\n", 0),
    ("let c: strng = participant.country\n", 0),
    ("let d: dat = participant.joined\n", 0),
    ("let n: Int = participant.age\n", 0),
  ]

  @Test(arguments: cases) func fixItRepairsThePolicy(snippet: String, fixIndex: Int) throws {
    let text = standardPreamble + snippet
    let before = checkSource(text)
    #expect(before.allDiagnostics.count == 1, "\(before.rendered)")
    let diagnostic = try #require(before.allDiagnostics.first)
    #expect(diagnostic.fixIts.indices.contains(fixIndex), "\(before.rendered)")
    guard diagnostic.fixIts.indices.contains(fixIndex) else { return }
    let after = checkSource(apply(diagnostic.fixIts[fixIndex], to: text))
    #expect(after.allDiagnostics.isEmpty, "after the fix:\n\(after.rendered)")
  }

  @Test func missingCurrencyFixItDeclaresOne() throws {
    let text = "input p {\n  id: string key\n  spend: money\n}\n"
    let diagnostic = try #require(checkSource(text).allDiagnostics.first)
    let fix = try #require(diagnostic.fixIts.first)
    #expect(checkSource(apply(fix, to: text)).allDiagnostics.isEmpty)
  }

  @Test func missingInputFixItDeclaresOne() throws {
    let text = "policy p\n"
    let diagnostic = try #require(checkSource(text).allDiagnostics.first)
    let fix = try #require(diagnostic.fixIts.first)
    #expect(checkSource(apply(fix, to: text)).allDiagnostics.isEmpty)
  }

  private func apply(_ fix: Diagnostic.FixIt, to text: String) -> String {
    var bytes = Array(text.utf8)
    bytes.replaceSubrange(fix.range.start..<fix.range.end, with: Array(fix.replacement.utf8))
    return String(decoding: bytes, as: UTF8.self)
  }
}
