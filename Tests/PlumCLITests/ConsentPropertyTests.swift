import PlumChecker
import PlumData
import PlumDriver
import PlumModels
import PlumRuntime
import PlumTestSupport
import Testing

@testable import PlumCLI

/// Writes random small policies over a fixed schema: two purpose-bound models, a free one, a field
/// with a purpose, a model fed by that field and one fed by another model, lets that read them, and
/// rewards that read them in every clause.
private struct PolicyGenerator {
  var random: SplitMix64
  var rules: [String] = []
  var lets: [String] = []

  static let preamble = """
    currency EUR
    input participant {
      id: string key
      age: int
      orders: int
      hint: int purpose profiling
      consent { marketing: bool, profiling: bool }
    }
    model churn = logistic("churn.json") {
      inputs { age: participant.age, orders: participant.orders }
      purpose profiling
    }
    model spend = logistic("spend.json") {
      inputs { orders: participant.orders }
      purpose marketing
    }
    model plain = logistic("plain.json") {
      inputs { age: participant.age }
    }
    model mixed = logistic("mixed.json") {
      inputs { hint: participant.hint, age: participant.age }
      purpose marketing
    }
    model stacked = logistic("stacked.json") {
      inputs { risk: churn, orders: participant.orders }
    }

    """

  /// Every consent each model needs: its own purpose and those of the fields and models it reads.
  static let requiredPurposes: [String: Set<String>] = [
    "churn": ["profiling"], "spend": ["marketing"], "plain": [], "mixed": ["marketing", "profiling"],
    "stacked": ["profiling"],
  ]

  /// A number read from a model, a purpose-bound field or a let.
  mutating func number() -> String {
    random.pick(
      ["churn", "spend", "plain", "mixed", "stacked", "participant.hint", "participant.age"] + lets)
  }

  mutating func atom() -> String {
    var options = [
      "participant.consent.marketing", "participant.consent.profiling",
      "participant.age > \(random.below(80))", "\(number()) > 0.\(random.below(10))",
    ]
    if !rules.isEmpty { options.append(random.pick(rules)) }
    return random.pick(options)
  }

  mutating func condition(depth: Int) -> String {
    guard depth > 0, random.chance(60) else { return atom() }
    switch random.below(4) {
    case 0: return "(\(condition(depth: depth - 1)) and \(condition(depth: depth - 1)))"
    case 1: return "(\(condition(depth: depth - 1)) or \(condition(depth: depth - 1)))"
    case 2: return "not \(condition(depth: depth - 1))"
    default:
      return "(if \(condition(depth: depth - 1)) then \(condition(depth: depth - 1)) else "
        + "\(condition(depth: depth - 1)))"
    }
  }

  /// A let's value: a model or field scaled, or chosen by a condition.
  mutating func letValue() -> String {
    switch random.below(3) {
    case 0: return "\(number()) * 2.0"
    case 1: return "if \(condition(depth: 1)) then \(number()) * 1.0 else 0.5"
    default: return "\(number()) + \(number())"
    }
  }

  mutating func policy() -> String {
    rules = []
    lets = []
    var text = Self.preamble
    for index in 0..<random.below(3) {
      text += "let l\(index) = \(letValue())\n"
      lets.append("l\(index)")
    }
    for index in 0..<random.below(3) {
      text += "rule r\(index) = \(condition(depth: 2))\n"
      rules.append("r\(index)")
    }
    for index in 0..<(1 + random.below(3)) {
      text += "reward w\(index) {\n"
      if random.chance(40) { text += "  requires consent.\(random.pick(["profiling", "marketing"]))\n" }
      text += "  when \(condition(depth: 3))\n  give points(\(index + 1))\n"
      if random.chance(30) { text += "  value 10 EUR * \(number())\n" }
      if random.chance(30) { text += "  priority if \(condition(depth: 1)) then 2 else 1\n" }
      if random.chance(30) { text += "  because \"score {\(number())}\"\n" }
      text += "}\n"
    }
    return text
  }
}

