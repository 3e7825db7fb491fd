import Foundation
import PlumData
import PlumModels
import Testing

@testable import PlumRuntime

/// A purpose-bound model never runs for a record whose consent is false.
@Suite struct ConsentTests {
  // The model's only feature divides by `divisor`: were the model evaluated on a record with
  // divisor 0, the record would fail with P0502. Consent must stop it before its features.
  static let policy = """
    policy consent
    currency EUR
    input p {
      id: string key
      divisor: int
      consent {
        marketing: bool
        profiling: bool
      }
    }
    model risk = logistic("risk.json") {
      inputs { ratio: 100 / p.divisor }
      purpose profiling
    }
    reward careful {
      when p.consent.marketing and p.consent.profiling and risk > 0.5
      give points(10)
    }
    reward plain {
      when p.consent.marketing
      give points(1)
    }
    """

  static func models() throws -> [String: LogisticRegression] {
    let terms = try LinearTerms(
      featureNames: ["ratio"], standardization: nil, intercept: 0, coefficients: [1])
    return ["risk.json": LogisticRegression(terms: terms)]
  }

  static let records = """
    {"id":"a","divisor":0,"consent":{"marketing":true,"profiling":false}}
    {"id":"b","divisor":0,"consent":{"marketing":true,"profiling":true}}
    {"id":"c","divisor":4,"consent":{"marketing":true,"profiling":true}}

    """

  @Test func modelIsNotEvaluatedWithoutConsent() throws {
    let program = try #require(PolicyHarness.compile(Self.policy, explain: true, models: try Self.models()))
    let output = PolicyHarness.run(program, records: Self.records, explain: true)
    let lines = DecisionLine.parse(output)
    try #require(lines.count == 3)
    // Without profiling consent the feature (100 / 0) is never computed: the record is decided.
    #expect(lines[0].error == nil)
    #expect(lines[0].rewards?.map(\.name) == ["plain"])
    // With consent the model runs, and its feature's division by zero fails the record.
    #expect(lines[1].error?.code == "P0502")
    #expect(lines[2].rewards?.map(\.name) == ["careful", "plain"])
    let first = String(output.split(separator: "\n")[0])
    #expect(first.contains(#""name":"risk","score":"not evaluated","reason":"not needed""#))
  }

  @Test func runtimeGateFailsClosedWhenConditionsDoNotEstablishConsent() throws {
    // Reading the model in `value` with no consent conjunct: the runtime gate must stop it and
    // the reward must not be given (the checker reports this policy; the runtime still holds).
    let unsafe = Self.policy.replacingOccurrences(
      of: "when p.consent.marketing and p.consent.profiling and risk > 0.5",
      with: "when p.consent.marketing and risk > 0.5")
    // `Checker.check` alone leaves the consent flow to the guarantees analysis, so this lowers.
    let program = try #require(PolicyHarness.compile(unsafe, explain: true, models: try Self.models()))
    let runner = try DecisionRunner(program: program, asOf: PolicyHarness.asOf)
    var row = runner.schema.makeRow()
    let divisor = try #require(runner.schema.fieldIndex(ofPath: "divisor"))
    let marketing = try #require(runner.schema.fieldIndex(ofPath: "consent.marketing"))
    let profiling = try #require(runner.schema.fieldIndex(ofPath: "consent.profiling"))
    for field in row.present.indices { row.present[field] = true }
    row.ints[runner.schema.slots[divisor].index] = 0
    row.ints[runner.schema.slots[marketing].index] = 1
    row.ints[runner.schema.slots[profiling].index] = 0
    #expect(runner.evaluate(row))
    #expect(runner.machine.lacksConsent(0))
    #expect(!runner.machine.isComputed(Int(program.models[0].declaration)))
    #expect(runner.selectedRewards.map { program.rewards[$0].name } == ["plain"])
    let writer = JSONLinesWriter()
    runner.decide(row, record: 1, explain: true, to: writer)
    #expect(writer.text.contains(#""blocked":"model `risk` needs consent `profiling`""#))
    #expect(writer.text.contains(#""reason":"no consent `profiling`""#))
  }
}
