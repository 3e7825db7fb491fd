import PlumChecker
import PlumData
import PlumDiagnostics
import PlumRuntime

/// Runs a policy's `test` blocks: builds each record, decides it with the machine, traces it, and
/// checks every expectation.
final class TestRunner {
  private let loaded: LoadedPolicy
  private let asOf: Int64
  private let io: CommandIO
  private let inspection: Inspection?
  private var fixtures: [String: Result<[RecordOutcome], RecordFile.Failure>] = [:]

  /// Creates a runner for a loaded policy and an as-of date (days since 1970-01-01).
  init(loaded: LoadedPolicy, asOf: Int64, io: CommandIO) {
    self.loaded = loaded
    self.asOf = asOf
    self.io = io
    inspection = try? loaded.inspection(
      asOf: asOf, expressions: loaded.policy.tests.flatMap(InspectionQueries.testing))
  }

  /// Runs every test of the policy, in source order.
  func run() -> PolicyTestResults {
    let results = loaded.policy.tests.map(run)
    return PolicyTestResults(
      path: loaded.path, name: loaded.policy.name?.name ?? loaded.path, source: loaded.source,
      results: results,
      coverage: TestCoverage(policy: loaded.policy, results: results))
  }

  // MARK: One test

  /// A test's record, ready to decide, or why there is none.
  private enum TestRecord {
    case values([ExplainValue], RecordRow)
    case rejected(RecordError)
    case problem(String, unreadable: Bool)
  }

  private func run(_ test: CheckedTest) -> TestResult {
    var result = TestResult(name: test.name, nameRange: test.nameRange, status: .passed)
    switch record(for: test) {
    case .problem(let message, let unreadable):
      result.status = .error
      result.fixtureUnreadable = unreadable
      result.failures.append(TestFailure(range: nil, message: message))
    case .rejected(let error):
      let code = error.code.rawValue
      let message = "the record cannot be read: \(describe(error))"
      for expectation in test.expectations {
        if case .error(let expected) = expectation.kind {
          if expected != code {
            result.failures.append(
              TestFailure(range: expectation.range, message: "expected error \(expected), but \(message)"))
          }
        } else {
          result.failures.append(TestFailure(range: expectation.range, message: message))
        }
      }
      if !test.expectations.contains(where: { if case .error = $0.kind { true } else { false } }) {
        result.status = .error
      } else if !result.failures.isEmpty {
        result.status = .failed
      }
    case .values(let values, let row):
      check(test, values: values, row: row, into: &result)
    }
    return result
  }

  private func check(
    _ test: CheckedTest, values: [ExplainValue], row: RecordRow, into result: inout TestResult
  ) {
    guard let inspection else {
      result.status = .error
      result.failures.append(
        TestFailure(range: nil, message: "the policy's input cannot be read from records"))
      return
    }
    let inspector = inspection.inspector(for: row)
    let machine = inspector.decision
    let decision = inspector.decide()
    recordCoverage(decision, inspector, into: &result)
    let checker = ExpectationChecker(
      inspector: inspector, decision: decision, machine: machine, program: inspection.program,
      rewardNames: loaded.policy.rewards.map(\.name.name), runProgram: loaded.program, row: row, asOf: asOf)
    let expectsError = test.expectations.contains { if case .error = $0.kind { true } else { false } }
    if let fault = machine.error, !expectsError {
      let code = fault.code.rawValue
      let message = fault.message(in: inspection.program)
      result.status = .error
      let text = TraceText(inspector: inspector, decision: decision)
      let stopped = decision.rewards.filter { if case .fault = $0.outcome { true } else { false } }
      let details = stopped.flatMap {
        ["reward \($0.name): stopped here"] + text.conditions(of: $0.reward, indent: "  ")
      }
      result.failures.append(
        TestFailure(
          range: nil, message: "the record could not be decided: error[\(code)]: \(message)", details: details
        ))
      return
    }
    for expectation in test.expectations {
      if let failure = checker.check(expectation) { result.failures.append(failure) }
    }
    if !result.failures.isEmpty { result.status = .failed }
  }

  private func recordCoverage(
    _ decision: ExplainDecision, _ inspector: RecordInspector, into result: inout TestResult
  ) {
    for trace in decision.rewards {
      switch trace.outcome {
      case .eligible: result.rewardOutcomes[trace.reward] = true
      case .failed, .blocked: result.rewardOutcomes[trace.reward] = false
      case .fault, .notEvaluated: break
      }
    }
    for index in loaded.policy.rules.indices {
      if case .success(.bool(let value)) = inspector.value(of: .rule(index)) {
        result.ruleOutcomes[index] = value
      }
    }
  }

  // MARK: Records

  private func record(for test: CheckedTest) -> TestRecord {
    switch test.given {
    case nil:
      return .problem("the test has no `given` record", unreadable: false)
    case .record(let fields):
      guard let inspection else {
        return .problem("the policy's input cannot be read from records", unreadable: false)
      }
      switch inspection.values(of: fields) {
      case .success(let values):
        return .values(values, ExplainRecord.row(from: values, schema: loaded.schema))
      case .failure(let fault):
        return .problem(
          "the test record cannot be built: \(fault.message(in: loaded.source))", unreadable: false)
      }
    case .file(let path, let row):
      let resolved = loaded.resolve(path)
      guard let format = InputFormat(path: resolved, option: nil) else {
        return .problem(
          "cannot tell the format of `\(path)`; use a .csv, .jsonl or .ndjson name", unreadable: false)
      }
      let outcomes: [RecordOutcome]
      switch fixture(resolved, format: format) {
      case .success(let all): outcomes = all
      case .failure(.file(let error)):
        return .problem("cannot read `\(path)` (looked for `\(resolved)`): \(error.reason)", unreadable: true)
      case .failure(let failure):
        return .problem("cannot read records from `\(path)`: \(failure)", unreadable: false)
      }
      guard row >= 1, row <= outcomes.count else {
        return .problem(
          "`\(path)` has no row \(row): it has \(plural(outcomes.count, "record"))", unreadable: false)
      }
      switch outcomes[Int(row) - 1] {
      case .row(let recordRow):
        return .values(
          ExplainRecord.values(of: recordRow, schema: loaded.schema, input: loaded.policy.input), recordRow)
      case .failure(let error):
        return .rejected(error)
      }
    }
  }

  private func fixture(_ path: String, format: InputFormat) -> Result<
    [RecordOutcome], RecordFile.Failure
  > {
    if let cached = fixtures[path] { return cached }
    let source = RecordFile(path: path, format: format, schema: loaded.schema)
    let result: Result<[RecordOutcome], RecordFile.Failure>
    do {
      result = .success(try source.readAll(io: io))
    } catch {
      result = .failure(error)
    }
    fixtures[path] = result
    return result
  }

  /// A record error's text, without values of `pii` fields.
  private func describe(_ error: RecordError) -> String {
    loaded.program.inputs.redacted(error).description
  }
}
