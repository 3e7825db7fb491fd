import PlumDiagnostics

/// The outcome of one `test` block.
struct TestResult {
  /// How the test ended.
  enum Status: Equatable {
    /// Every expectation held.
    case passed
    /// An expectation did not hold.
    case failed
    /// The test could not run as written: its record could not be built or read, or deciding it
    /// failed unexpectedly.
    case error
  }

  /// The test's name.
  var name: String
  /// The span of the name, for the test's line number.
  var nameRange: SourceRange
  /// How it ended.
  var status: Status
  /// What went wrong, in order.
  var failures: [TestFailure] = []
  /// Whether a fixture file could not be read (an I/O error: exit status 2).
  var fixtureUnreadable = false
  /// Whether each reward's conditions held for the test's record, by reward index.
  var rewardOutcomes: [Int: Bool] = [:]
  /// Each rule's value for the test's record, by rule index.
  var ruleOutcomes: [Int: Bool] = [:]
}

/// One expectation that did not hold, or a problem with the test itself.
struct TestFailure {
  /// The expectation's span; nil for a problem with the test as a whole.
  var range: SourceRange?
  /// One line saying what was expected and what happened.
  var message: String
  /// Further lines: actual values and the traces of the rewards in question.
  var details: [String] = []
}

/// The results of one policy file's tests.
struct PolicyTestResults {
  /// The policy's path as given.
  var path: String
  /// The policy's name (`policy NAME`), or the file name.
  var name: String
  /// The source, for excerpts.
  var source: SourceFile
  /// The results, in source order.
  var results: [TestResult]
  /// The coverage of rewards and rules over the tests.
  var coverage: TestCoverage
}
