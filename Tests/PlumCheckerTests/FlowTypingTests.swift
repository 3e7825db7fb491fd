import Testing

@testable import PlumChecker

/// `present(x)` narrows `x` to its wrapped type in `and` chains and `then` branches, and nowhere else.
@Suite struct FlowTypingTests {
  static let narrowed: [String] = [
    "present(participant.rate) and participant.rate > 0.5",
    "present(participant.rate) and participant.age > 1 and participant.rate > 0.5",
    "present(participant.rate) and (participant.age > 1 and participant.rate > 0.5)",
    "(present(participant.rate) and present(participant.last_order)) and participant.rate > 0.5"
      + " and days_since(participant.last_order) > 3",
    "present(participant.rate) and (participant.rate > 0.5 or participant.rate < 0.1)",
    "if present(participant.rate) then participant.rate > 0.5 else false",
    "present(late) and late > 3",
    "present(participant.nickname) and len(participant.nickname) > 3",
    "present(participant.rate) and \"{participant.rate:%}\" == \"5%\"",
  ]

  static let notNarrowed: [String] = [
    "present(participant.rate) or participant.rate > 0.5",
    "not present(participant.rate) and participant.rate > 0.5",
    "participant.rate > 0.5 and present(participant.rate)",
    "if present(participant.rate) then true else participant.rate > 0.5",
    "present(participant.last_order) and participant.rate > 0.5",
    "(if present(participant.rate) then true else false) and participant.rate > 0.5",
  ]

  static let extra = "let late = days_since(participant.last_order)\n"

  @Test(arguments: narrowed) func presenceNarrows(expression: String) throws {
    let checked = checkProbe(expression, extra: Self.extra)
    #expect(checked.allDiagnostics.isEmpty, "\(expression):\n\(checked.rendered)")
    let value = try #require(checked.result.policy?.lets.first { $0.name.name == "probe" }?.value)
    #expect(containsNarrowed(value), "\(expression) has no narrowed reference")
  }

  @Test(arguments: notNarrowed) func presenceDoesNotNarrowHere(expression: String) {
    let checked = checkProbe(expression, extra: Self.extra)
    #expect(checked.codes == ["P0306"], "\(expression):\n\(checked.rendered)")
  }

  @Test func requiresAndWhenNarrowTheOtherClauses() {
    let checked = checkSource(
      standardPreamble + """
        reward r {
          when present(participant.rate) and participant.rate > 0.1
          give cashback(participant.rate)
          because "rate {participant.rate:%}"
        }

        """)
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
  }

  @Test func missingValueOffersBothFixIts() throws {
    let checked = checkProbe("participant.age > 3 and participant.rate > 0.5")
    let diagnostic = try #require(checked.result.diagnostics.first)
    #expect(diagnostic.code == CheckerDiagnostics.optionalNotHandled)
    #expect(
      diagnostic.fixIts.map(\.replacement) == ["participant.rate ?? 0.0", "present(participant.rate) and "])
    let insertion = try #require(diagnostic.fixIts.last)
    #expect(checked.source.location(of: insertion.range.start).column == 13)
  }

  @Test func arithmeticFixItIsParenthesized() throws {
    let checked = checkProbe("participant.rate * 2.0")
    let diagnostic = try #require(checked.result.diagnostics.first)
    #expect(diagnostic.fixIts.map(\.replacement) == ["(participant.rate ?? 0.0)"])
  }

  private func containsNarrowed(_ value: TypedExpression) -> Bool {
    switch value.kind {
    case .narrowed: return true
    case .binary(_, let a, let b): return containsNarrowed(a) || containsNarrowed(b)
    case .conditional(let a, let b, let c): return [a, b, c].contains(where: containsNarrowed)
    case .not(let a), .intToFloat(let a), .negate(_, let a): return containsNarrowed(a)
    case .call(_, let arguments), .list(let arguments): return arguments.contains(where: containsNarrowed)
    case .interpolation(let segments):
      return segments.contains { segment in
        if case .value(let inner, _) = segment { return containsNarrowed(inner) }
        return false
      }
    default: return false
    }
  }
}