/// Models for the generated policies, given in memory (raw, unstandardised coefficients).
private func models() throws -> [String: LogisticRegression] {
  func logistic(_ features: [String], _ intercept: Double, _ coefficients: [Double]) throws
    -> LogisticRegression
  {
    LogisticRegression(
      terms: try LinearTerms(
        featureNames: features, standardization: nil, intercept: intercept, coefficients: coefficients))
  }
  return [
    "churn.json": try logistic(["age", "orders"], -1, [0.02, 0.1]),
    "spend.json": try logistic(["orders"], -0.5, [0.2]),
    "plain.json": try logistic(["age"], 0.1, [0.01]),
    "mixed.json": try logistic(["hint", "age"], -0.2, [0.1, 0.01]),
    "stacked.json": try logistic(["risk", "orders"], -0.3, [1.5, 0.05]),
  ]
}

struct ConsentPropertyTests {
  /// Every policy the consent analysis accepts never reaches a purpose-bound model for a record that
  /// lacks the consent: the runtime's guard never has to stop one. Rejected policies do trip the
  /// guard, which shows the generator reaches the unsafe cases.
  @Test(arguments: [1, 2, 3, 4] as [UInt64])
  func acceptedPoliciesNeverEvaluateModelsWithoutConsent(seed: UInt64) throws {
    var generator = PolicyGenerator(random: SplitMix64(seed: seed))
    var records = SplitMix64(seed: seed &* 7919)
    var accepted = 0
    var rejected = 0
    var gatedEvaluations = 0
    var guardTrips = 0
    var indirectEvaluations = 0
    for _ in 0..<120 {
      let text = generator.policy()
      let result = Frontend.check(name: "generated.plum", bytes: Array(text.utf8))
      let errors = result.diagnostics.filter { $0.severity == .error }
      #expect(
        errors.allSatisfy { $0.code == GuaranteeDiagnostics.consentNotEstablished }, "\(text)\n\(errors)")
      let safe = errors.isEmpty
      if safe { accepted += 1 } else { rejected += 1 }
      let checked = try #require(result.checked)
      let lowered = Lowering.lower(
        checked, source: result.source, options: LoweringOptions(models: try models()))
      let program = try #require(lowered.program, "\(lowered.diagnostics)")
      let runner = try DecisionRunner(program: program, asOf: 20_000)
      let schema = runner.schema
      var row = RecordRow(schema: schema)
      for _ in 0..<40 {
        var consents: [String: Bool] = [:]
        for (field, spec) in schema.fields.enumerated() {
          let slot = schema.slots[field].index
          row.present[field] = true
          switch spec.path {
          case "id": row.strings[slot] = "r\(records.below(1000))"
          case "age": row.ints[slot] = Int64(records.below(90))
          case "orders": row.ints[slot] = Int64(records.below(12))
          case "hint": row.ints[slot] = Int64(records.below(10))
          default:
            let value = records.chance(50)
            row.ints[slot] = value ? 1 : 0
            consents[String(spec.path.dropFirst("consent.".count))] = value
          }
        }
        guard runner.evaluate(row) else { continue }
        for (index, model) in program.models.enumerated() {
          let computed = runner.machine.isComputed(Int(model.declaration))
          if let purpose = model.purpose {
            if runner.machine.lacksConsent(index) { guardTrips += 1 }
            if computed {
              #expect(consents[purpose] == true, "model `\(model.name)` ran without consent in:\n\(text)")
              if safe { gatedEvaluations += 1 }
            }
            if safe {
              #expect(
                !runner.machine.lacksConsent(index), "the guard had to stop `\(model.name)` in:\n\(text)")
            }
          }
          // Through its inputs a model needs more than its own purpose, which the guard does not know.
          let needed = PolicyGenerator.requiredPurposes[model.name] ?? []
          if safe && computed {
            let missing = needed.filter { consents[$0] != true }
            #expect(missing.isEmpty, "`\(model.name)` ran without consent \(missing.sorted()) in:\n\(text)")
            if !needed.subtracting(model.purpose.map { [$0] } ?? []).isEmpty { indirectEvaluations += 1 }
          }
        }
      }
    }
    #expect(accepted > 5 && rejected > 5, "accepted \(accepted), rejected \(rejected)")
    #expect(gatedEvaluations > 0, "no accepted policy evaluated a purpose-bound model")
    #expect(guardTrips > 0, "no rejected policy reached a model without consent")
    #expect(
      indirectEvaluations > 0, "no accepted policy evaluated a model that needs a consent through its inputs")
  }
}
