import Foundation
import PlumChecker
import PlumData
import PlumModels
import PlumRuntime
import Testing

@testable import PlumCLI

/// A program lowered for explanations (traces and probe blocks) must decide exactly as the plain
/// program `plum run` uses, and every counterfactual an explanation proposes must, applied to the
/// record, make the plain program find the reward eligible.
struct ExplainAgreementTests {
  private static let asOf = CivilDate.days(year: 2026, month: 11, day: 26)

  private static func load(_ relative: String) throws -> LoadedPolicy {
    let io = CapturedIO()
    switch LoadedPolicy.load(inspectPath(relative), io: io) {
    case .success(let loaded): return loaded
    case .failure(let failure): throw AgreementError.unusable("\(relative): \(failure)\n\(io.err)")
    }
  }

  private static func rows(_ loaded: LoadedPolicy, _ relative: String) throws -> [RecordRow] {
    let path = inspectPath(relative)
    let format = try #require(InputFormat(path: path, option: nil))
    return try RecordFile(path: path, format: format, schema: loaded.schema).readAll(io: CapturedIO())
      .compactMap { if case .row(let row) = $0 { row } else { nil } }
  }

  @Test(arguments: [
    ("examples/winback/winback.plum", "examples/winback/data/participants.csv"),
    ("examples/recognition/recognition.plum", "examples/recognition/data/employees.csv"),
    ("Tests/PlumCLITests/Fixtures/explain/lapsed.plum", "Tests/PlumCLITests/Fixtures/explain/lapsed.csv"),
    ("Tests/PlumCLITests/Fixtures/test/shop.plum", "Tests/PlumCLITests/Fixtures/test/customers.csv"),
  ])
  func traceDecidesLikeTheMachine(policy: String, data: String) throws {
    let loaded = try Self.load(policy)
    let runner = try DecisionRunner(program: loaded.program, asOf: Self.asOf)
    let inspection = try loaded.inspection(asOf: Self.asOf)
    let rows = try Self.rows(loaded, data)
    #expect(!rows.isEmpty)
    for row in rows {
      let decision = inspection.inspector(for: row).decide()
      runner.decide(row, record: 1)
      let machine = runner.decision
      if let fault = machine.error {
        #expect(decision.fault?.code == fault.code.rawValue, "line \(row.line)")
      } else {
        #expect(decision.fault == nil, "line \(row.line)")
        #expect(
          decision.selected.map { decision.rewards[$0].name } == machine.rewards.map(\.name),
          "line \(row.line)")
        #expect(
          decision.selected.map { decision.rewards[$0].because } == machine.rewards.map(\.because),
          "line \(row.line)")
      }
    }
  }

  @Test func theInspectedProgramKeepsTheBudgetAndThePointValue() throws {
    let loaded = try Self.load("examples/budget/budget.plum")
    let inspection = try loaded.inspection(asOf: Self.asOf)
    #expect(loaded.program.budget == 60_000)
    #expect(inspection.program.budget == loaded.program.budget)
    #expect(inspection.program.pointValue == loaded.program.pointValue)
  }

  @Test func randomRecordsAreDecidedAlike() throws {
    let loaded = try Self.load("examples/winback/winback.plum")
    let runner = try DecisionRunner(program: loaded.program, asOf: Self.asOf)
    let inspection = try loaded.inspection(asOf: Self.asOf)
    var generator = SplitMix64(seed: 20_261_126)
    let input = loaded.policy.input
    for _ in 0..<2_000 {
      var values: [ExplainValue] = []
      for field in input.fields {
        let optional = field.type.isOptional
        if optional && generator.next() % 4 == 0 {
          values.append(.missing)
          continue
        }
        switch field.type.unwrapped {
        case .int: values.append(.int(Int64(generator.next() % 90)))
        case .bool: values.append(.bool(generator.next() % 2 == 0))
        case .money(let currency):
          values.append(.money(Int64(generator.next() % 500_000), currency: currency))
        case .date: values.append(.date(Self.asOf - Int64(generator.next() % 800)))
        case .enumeration(let type):
          values.append(.enumeration(type, Int(generator.next() % UInt64(type.cases.count))))
        default: values.append(.string(["FR", "DE", "US", "BE", "x"][Int(generator.next() % 5)]))
        }
      }
      let row = ExplainRecord.row(from: values, schema: loaded.schema)
      let decision = inspection.inspector(for: values).decide()
      guard runner.decide(row, record: 1) else {
        Issue.record("the machine failed on \(values)")
        continue
      }
      #expect(
        decision.selected.map { decision.rewards[$0].name } == runner.decision.rewards.map(\.name),
        "\(values)")
    }
  }

  /// Every operator, library function and format feeds one `because` text: the trace must write
  /// it exactly as the machine does, or fail with the same error.
  @Test func everyOperatorComputesAsInTheMachine() throws {
    let loaded = try Self.load("Tests/PlumCLITests/Fixtures/explain/semantics.plum")
    let runner = try DecisionRunner(program: loaded.program, asOf: Self.asOf)
    let inspection = try loaded.inspection(asOf: Self.asOf)
    var generator = SplitMix64(seed: 7)
    var failures = 0
    for _ in 0..<3_000 {
      func int(_ range: Int64) -> Int64 { Int64(generator.next() % UInt64(2 * range + 1)) - range }
      func real() -> Double { Double(int(2_000)) / 64 }
      let tier = try #require(loaded.policy.input.fields.first { $0.path == "tier" })
      guard case .enumeration(let tiers) = tier.type else { throw AgreementError.unusable("tier") }
      let values: [ExplainValue] = [
        .string("r"), .int(int(100) + 100), .int(int(4)), .float(real()), .float(real()),
        .money(int(50_000), currency: "EUR"), .date(Self.asOf + int(900)),
        generator.next() % 3 == 0 ? .missing : .date(Self.asOf + int(900)),
        .string([" abc ", "Bob", "ä", "", "aBc"][Int(generator.next() % 5)]),
        .enumeration(tiers, Int(generator.next() % 3)), .bool(generator.next() % 2 == 0),
        generator.next() % 2 == 0 ? .missing : .int(int(9)),
      ]
      let row = ExplainRecord.row(from: values, schema: loaded.schema)
      let decision = inspection.inspector(for: values).decide()
      runner.decide(row, record: 1)
      if let fault = runner.decision.error {
        failures += 1
        #expect(decision.fault?.code == fault.code.rawValue, "\(values)")
      } else {
        #expect(decision.fault == nil, "\(values)")
        #expect(
          decision.selected.map { decision.rewards[$0].because } == runner.decision.rewards.map(\.because),
          "\(values)")
      }
    }
    // Division by zero and domain errors occur, and most records are still decided.
    #expect(failures > 0 && failures < 1_500)
  }

  @Test(arguments: [
    ("examples/winback/winback.plum", "examples/winback/data/participants.csv"),
    ("examples/recognition/recognition.plum", "examples/recognition/data/employees.csv"),
    ("Tests/PlumCLITests/Fixtures/explain/lapsed.plum", "Tests/PlumCLITests/Fixtures/explain/lapsed.csv"),
  ])
  func counterfactualsMakeTheMachineFindTheRewardEligible(policy: String, data: String) throws {
    let loaded = try Self.load(policy)
    let directory = (inspectPath(policy) as NSString).deletingLastPathComponent
    let explaining = try #require(
      Lowering.lower(
        loaded.policy, source: loaded.source,
        options: LoweringOptions(explain: true, modelDirectory: directory)
      ).program)
    let runner = try DecisionRunner(program: explaining, asOf: Self.asOf)
    let inspection = try loaded.inspection(asOf: Self.asOf)
    var checked = 0
    for row in try Self.rows(loaded, data).prefix(300) {
      let values = ExplainRecord.values(of: row, schema: loaded.schema, input: loaded.policy.input)
      let inspector = inspection.inspector(for: row)
      let decision = inspector.decide()
      guard decision.fault == nil else { continue }
      for trace in decision.rewards where !trace.isEligible {
        guard
          case .change(let proposal)? = ExplainCounterfactual.find(reward: trace.reward, inspector: inspector)
        else { continue }
        var changed = values
        changed[proposal.fieldIndex] = proposal.value
        #expect(
          Self.eligible(trace.name, runner, ExplainRecord.row(from: changed, schema: loaded.schema)) == true,
          "line \(row.line): \(proposal.sentence)")
        // The boundary is tight: one step back toward the record's own value does not suffice.
        if let closer = Self.stepBack(proposal.value, toward: values[proposal.fieldIndex]) {
          changed[proposal.fieldIndex] = closer
          #expect(
            Self.eligible(trace.name, runner, ExplainRecord.row(from: changed, schema: loaded.schema))
              == false,
            "line \(row.line): \(proposal.sentence) is not the boundary")
        }
        checked += 1
      }
    }
    #expect(checked > 0)
  }

  /// Whether the machine's explanation says the reward's conditions held.
  private static func eligible(_ reward: String, _ runner: DecisionRunner, _ row: RecordRow) -> Bool? {
    struct Line: Decodable {
      struct Explain: Decodable {
        struct Reward: Decodable {
          var name: String
          var eligible: Bool
        }
        var rewards: [Reward]
      }
      var explain: Explain?
    }
    let writer = JSONLinesWriter()
    runner.decide(row, record: 1, explain: true, to: writer)
    let line = try? JSONDecoder().decode(Line.self, from: Data(writer.bytes))
    return line?.explain?.rewards.first { $0.name == reward }?.eligible
  }

  /// The integer or date one step from `value` toward `original`, when both are of that kind.
  private static func stepBack(_ value: ExplainValue, toward original: ExplainValue) -> ExplainValue? {
    switch (value, original) {
    case (.int(let a), .int(let b)) where a != b: .int(a + (b > a ? 1 : -1))
    case (.date(let a), .date(let b)) where a != b: .date(a + (b > a ? 1 : -1))
    default: nil
    }
  }
}

private enum AgreementError: Error {
  case unusable(String)
}
