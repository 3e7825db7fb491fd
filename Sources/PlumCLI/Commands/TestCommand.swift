import Foundation
import PlumRuntime

/// `plum test [FILE|DIR…]`: runs the policies' `test` blocks.
enum TestCommand: Command {
  static let name = "test"
  static let abstract = "Run the test blocks of policies and report each test."
  static let discussion: String? = """
    Each test decides its `given` record (written inline, or a row of a CSV or JSON Lines file
    relative to the policy) and checks its expectations. The report has one line per test, the
    expectation, actual value and reward trace of each failure, and 'N passed, M failed' as its
    last line, followed by the number of policies with errors when there are any. --format junit writes JUnit XML instead; --coverage adds, per policy, whether some
    test made each reward and rule true and some made it false. Dates are relative to --as-of
    (default: today's UTC date). A directory stands for every *.plum file below it (default: .).
    --quiet leaves the policies' warnings out of standard error.
    Exit status: 0 when every test passed, 1 when any failed or a policy has errors, 2 for usage or
    I/O errors (including a fixture file that cannot be read).
    """
  static let arguments = ArgumentSpec(
    flags: [
      .init(name: "--coverage", help: "Show which rewards and rules the tests made true and false."), .quiet,
    ],
    options: [
      .init(
        name: "--format", valueName: "format", help: "How to report results.", choices: ["text", "junit"]),
      .init(
        name: "--as-of", valueName: "date", help: "The date (YYYY-MM-DD) that `today` means in the tests."),
    ],
    positionals: [
      .init(
        name: "path", help: "Policy files or directories (default: the current directory).", optional: true,
        repeating: true)
    ])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    let asOf = try AsOfOption.parse(arguments.value("--as-of"))
    let given = arguments.positionals.isEmpty ? ["."] : arguments.positionals
    guard let paths = PolicyPaths.expand(given, io: io) else { return .usage }
    var outcomes: [TestFileOutcome] = []
    for path in paths {
      switch LoadedPolicy.load(path, io: io, requiringTests: true, quiet: arguments.has("--quiet")) {
      case .success(let loaded):
        outcomes.append(.tested(TestRunner(loaded: loaded, asOf: asOf, io: io).run()))
      case .failure(.noTests):
        outcomes.append(.noTests(path: path))
      case .failure(.invalid(let errors)):
        io.writeErr("error: \(path) has \(plural(errors, "error")); its tests were not run\n")
        outcomes.append(.invalid(path: path, errors: errors))
      case .failure(.unreadable(let error)):
        io.writeErr("error: \(error)\n")
        outcomes.append(.unreadable(path: path, message: error.reason))
      }
    }
    let report = TestReport(
      files: outcomes, showsCoverage: arguments.has("--coverage"), colored: io.colorsOut)
    if arguments.value("--format") == "junit" {
      io.writeOut(TestJUnit.document(outcomes))
      if arguments.has("--coverage") {
        for case .tested(let policy) in outcomes {
          io.writeErr(
            ([policy.path] + policy.coverage.lines.map { "  " + $0 }).joined(separator: "\n") + "\n")
        }
      }
    } else {
      io.writeOut(report.text)
    }
    // A file that cannot be read is an I/O error; a policy with errors fails its tests like a finding.
    let unreadable = outcomes.contains {
      switch $0 {
      case .unreadable: true
      case .tested(let policy): policy.results.contains(where: \.fixtureUnreadable)
      case .invalid, .noTests: false
      }
    }
    if unreadable { return .usage }
    let invalid = outcomes.contains { if case .invalid = $0 { true } else { false } }
    return report.failed > 0 || invalid ? .findings : .success
  }
}
