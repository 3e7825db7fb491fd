import PlumSyntax
import Testing

@testable import PlumChecker

/// The types the checker infers for expressions that are correct.
@Suite struct ExpressionTypeTests {
  static let euro = PlumType.money(currency: "EUR")
  static let tier = PlumType.enumeration(EnumType(name: "tier", cases: ["bronze", "silver", "gold"]))

  static let cases: [(String, PlumType)] = [
    ("1 + 2", .int),
    ("7 / 2", .int),
    ("participant.age % 7", .int),
    ("1 + 2.5", .float),
    ("participant.age * participant.score", .float),
    ("15%", .float),
    ("participant.spend * 2", euro),
    ("2 * participant.spend", euro),
    ("participant.spend * 1.5", euro),
    ("participant.spend / 3", euro),
    ("participant.spend / participant.spend", .float),
    ("participant.spend - 5.25 EUR", euro),
    ("-participant.spend", euro),
    ("participant.joined - 2026-01-01", .duration),
    ("participant.joined + 30 days", .date),
    ("30 days + participant.joined", .date),
    ("2 * 7 days", .duration),
    ("(participant.joined - 2026-01-01) > 30 days", .bool),
    ("days_since(participant.last_order)", .optional(.int)),
    ("days_since(participant.last_order) ?? 999", .int),
    ("participant.rate ?? 0", .float),
    ("participant.nickname ?? \"\"", .string),
    ("present(participant.rate)", .bool),
    ("abs(participant.rate)", .optional(.float)),
    ("if participant.age > 3 then 1 else 2.5", .float),
    ("if participant.age > 3 then participant.rate else 0.0", .optional(.float)),
    ("[1, 2.5]", .list(.float)),
    ("[\"FR\", \"BE\"]", .list(.string)),
    ("participant.tier == gold", .bool),
    ("gold == participant.tier", .bool),
    ("participant.tier", tier),
    ("if participant.age > 3 then gold else participant.tier", tier),
    ("participant.tier in [gold, silver]", .bool),
    ("participant.age in [1, 2, 3]", .bool),
    ("participant.score not in [1, 2.5]", .bool),
    ("participant.age == 3.0", .bool),
    ("round(participant.score)", .int),
    ("round(participant.score, 2)", .float),
    ("round(participant.age)", .int),
    ("min(1, 2.5)", .float),
    ("max(participant.spend, 3 EUR)", euro),
    ("clamp(participant.age, 18, 65)", .int),
    ("sigmoid(participant.score)", .float),
    ("float(participant.age)", .float),
    ("int(participant.score)", .int),
    ("amount(participant.spend)", .float),
    ("len(\"abc\")", .int),
    ("len([1, 2])", .int),
    ("lower(participant.country)", .string),
    ("contains(participant.country, \"F\")", .bool),
    ("count([participant.age > 1, participant.score > 2.0])", .int),
    ("weekday(today())", .int),
    ("days_between(participant.joined, today())", .int),
    ("points(5)", .reward),
    ("cashback(5%)", .reward),
    ("voucher(10 EUR)", .reward),
    ("badge(\"gold\")", .reward),
    ("\"member for {participant.age} years\"", .string),
    ("\"rate {participant.score:.1%} of {participant.spend:.2}\"", .string),
    ("participant.consent.marketing and not participant.consent.profiling", .bool),
    ("participant.last_order", .optional(.date)),
    ("if present(participant.rate) then participant.rate else 0.0", .float),
  ]

  @Test(arguments: cases) func inferredType(expression: String, expected: PlumType) throws {
    let checked = checkProbe(expression)
    #expect(checked.allDiagnostics.isEmpty, "\(expression):\n\(checked.rendered)")
    let policy = try #require(checked.result.policy)
    let probe = try #require(policy.lets.first { $0.name.name == "probe" })
    #expect(probe.type == expected, "\(expression)")
    #expect(probe.value.type == expected, "\(expression)")
  }

  @Test func declaredTypeWinsAndConvertsInts() throws {
    let checked = checkSource(standardPreamble + "let ratio: float = 3\nlet names: list<string> = []\n")
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
    let lets = try #require(checked.result.policy).lets
    #expect(lets[0].type == .float)
    #expect(lets[0].value.kind == .intToFloat(TypedExpression(.int(3), .int, lets[0].value.range)))
    #expect(lets[1].type == .list(.string))
  }

  @Test func moneyWithoutPolicyCurrencyKeepsTheLiteralCurrency() throws {
    let checked = checkSource("input p { id: string key }\nlet cap: money = 5 USD\nlet twice = cap * 2\n")
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
    let lets = try #require(checked.result.policy).lets
    #expect(lets[1].type == .money(currency: "USD"))
  }

  @Test func letsAreOrderIndependent() throws {
    let checked = checkSource(
      standardPreamble + "rule late = later > 2.0\nlet later = earlier * 2\nlet earlier = participant.score\n"
    )
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
    let policy = try #require(checked.result.policy)
    #expect(policy.lets.map(\.type) == [.float, .float])
  }

  @Test func modelReferencesAreScoresOrSegments() throws {
    let checked = checkSource(
      standardPreamble + """
        model churn = logistic("c.json") { inputs { age: participant.age } }
        model segment = kmeans("k.json") { inputs { spend: participant.spend, active: true } }
        let a = churn
        let b = segment

        """)
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
    let policy = try #require(checked.result.policy)
    #expect(policy.lets.map(\.type) == [.float, .int])
    #expect(policy.models.map(\.kind) == [.logistic, .kmeans])
  }
}
