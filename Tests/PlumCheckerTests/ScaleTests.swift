import Testing

@testable import PlumChecker

/// Large policies check without deep recursion and in the right order.
@Suite struct ScaleTests {
  @Test func longLetChainsInReverseOrderCheck() throws {
    let length = 3_000
    var text = standardPreamble
    for index in 0..<length { text += "let a\(index) = a\(index + 1) + 1\n" }
    text += "let a\(length) = participant.age\n"
    for index in 0..<500 {
      text += "rule r\(index) = a0 > \(index) and present(participant.rate) and participant.rate > 0.5\n"
    }
    let checked = checkSource(text)
    #expect(checked.allDiagnostics.isEmpty)
    let policy = try #require(checked.result.policy)
    #expect(policy.lets.allSatisfy { $0.type == .int })
    #expect(policy.evaluationOrder.first == .let(length))
    #expect(policy.evaluationOrder.count == length + 1 + 500)
  }

  @Test func longCyclesAreReportedOnce() {
    var text = standardPreamble
    for index in 0..<1_000 { text += "let c\(index) = c\((index + 1) % 1_000) + 1\n" }
    let checked = checkSource(text)
    #expect(checked.codes == ["P0205"])
  }

  @Test func longFlatChainsCheck() throws {
    let conditions = (0..<200).map { "participant.age > \($0)" }.joined(separator: " and ")
    let terms = (0..<200).map { "\($0)" }.joined(separator: " + ")
    let checked = checkSource(standardPreamble + "rule many = \(conditions)\nlet sum = \(terms)\n")
    #expect(checked.allDiagnostics.isEmpty)
    #expect(try #require(checked.result.policy).lets.first?.type == .int)
  }

  /// Beyond the parser's height limit (2,000 levels) the parser reports, and the checker adds nothing.
  @Test func overlyLongChainsAreLeftToTheParser() {
    let terms = (0..<2_001).map { "\($0)" }.joined(separator: " + ")
    let checked = checkSource(standardPreamble + "let sum = \(terms)\nrule big = sum > 3\n")
    #expect(!checked.parseDiagnostics.isEmpty)
    #expect(checked.result.diagnostics.isEmpty)
  }

  /// A policy shaped like the benchmark workload: chained rules, money arithmetic, interpolations.
  @Test func benchmarkShapedPolicyChecksClean() throws {
    var text = standardPreamble
    for block in 0..<350 {
      let previous = block > 0 ? " or rule_\(block - 1)" : ""
      text += """
        let recency_\(block) = days_since(participant.last_order) ?? 400
        let mix_\(block) = participant.score * 0.5 + participant.age / 3 + float(recency_\(block))
        rule rule_\(block) = participant.age > \(block % 50) and mix_\(block) >= 1.5\(previous)
        reward reward_\(block) {
          when rule_\(block) and participant.tier in [gold, silver] and participant.spend >= \(block) EUR
          give points(\(100 + block))
          value participant.spend * 2% + 1.50 EUR
          priority \(block % 20)
          because "score {mix_\(block):.2} after {recency_\(block)} days"
        }

        """
    }
    let checked = checkSource(text + "select best by priority, max 3\n")
    #expect(checked.allDiagnostics.isEmpty)
    let policy = try #require(checked.result.policy)
    #expect(policy.rewards.count == 350)
    #expect(policy.evaluationOrder.count == 3 * 350)
  }
}
