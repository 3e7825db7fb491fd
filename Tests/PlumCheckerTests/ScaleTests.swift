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

  /// Beyond the parser's nesting limit the parser reports, and the checker adds nothing.
  @Test func overlyLongChainsAreLeftToTheParser() {
    let terms = (0..<2_000).map { "\($0)" }.joined(separator: " + ")
    let checked = checkSource(standardPreamble + "let sum = \(terms)\nrule big = sum > 3\n")
    #expect(!checked.parseDiagnostics.isEmpty)
    #expect(checked.result.diagnostics.isEmpty)
  }
}
