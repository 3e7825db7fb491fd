import Foundation
import PlumChecker
import PlumData
import PlumDriver
import PlumModels
import PlumRuntime
import PlumTestSupport
import Testing

@testable import PlumCLI

/// There is one inspector: what `plum explain`, `plum test`, `plum eval` and the REPL show for a
/// record is what the register machine computed when it decided it. Over the examples and
/// thousands of generated policies with random records, the decision an explanation shows is
/// `plum run`'s, every condition and rule value its trace recorded is the value of that condition
/// computed on demand, and every let `plum eval` (and the REPL, which evaluates the same way)
/// prints is the value the explanation shows.
@Suite struct OneMachinePropertyTests {
  static let asOf = CivilDate.days(year: 2026, month: 11, day: 26)

  /// The model the generated policies name.
  static let churn: RuntimeModel? = {
    guard
      let terms = try? LinearTerms(
        featureNames: CheckingPolicyGenerator.modelFeatures, standardization: nil, intercept: -0.5,
        coefficients: [0.03, -0.08])
    else { return nil }
    return .logistic(LogisticRegression(terms: terms))
  }()

  /// What one policy and its records showed: how many checks ran, or why the policy was skipped.
  struct Tally {
    var policies = 0
    var skipped = 0
    var records = 0
    var conditions = 0
    var rules = 0
    var lets = 0
    var evaluated = 0
  }

