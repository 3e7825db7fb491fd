import PlumDiagnostics
import Testing

@testable import PlumChecker

private let preamble = """
  currency EUR
  input participant {
    id: string key
    age: int
    tier: enum { bronze, silver, gold }
    zip: string
  }

  """

private func lints(_ body: String) -> AnalyzedSource {
  let analyzed = analyzeSource(preamble + body)
  #expect(analyzed.checked.allDiagnostics.isEmpty, "\(analyzed.checked.rendered)")
  return analyzed
}

/// A test that names every reward, so P2007 stays quiet.
private func testNaming(_ rewards: [String]) -> String {
  """
  test "t" {
    given participant { id: "a", age: 1, tier: gold, zip: "1" }
    expect \(rewards.map { "not \($0)" }.joined(separator: " and "))
  }

  """
}

struct AnalysisLintTests {
  @Test func cleanPolicyHasNoLints() {
    let body = """
      reward r {
        // plum:allow(P2010) postcodes decide delivery zones only
        when participant.age > 3 and participant.tier == gold and participant.zip != ""
        give points(1)
      }

      """
    let analyzed = lints(body + testNaming(["r"]))
    #expect(analyzed.codes.isEmpty, "\(analyzed.rendered)")
    let unallowed = lints(body.replacingOccurrences(of: "plum:allow(P2010)", with: "") + testNaming(["r"]))
    #expect(unallowed.codes == ["P2010"])
  }

  @Test func whenTrueIsNotAConstantCondition() {
    let analyzed = lints("reward r {\n  when true\n  give points(1)\n}\n" + testNaming(["r"]))
    #expect(!analyzed.codes.contains("P2005"))
    #expect(analyzed.codes == ["P2002", "P2002", "P2002"])
  }

  @Test(arguments: [
    ("participant.age > 5 and participant.age < 3", true),
    ("participant.age >= 5 and participant.age <= 5", false),
    ("participant.age > 5 and participant.age < 6", true),
    ("participant.tier == gold and participant.tier == silver", true),
    ("participant.tier == gold and participant.tier != gold", true),
    ("participant.tier == gold or participant.tier == silver", false),
    ("1 + 1 == 3", true),
  ])
  func contradictionsMakeRewardsUnreachable(condition: String, unreachable: Bool) {
    let analyzed = lints("reward r {\n  when \(condition)\n  give points(1)\n}\n" + testNaming(["r"]))
    #expect(analyzed.codes.contains("P2003") == unreachable, "\(analyzed.rendered)")
  }

  @Test func shadowingNeedsAnImpliedHigherPriorityReward() {
    let body = """
      reward wide {
        when participant.age > 3
        give points(1)
        priority 2
      }
      reward narrow {
        when participant.age > 3 and participant.tier == gold
        give points(2)
        priority 1
      }
      select best by priority, max 1

      """
    #expect(lints(body + testNaming(["wide", "narrow"])).lines(of: "P2004") == [13])
    let swapped = body.replacingOccurrences(of: "priority 1", with: "priority 3")
    #expect(lints(swapped + testNaming(["wide", "narrow"])).lines(of: "P2004").isEmpty)
    let two = body.replacingOccurrences(of: "max 1", with: "max 2")
    #expect(lints(two + testNaming(["wide", "narrow"])).lines(of: "P2004").isEmpty)
  }

  @Test func proxyFieldsAreFlaggedOncePerField() {
    let body =
      "rule a = participant.zip == \"1\"\nrule b = participant.zip == \"2\"\n"
      + "reward r {\n  when a or b\n  give points(1)\n}\n" + testNaming(["r"])
    #expect(lints(body).codes.filter { $0 == "P2010" }.count == 1)
    #expect(LintAnalysis.isProxyName("home_postal_code"))
    #expect(LintAnalysis.isProxyName("Nationality"))
    #expect(!LintAnalysis.isProxyName("unzipped"))
    #expect(!LintAnalysis.isProxyName("grace_days"))
  }

  @Test func allowNeedsAReasonAndALintCode() {
    let base = "reward r {\n  when participant.age > 3\n  give points(1)\n}\n" + testNaming(["r"])
    let allowed = lints("let spare = 1 // plum:allow(P2001) kept for later\n" + base)
    #expect(!allowed.codes.contains("P2001"))
    let noReason = lints("// plum:allow(P2001)\nlet spare = 1\n" + base)
    #expect(noReason.codes.contains("P2011"))
    #expect(!noReason.codes.contains("P2001"))
    let wrongLine = lints("// plum:allow(P2001) too far away\n\nlet spare = 1\n" + base)
    #expect(wrongLine.codes.contains("P2001"))
    let notLint = lints("// plum:allow(P0401) errors stay\nlet spare = 1\n" + base)
    #expect(notLint.codes.contains("P2012") && notLint.codes.contains("P2001"))
  }

  @Test func allowCoversTheWholeDeclarationClauseOrField() {
    let reward = "reward r {\n  when near\n  give points(1)\n}\n" + testNaming(["r"])
    // A trailing comment on the last line of a rule split over lines covers its first line too.
    let split = """
      rule near = participant.zip != ""
        and participant.age > 3
        and participant.tier == gold // plum:allow(P2010) delivery zones only

      """
    #expect(lints(split + reward).codes.isEmpty, "\(lints(split + reward).rendered)")
    #expect(lints(split.replacingOccurrences(of: "(P2010)", with: "(P2008)") + reward).codes == ["P2010"])
    // A comment on the line before a declaration covers all of it, even past its doc comment.
    let before = """
      // plum:allow(P2010) delivery zones only
      /// Members near a shop.
      rule near = participant.age > 3 and participant.tier == gold
        and participant.zip != ""

      """
    #expect(lints(before + reward).codes.isEmpty, "\(lints(before + reward).rendered)")
    // A comment trailing one clause covers that clause, not the one before it.
    let covering = """
      reward s {
        when participant.zip != "" and participant.tier == gold
          and participant.age > 3 // plum:allow(P2010) delivery zones only
        give points(1)
      }

      """
    #expect(lints(covering + testNaming(["s"])).codes.isEmpty)
    let misplaced = """
      reward t {
        when participant.zip != "" and participant.age > 3 and participant.tier == gold
        give points(2) // plum:allow(P2010) misplaced
      }

      """
    let clauses = lints(misplaced + testNaming(["t"]))
    #expect(clauses.codes == ["P2010"])
    #expect(clauses.lines(of: "P2010") == [9])
    // A comment trailing one declaration does not reach two lines further.
    let lets = lints("let a = 1 // plum:allow(P2001) kept\nlet b = 2\nlet c = 3\n" + reward + split)
    #expect(lets.codes.filter { $0 == "P2001" }.count == 1)
  }
}
