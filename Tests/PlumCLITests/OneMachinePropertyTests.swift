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
    var models = 0
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
        + "\(tally.conditions) conditions, \(tally.rules) rules, \(tally.lets) lets, \(tally.models) models, \(tally.evaluated) by plum eval"
    )
    #expect(
      tally.policies > 1_000, "only \(tally.policies) generated policies check (\(tally.skipped) skipped)")
    #expect(
      tally.conditions > 5_000 && tally.rules > 1_000 && tally.lets > 1_000 && tally.models > 100
        && tally.evaluated > 300, "\(tally)")
  }

  @Test(
    arguments: [
      ("examples/winback/winback.plum", "examples/winback/data/participants.csv"),
      ("examples/recognition/recognition.plum", "examples/recognition/data/employees.csv"),
      ("examples/fraud/fraud.plum", "examples/fraud/data/claims.csv"),
      ("Tests/PlumCLITests/Fixtures/explain/lapsed.plum", "Tests/PlumCLITests/Fixtures/explain/lapsed.csv"),
      ("Tests/PlumCLITests/Fixtures/explain/semantics.plum", nil),
      ("Tests/PlumCLITests/Fixtures/eval/loyalty.plum", "Tests/PlumCLITests/Fixtures/eval/members.csv"),
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
        // What `plum eval` prints for a rule is what the decision computed.
        guard let evalPolicy, number < 20 else { continue }
        tally.evaluated += 1
        let printed = ExpressionEvaluator(policy: evalPolicy, asOf: asOf).evaluate(rule.name, record: row)
        guard case .value(let text, _, _) = printed else {
          Issue.record("\(here): rule \(rule.name) was \(recorded) but evaluates to \(printed)")
          continue
        }
        #expect(text == String(recorded), "\(here): plum eval's rule \(rule.name)")
      }
      // A model's score as the decision computed it is what the inspector and `plum eval` show.
      for model in trace.models {
        guard let index = checked.models.firstIndex(where: { $0.name.name == model.name }) else { continue }
        tally.models += 1
        let shown = inspector.value(of: .model(index))
        switch model.outcome {
        case .score(let score): #expect(shown == .success(.float(score)), "\(here): model \(model.name)")
        case .noConsent:
          guard case .failure(.noConsent) = shown else {
            Issue.record("\(here): model \(model.name) had no consent but shows \(shown)")
            break
          }
        case .segment, .notNeeded: break
        }
        guard let evalPolicy, number < 20 else { continue }
        tally.evaluated += 1
        let printed = ExpressionEvaluator(policy: evalPolicy, asOf: asOf).evaluate(model.name, record: row)
        switch (shown, printed) {
        case (.success(let value), .value(let text, _, _)):
          #expect(text == ValueText.text(of: value), "\(here): plum eval's model \(model.name)")
        case (.failure(.noConsent), .blocked), (.failure(.fault), .fault): break
        default: Issue.record("\(here): model \(model.name) shows \(shown) but evaluates to \(printed)")
        }
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

  /// What a scripted `plum repl` session prints for each let, rule and model of a record is what
  /// the machine computed when it decided that record, and `:why` agrees with the decision.
  @Test func aReplSessionShowsWhatTheMachineDecided() throws {
    let policy = Repository.path("Tests/PlumCLITests/Fixtures/eval/loyalty.plum")
    let data = Repository.path("Tests/PlumCLITests/Fixtures/eval/members.csv")
    let compiled = Driver.compile(
      path: policy, bytes: Array(try #require(FileManager.default.contents(atPath: policy))))
    let checked = try #require(compiled.checked)
    let schema = try #require(compiled.schema)
    let inspection = try Inspection(
      policy: checked, source: compiled.source, options: compiled.loweringOptions, asOf: Self.asOf,
      expressions: InspectionQueries.explaining(checked))
    let csv = try #require(FileManager.default.contents(atPath: data))
    let reader = try CSVReader(schema: schema, source: MemorySource(Array(csv)))
    var row = schema.makeRow()
    var rows: [RecordRow] = []
    while let status = try reader.next(into: &row) { if case .record = status { rows.append(row) } }
    #expect(rows.count >= 3)
    let names =
      checked.lets.map(\.name.name) + checked.rules.map(\.name.name) + checked.models.map(\.name.name)
    for (number, row) in rows.prefix(3).enumerated() {
      let inspector = inspection.inspector(for: row)
      let decision = inspector.decision
      let trace = try #require(decision.trace)
      let script =
        ":record \(number + 1)\n" + names.joined(separator: "\n") + "\n"
        + checked.rewards.map { ":why \($0.name.name)" }.joined(separator: "\n") + "\n"
      let (_, transcript) = scriptedRepl([policy, "--data", data, "--as-of", "2026-11-26"], input: script)
      // Before the first prompt: the banner; then the reply to `:record`, one per entry, and the
      // prompt left at the end of the input.
      let replies = transcript.components(separatedBy: "plum> ").dropFirst(2).dropLast()
      #expect(replies.count == names.count + checked.rewards.count, "\(transcript)")
      let references: [DeclarationReference] =
        checked.lets.indices.map { .let($0) } + checked.rules.indices.map { .rule($0) }
        + checked.models.indices.map { .model($0) }
      for ((name, reference), reply) in zip(zip(names, references), replies) {
        let here = "record \(number + 1): \(name)"
        switch inspector.value(of: reference) {
        case .success(let value):
          let shown = value.isMissing ? "missing" : ValueText.text(of: value)
          #expect(reply.hasPrefix(shown + " : ") || reply.hasPrefix("<redacted> : "), "\(here): \(reply)")
        case .failure:
          #expect(reply.contains("error") || reply.contains("consent"), "\(here): \(reply)")
        }
      }
      for (reward, reply) in zip(trace.rewards, replies.dropFirst(names.count)) {
        // `:why` says a reward was granted and given, and each condition's value, as the decision did.
        let here = "record \(number + 1): :why \(reward.name)"
        let lines = reply.split(separator: "\n").map(String.init)
        let heading = lines.first ?? ""
        #expect(
          heading.hasPrefix("\(reward.name): \(reward.isEligible ? "granted" : "not granted")"), "\(here)")
        #expect(heading.hasSuffix("; given") == reward.isGiven, "\(here): \(heading)")
        for (position, recorded) in reward.conditions.enumerated() {
          guard let recorded else { continue }
          let line = lines.first { $0.hasPrefix("  \(position + 1). ") } ?? ""
          #expect(
            line.hasPrefix("  \(position + 1). \(recorded) "), "\(here): condition \(position + 1): \(line)")
        }
      }
    }
  }
}