  @Test func generatedPoliciesExplainWhatTheMachineDecided() throws {
    let model = try #require(Self.churn)
    var tally = Tally()
    for seed in 0..<1_500 {
      var generator = CheckingPolicyGenerator(seed: UInt64(seed))
      let text = generator.policy()
      var csv = CheckingPolicyGenerator.columns.joined(separator: ",") + "\n"
      for key in 0..<4 { csv += generator.recordLine(key: key) + "\n" }
      let compiled = Driver.compile(
        path: "generated.plum", bytes: Array(text.utf8),
        options: CompileOptions(lints: false, runtimeModels: [CheckingPolicyGenerator.modelPath: model]))
      guard compiled.program != nil else {
        tally.skipped += 1
        continue
      }
      tally.policies += 1
      // Evaluating lets through `plum eval` compiles each of them again: a sample is enough.
      try Self.check(
        compiled, csv: csv, model: model, evaluating: seed % 10 == 0, tally: &tally, label: "seed \(seed)")
    }
    print(
      "checked \(tally.policies) generated policies (\(tally.skipped) skipped), \(tally.records) records, "
        + "\(tally.conditions) conditions, \(tally.rules) rules, \(tally.lets) lets, \(tally.evaluated) by plum eval"
    )
    #expect(
      tally.policies > 1_000, "only \(tally.policies) generated policies check (\(tally.skipped) skipped)")
    #expect(tally.conditions > 5_000 && tally.rules > 1_000 && tally.lets > 1_000 && tally.evaluated > 300)
  }

  @Test(
    arguments: [
      ("examples/winback/winback.plum", "examples/winback/data/participants.csv"),
      ("examples/recognition/recognition.plum", "examples/recognition/data/employees.csv"),
      ("examples/fraud/fraud.plum", "examples/fraud/data/claims.csv"),
      ("Tests/PlumCLITests/Fixtures/explain/lapsed.plum", "Tests/PlumCLITests/Fixtures/explain/lapsed.csv"),
      ("Tests/PlumCLITests/Fixtures/explain/semantics.plum", nil),
    ] as [(String, String?)])
  func examplesExplainWhatTheMachineDecided(policy: String, data: String?) throws {
    let path = Repository.path(policy)
    let bytes = try #require(FileManager.default.contents(atPath: path))
    let compiled = Driver.compile(path: path, bytes: Array(bytes))
    #expect(compiled.program != nil, "\(policy) does not compile")
    guard compiled.program != nil else { return }
    let csv = try data.map { try String(contentsOfFile: Repository.path($0), encoding: .utf8) }
    var tally = Tally()
    try Self.check(compiled, csv: csv, model: nil, evaluating: true, tally: &tally, label: policy)
    #expect(tally.records > 0 || csv == nil)
  }

  /// Decides every record of `csv` as `plum run` does and checks what inspecting it shows.
  static func check(
    _ compiled: Compilation, csv: String?, model: RuntimeModel?, evaluating: Bool, tally: inout Tally,
    label: String
  ) throws {
    let program = try #require(compiled.program)
    let checked = try #require(compiled.checked)
    let schema = try #require(compiled.schema)
    let runner = try DecisionRunner(program: program, asOf: asOf)
    let inspection = try Inspection(
      policy: checked, source: compiled.source, options: compiled.loweringOptions, asOf: asOf,
      expressions: InspectionQueries.explaining(checked))
    let rows: [RecordRow]
    if let csv {
      let reader = try CSVReader(schema: schema, source: MemorySource(Array(csv.utf8)))
      var row = schema.makeRow()
      var read: [RecordRow] = []
      while let status = try reader.next(into: &row) { if case .record = status { read.append(row) } }
      rows = read
    } else {
      rows = []
    }
    let evalPolicy = evaluating ? try? EvalPolicy.load(path: nil, compiled: compiled).get() : nil
    // Records past the first 200 add little; `plum eval` runs on the first 20 of each file.
    for (number, row) in rows.prefix(200).enumerated() {
      tally.records += 1
      let here = "\(label) record \(number + 1)"
      runner.decide(row, record: number + 1)
      let plain = runner.decision
      let inspector = inspection.inspector(for: row)
      let traced = inspector.decision
      // The decision an explanation shows is plum run's.
      #expect(traced.rewards == plain.rewards, "\(here): rewards")
      #expect(traced.reasons == plain.reasons, "\(here): reasons")
      #expect(traced.error?.code == plain.error?.code, "\(here): error")
      let trace = try #require(traced.trace, "\(here): no trace")
      // Every condition the decision evaluated has, on demand, the value the trace recorded.
      for (index, reward) in checked.rewards.enumerated() {
        let parts = reward.requires + (reward.when?.conjuncts ?? [])
        for (position, part) in parts.enumerated() {
          guard let recorded = trace.rewards[index].conditions[position] else { continue }
          tally.conditions += 1
          #expect(
            inspector.evaluate(part) == .success(.bool(recorded)), "\(here): \(reward.name.name) #\(position)"
          )
        }
      }
      for rule in trace.rules {
        guard let recorded = rule.value,
          let index = checked.rules.firstIndex(where: { $0.name.name == rule.name })
        else { continue }
        tally.rules += 1
        #expect(inspector.value(of: .rule(index)) == .success(.bool(recorded)), "\(here): rule \(rule.name)")
      }
      // What `plum eval` (and the REPL) prints for a let is what the explanation shows.
      for (index, item) in checked.lets.enumerated() {
        tally.lets += 1
        let shown = inspector.value(of: .let(index))
        guard let evalPolicy, number < 20 else { continue }
        let inspector = ExpressionEvaluator(policy: evalPolicy, asOf: asOf)
        let printed = inspector.evaluate(item.name.name, record: row)
        tally.evaluated += 1
        switch (shown, printed) {
        case (.success(let value), .value(let text, _, _)):
          let expected = value.isMissing ? "missing" : ValueText.text(of: value)
          #expect(text == expected || text == "<redacted>", "\(here): let \(item.name.name)")
        case (.failure(.fault(let fault)), .fault(let finding)):
          #expect(finding.diagnostic.code.id == fault.code, "\(here): let \(item.name.name) fails alike")
        case (.failure(.noConsent), .blocked):
          break
        default:
          Issue.record("\(here): let \(item.name.name) shows \(shown) but evaluates to \(printed)")
        }
      }
      // The whole account renders.
      let report = ExplainReport(
        loaded: LoadedPolicy(
          path: label, source: compiled.source, policy: checked, program: program, schema: schema,
          directory: compiled.directory, loweringOptions: compiled.loweringOptions),
        inspector: inspector, decision: inspector.decide())
      #expect(report.render(heading: here).contains("rewards\n"))
    }
  }
}
