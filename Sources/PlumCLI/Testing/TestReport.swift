import PlumDiagnostics

/// What `plum test` found for one policy file.
enum TestFileOutcome {
  /// The tests ran.
  case tested(PolicyTestResults)
  /// The policy has no `test` blocks.
  case noTests(path: String)
  /// The policy has errors (shown on standard error); nothing ran.
  case invalid(path: String, errors: Int)
  /// The file could not be read.
  case unreadable(path: String, message: String)

  /// The path as given.
  var path: String {
    switch self {
    case .tested(let results): results.path
    case .noTests(let path), .invalid(let path, _), .unreadable(let path, _): path
    }
  }

  /// The results, when the tests ran.
  var results: [TestResult] {
    if case .tested(let results) = self { return results.results }
    return []
  }
}

/// The text report: one line per test, failure details, and the counts as the last line.
struct TestReport {
  let files: [TestFileOutcome]
  /// Whether to add each policy's coverage.
  var showsCoverage = false
  /// Whether to colour the marks (a terminal without `NO_COLOR`).
  var colored = false

  /// The number of tests that passed.
  var passed: Int { files.flatMap(\.results).filter { $0.status == .passed }.count }
  /// The number of tests that failed or could not run.
  var failed: Int { files.flatMap(\.results).filter { $0.status != .passed }.count }

  /// The whole report.
  var text: String {
    var lines: [String] = []
    for file in files {
      switch file {
      case .tested(let policy):
        lines.append(policy.path)
        for result in policy.results { lines += self.lines(for: result, in: policy.source) }
        if showsCoverage { lines += policy.coverage.lines.map { "  " + $0 } }
      case .noTests(let path): lines.append("\(path): no tests")
      case .invalid(let path, let errors): lines.append("\(path): not tested, \(plural(errors, "error"))")
      case .unreadable(let path, let message): lines.append("\(path): not tested, \(message)")
      }
    }
    lines.append("")
    lines.append(summary)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The last line: `N passed, M failed`, then the policies whose tests could not run, so a run
  /// that fails for them never ends on a line that reads like success.
  var summary: String {
    var parts = ["\(passed) passed", "\(failed) failed"]
    let invalid = files.filter { if case .invalid = $0 { true } else { false } }.count
    let unreadable = files.filter { if case .unreadable = $0 { true } else { false } }.count
    if invalid > 0 { parts.append("\(invalid) \(invalid == 1 ? "policy" : "policies") with errors") }
    if unreadable > 0 { parts.append("\(unreadable) \(unreadable == 1 ? "policy" : "policies") unreadable") }
    return parts.joined(separator: ", ")
  }

  private func lines(for result: TestResult, in source: SourceFile) -> [String] {
    let mark = result.status == .passed ? paint("✓", "32") : paint("✗", "31")
    var lines = ["  \(mark) \(result.name)"]
    for failure in result.failures {
      lines += TestFailureText.lines(failure, in: source, error: result.status == .error).map {
        "      " + $0
      }
    }
    return lines
  }

  private func paint(_ text: String, _ code: String) -> String {
    colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}

/// A failure as text: the expectation's location and source line with a caret, then details.
enum TestFailureText {
  /// The failure's lines, without indentation.
  static func lines(_ failure: TestFailure, in source: SourceFile, error: Bool) -> [String] {
    guard let range = failure.range else {
      return ["\(error ? "error" : "failure"): \(failure.message)"] + failure.details
    }
    let start = source.location(of: range.start)
    let end = source.location(of: range.end)
    let lineText = source.lineText(start.line)
    let number = String(start.line)
    let gutter = String(repeating: " ", count: number.count)
    let lineLength = lineText.unicodeScalars.count
    let width = end.line == start.line ? end.column - start.column : lineLength - start.column + 1
    let caret =
      String(repeating: " ", count: max(0, start.column - 1)) + String(repeating: "^", count: max(1, width))
    return [
      "\(source.name):\(start.line):\(start.column): \(failure.message)",
      "\(gutter) |",
      "\(number) | \(lineText)",
      "\(gutter) | \(caret)",
    ] + failure.details
  }
}
