import PlumDiagnostics
import Testing

@testable import PlumChecker

/// A small schema with a purpose-bound model, a protected and a personal field.
private let preamble = """
  currency EUR
  input participant {
    id: string key
    age: int
    gender: string protected
    email: string pii
    consent { marketing: bool, profiling: bool }
  }
  model churn = logistic("churn.json") {
    inputs { age: participant.age }
    purpose profiling
  }

  """

/// The guarantee findings of a policy made of the preamble and `body`.
private func guarantees(_ body: String) -> AnalyzedSource {
  let analyzed = analyzeSource(preamble + body, lints: false)
  #expect(analyzed.checked.allDiagnostics.isEmpty, "\(analyzed.checked.rendered)")
  return analyzed
}

/// Applies the first fix-it of every finding to the source text.
private func applyingFixIts(_ analyzed: AnalyzedSource) -> String {
  var bytes = analyzed.checked.source.bytes
  let fixes = analyzed.findings.compactMap(\.fixIts.first).sorted { $0.range.start > $1.range.start }
  for fix in fixes {
    bytes.replaceSubrange(fix.range.start..<fix.range.end, with: Array(fix.replacement.utf8))
  }
  return String(decoding: bytes, as: UTF8.self)
}

struct AnalysisFlowTests {
  @Test(arguments: [
    "participant.consent.profiling and churn > 0.5",
    "participant.age > 3 and participant.consent.profiling and churn > 0.5",
    "participant.consent.profiling and (participant.age > 3 or churn > 0.5)",
    "participant.consent.profiling == true and churn > 0.5",
    "if participant.consent.profiling then churn > 0.5 else false",
  ])
  func consentEstablishedBeforeTheModelPasses(condition: String) {
    let analyzed = guarantees("reward r {\n  when \(condition)\n  give points(1)\n}\n")
    #expect(analyzed.codes.isEmpty, "\(analyzed.rendered)")
  }

  @Test(arguments: [
    "churn > 0.5 and participant.consent.profiling",
    "participant.consent.profiling or churn > 0.5",
    "not participant.consent.profiling and churn > 0.5",
    "not (not participant.consent.profiling) and churn > 0.5",
    "participant.consent.marketing and churn > 0.5",
    "if participant.consent.profiling then false else churn > 0.5",
    "(participant.consent.profiling or participant.age > 3) and churn > 0.5",
  ])
  func consentNotEstablishedIsAnError(condition: String) {
    let analyzed = guarantees("reward r {\n  when \(condition)\n  give points(1)\n}\n")
    #expect(analyzed.codes == ["P0401"], "\(analyzed.rendered)")
  }

  @Test func ruleImpliesConsentOnlyThroughAnd() {
    let rules = "rule ok = participant.age > 17 and participant.consent.profiling\n"
    #expect(guarantees(rules + "reward r {\n  when ok and churn > 0.5\n  give points(1)\n}\n").codes.isEmpty)
    #expect(
      guarantees(rules + "reward r {\n  when ok or churn > 0.5\n  give points(1)\n}\n").codes == ["P0401"])
    #expect(
      guarantees(rules + "reward r {\n  when not ok and churn > 0.5\n  give points(1)\n}\n").codes == [
        "P0401"
      ])
  }

  @Test func requiresCoversEveryClause() {
    let body = """
      reward r {
        requires consent.profiling
        when churn > 0.5
        give points(1)
        value churn * 10 EUR
        because "risk {churn:%}"
      }

      """
    #expect(guarantees(body).codes.isEmpty)
    let without = guarantees(body.replacingOccurrences(of: "  requires consent.profiling\n", with: ""))
    #expect(without.codes == ["P0401", "P0401", "P0401"])
  }

  @Test func ungatedLetIsFineOnlyWhereEveryUseIsGated() {
    let lets = "let risk = churn * 100\nrule high = risk > 60\n"
    let gated = guarantees(
      lets + "reward r {\n  when participant.consent.profiling and high\n  give points(1)\n}\n")
    #expect(gated.codes.isEmpty)
    let ungated = guarantees(lets + "reward r {\n  when participant.age > 3 and high\n  give points(1)\n}\n")
    #expect(ungated.codes == ["P0401"])
    let finding = ungated.findings.first
    #expect(
      finding?.labels.map(\.message) == [
        "rule `high` uses let `risk` here", "let `risk` uses model `churn` here",
      ])
    #expect(
      finding?.notes.first == "path without consent: reward `r` (`when`) → rule `high` → let `risk` → model "
        + "`churn` (`purpose profiling`)")
  }

  @Test func fixItInsertsTheGuardAndTheResultPasses() {
    let body = """
      reward a {
        when participant.age > 3 and churn > 0.5 or participant.age > 90
        give points(1)
      }
      reward b {
        when participant.age > 3
        give points(2)
        value churn * 10 EUR
      }

      """
    let analyzed = guarantees(body)
    #expect(analyzed.codes == ["P0401", "P0401"])
    #expect(analyzed.findings[0].fixIts.first?.message == "insert `participant.consent.profiling and `")
    let fixed = applyingFixIts(analyzed)
    #expect(fixed.contains("when participant.age > 3 and participant.consent.profiling and churn > 0.5 or"))
    #expect(fixed.contains("  requires consent.profiling\n  when participant.age > 3\n"))
    #expect(analyzeSource(fixed, lints: false).codes.isEmpty)
  }

  @Test func protectedAttributeShowsTheWholePath() {
    let body = """
      let g = participant.gender
      let f = g == "f"
      model m = linear("m.json") {
        inputs { female: if f then 1 else 0 }
      }
      rule r = m > 1.0
      reward x {
        when r
        give points(1)
      }
      constraint fair: disparate_impact(rewarded, by: participant.gender) >= 0.8

      """
    let analyzed = guarantees(body)
    #expect(analyzed.codes == ["P0402"])
    let finding = analyzed.findings.first
    #expect(finding?.labels.count == 4)
    #expect(
      finding?.notes.first
        == "derivation: `participant.gender` → let `g` → let `f` → model `m` (input `female`) → rule `r` → "
        + "reward `x` (`when`)")
  }

  @Test func personalDataValueFlowsAreErrorsButPredicatesAreNot() {
    let body = """
      let who = participant.email
      let text = "for {who}"
      let staff = ends_with(participant.email, "@example.com")
      reward x {
        when not staff
        give points(1)
        because "{text}"
      }

      """
    let analyzed = guarantees(body)
    #expect(analyzed.codes == ["P0403"])
    #expect(
      analyzed.findings.first?.notes.first?.contains("`participant.email` → let `who` → let `text`") == true)
  }
}
