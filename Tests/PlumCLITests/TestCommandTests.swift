import Foundation
import Testing

@testable import PlumCLI

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Runs `plum` in-process; paths below the repository are shown relative to it, so goldens are stable.
func inspectPlum(_ arguments: [String], files: [String: String] = [:]) -> (
  status: PlumCLI.ExitStatus, out: String, err: String
) {
  let io = CapturedIO(files: files)
  let status = PlumCommand.run(arguments, io: io)
  let root = repositoryRoot.path + "/"
  return (
    status, io.out.replacingOccurrences(of: root, with: ""), io.err.replacingOccurrences(of: root, with: "")
  )
}

/// The absolute path of a file in the repository.
func inspectPath(_ relative: String) -> String {
  repositoryRoot.appendingPathComponent(relative).path
}

/// The shop fixture: passing, failing and erroring tests, rows from a CSV file and a model.
private let shop = inspectPath("Tests/PlumCLITests/Fixtures/test/shop.plum")

struct TestCommandTests {
  @Test func reportsEveryTestWithFailureDetailsAndCountsLast() {
    let (status, out, err) = inspectPlum(["test", "--as-of", "2026-11-26", shop])
    #expect(status == .findings)
    #expect(err.isEmpty, "\(err)")
    expectGolden(out, "test/shop.txt")
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.last == "4 passed, 4 failed")
    #expect(lines.filter { $0.hasPrefix("  ✓ ") }.count == 4)
    #expect(lines.filter { $0.hasPrefix("  ✗ ") }.count == 4)
  }

  @Test func failuresShowTheExpectationActualValueAndTrace() {
    let (_, out, _) = inspectPlum(["test", "--as-of", "2026-11-26", shop])
    let failure = inspectSection(of: out, test: "minors are regulars too")
    #expect(failure.contains("shop.plum:77:3: expectation does not hold"))
    #expect(failure.contains("77 |   expect rewards == [loyal_points]"))
    #expect(failure.contains("   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"))
    #expect(failure.contains("actual: rewards = []"))
    #expect(failure.contains("✗ regular"))
    #expect(failure.contains("← first false"))
    #expect(failure.contains("✗ adult"))
  }

  @Test func withheldByBudgetChecksTheBudgetsChoiceAtTheStatedPrice() {
    let policy = inspectPath("Tests/PlumCLITests/Fixtures/test/budget.plum")
    let (status, out, _) = inspectPlum(["test", "--as-of", "2026-11-23", policy])
    #expect(status == .findings)
    expectGolden(out, "test/budget.txt")
    #expect(out.contains("  ✓ a silver member at risk loses the voucher at the run's price"))
    #expect(out.contains("actual: budget: save_20 given: value per cost 2.4 ≥ λ 1.675"))
    #expect(out.contains("but it is not given even without the budget"))
    #expect(out.contains("actual: budget: save_10 given: value per cost 1.25 ≥ λ 1.2"))
  }

  @Test func withheldByBudgetNeedsABudgetARewardAndANumber() {
    let source = """
      policy p
      currency EUR
      input m { id: string key }
      reward r { when true give voucher(1 EUR) }
      test "t" {
        given m { id: "a" }
        expect withheld_by_budget q at -1
      }

      """
    let (status, _, err) = inspectPlum(["check", "p.plum"], files: ["p.plum": source])
    #expect(status == .findings)
    #expect(err.contains("p.plum:7:29: error[P0201]: unknown reward `q`"))
    #expect(err.contains("error[P0213]: `withheld_by_budget` needs a `budget` in the policy"))
    #expect(err.contains("p.plum:7:34: error[P0316]: the budget's price λ after `at` must be a number ≥ 0"))
  }

  @Test func toleranceComparesWithinTheMargin() {
    let (_, out, _) = inspectPlum(["test", "--as-of", "2026-11-26", shop])
    #expect(out.contains("  ✓ a lapsed customer comes back"))
    let failure = inspectSection(of: out, test: "the lapse score is precise")
    #expect(failure.contains("values differ by more than 0.01"))
    #expect(failure.contains("actual: lapse = 0.66818777216"))
  }

  @Test func expectedErrorsPassAndUnexpectedOnesAreErrors() {
    let (_, out, _) = inspectPlum(["test", "--as-of", "2026-11-26", shop])
    #expect(out.contains("  ✓ premium members without visits cannot be decided"))
    #expect(out.contains("  ✓ a malformed amount is rejected"))
    let unexpected = inspectSection(of: out, test: "premium members without visits")
    #expect(unexpected.contains("error: the record could not be decided: error[P0502]: division by zero"))
    let wrongCode = inspectSection(of: out, test: "a malformed amount is a missing value")
    #expect(wrongCode.contains("expected error P0602, but the record cannot be read"))
    #expect(wrongCode.contains("error[P0603]"))
  }

  @Test func junitIsWellFormedWithTheRightCounts() throws {
    let (status, out, _) = inspectPlum(["test", "--as-of", "2026-11-26", "--format", "junit", shop])
    #expect(status == .findings)
    expectGolden(out, "test/shop.junit.xml")
    #expect(XMLCheck.isWellFormed(out))
    let document = try XMLDocument(data: Data(out.utf8), options: [])
    let root = try #require(document.rootElement())
    #expect(root.name == "testsuites")
    #expect(root.attribute(forName: "tests")?.stringValue == "8")
    #expect(root.attribute(forName: "failures")?.stringValue == "3")
    #expect(root.attribute(forName: "errors")?.stringValue == "1")
    let suites = root.elements(forName: "testsuite")
    #expect(suites.count == 1)
    let cases = suites.flatMap { $0.elements(forName: "testcase") }
    #expect(cases.count == 8)
    #expect(cases.flatMap { $0.elements(forName: "failure") }.count == 3)
    #expect(cases.flatMap { $0.elements(forName: "error") }.count == 1)
    for failure in cases.flatMap({ $0.elements(forName: "failure") + $0.elements(forName: "error") }) {
      #expect(failure.attribute(forName: "message")?.stringValue?.isEmpty == false)
      #expect(failure.stringValue?.isEmpty == false)
    }
    let names = cases.compactMap { $0.attribute(forName: "name")?.stringValue }
    #expect(names.first == "regulars earn points")
  }

  @Test func junitEscapesMarkupInNamesAndMessages() throws {
    let policy = """
      policy odd
      input person {
        id: string key
        note: string
      }
      reward tagged {
        when person.note == "<&>"
        give points(1)
      }
      test "quotes \\" and <tags> & 'more'" {
        given person { id: "p", note: "a\\tb" }
        expect reason contains "<&>\\""
      }
      """
    let (status, out, _) = inspectPlum(
      ["test", "--as-of", "2026-11-26", "--format", "junit", "odd.plum"], files: ["odd.plum": policy])
    #expect(status == .findings)
    #expect(XMLCheck.isWellFormed(out))
    let document = try XMLDocument(data: Data(out.utf8), options: [])
    let testcase = try #require(
      document.rootElement()?.elements(forName: "testsuite").first?.elements(forName: "testcase").first)
    #expect(testcase.attribute(forName: "name")?.stringValue == "quotes \" and <tags> & 'more'")
    #expect(
      testcase.elements(forName: "failure").first?.stringValue?.contains("expect reason contains \"<&>\\\"\"")
        == true)
  }

  @Test func coverageListsRewardsAndRulesNeverTrueOrFalse() {
    let (status, out, _) = inspectPlum(["test", "--as-of", "2026-11-26", "--coverage", shop])
    #expect(status == .findings)
    expectGolden(out, "test/shop.coverage.txt")
    #expect(out.contains("    reward premium_gift  true ✗  false ✓"))
    #expect(out.contains("    never true: premium_gift (reward)"))
    #expect(!out.contains("never false"))
    #expect(out.hasSuffix("\n4 passed, 4 failed\n"))
  }

  @Test func coverageWithJUnitGoesToStandardError() throws {
    let (_, out, err) = inspectPlum([
      "test", "--as-of", "2026-11-26", "--coverage", "--format", "junit", shop,
    ])
    #expect(XMLCheck.isWellFormed(out))
    #expect(err.contains("never true: premium_gift (reward)"))
  }

  @Test(arguments: [
    "examples/winback", "examples/recognition", "examples/bench", "examples/tutorial", "examples/fraud",
  ])
  func everyExamplesTestsPass(directory: String) {
    let (status, out, err) = inspectPlum(["test", "--as-of", "2026-11-26", inspectPath(directory)])
    #expect(status == .success, "\(out)\n\(err)")
    #expect(!out.contains("✗"))
    let last = out.split(separator: "\n").last ?? ""
    #expect(last.hasSuffix(" passed, 0 failed"))
    #expect(!last.hasPrefix("0 passed"))
  }

  @Test func theDeliberatelyUnsafeExampleIsNotTested() {
    let (status, out, err) = inspectPlum(["test", inspectPath("examples/unsafe")])
    #expect(status == .findings)
    #expect(out.contains("examples/unsafe/unsafe.plum: not tested, 3 errors"))
    #expect(err.contains("error[P0402]"))
    #expect(out.hasSuffix("\n0 passed, 0 failed, 1 policy with errors\n"))
  }

  @Test func policiesWithoutTestsSayNoTests() {
    let (status, out, _) = inspectPlum(
      ["test", "--as-of", "2026-11-26", inspectPath("examples/winback"), "empty.plum"],
      files: ["empty.plum": "policy empty\ninput p { id: string key }\n"])
    #expect(status == .success)
    #expect(out.contains("empty.plum: no tests\n"))
  }

  @Test func aPolicyWithErrorsIsReportedAsCheckDoes() {
    let source =
      "policy broken\ninput p { id: string key }\nrule r = p.missing\n"
      + "test \"t\" {\n  given p { id: \"x\" }\n  expect r\n}\n"
    let (status, out, err) = inspectPlum(["test", "broken.plum"], files: ["broken.plum": source])
    #expect(status == .findings)
    #expect(err.contains("broken.plum:3:"))
    #expect(err.contains("error: broken.plum has 1 error; its tests were not run"))
    #expect(out.hasSuffix("broken.plum: not tested, 1 error\n\n0 passed, 0 failed, 1 policy with errors\n"))
    // Beside passing tests, the last line still names the policy that could not be tested.
    let (both, bothOut, _) = inspectPlum(
      [
        "test", "--as-of", "2026-11-26", inspectPath("examples/winback/winback.plum"), "broken.plum",
        "b2.plum",
      ],
      files: ["broken.plum": source, "b2.plum": source])
    #expect(both == .findings)
    #expect(bothOut.hasSuffix("\n4 passed, 0 failed, 2 policies with errors\n"), "\(bothOut)")
  }

  @Test func theLastLineNamesPoliciesThatCouldNotBeTested() {
    let files: [TestFileOutcome] = [
      .invalid(path: "a.plum", errors: 2), .unreadable(path: "b.plum", message: "cannot read `b.plum`"),
      .noTests(path: "c.plum"),
    ]
    #expect(
      TestReport(files: files).summary == "0 passed, 0 failed, 1 policy with errors, 1 policy unreadable")
    #expect(TestReport(files: [.noTests(path: "c.plum")]).summary == "0 passed, 0 failed")
  }

  @Test func anUnreadableFixtureIsAnIOError() {
    let source =
      "policy p\ninput p { id: string key }\nreward r {\n  when p.id != \"\"\n  give points(1)\n}\n"
      + "test \"t\" {\n  given p from \"nowhere.csv\" row 1\n  expect r\n}\n"
    let (status, out, _) = inspectPlum(["test", "p.plum"], files: ["p.plum": source])
    #expect(status == .usage)
    #expect(out.contains("error: cannot read `nowhere.csv` (looked for `nowhere.csv`)"))
  }

  @Test func aRowBeyondTheFixtureIsATestError() {
    let source =
      "policy p\ninput p { id: string key }\nreward r {\n  when p.id != \"\"\n  give points(1)\n}\n"
      + "test \"t\" {\n  given p from \"rows.csv\" row 3\n  expect r\n}\n"
    let (status, out, _) = inspectPlum(["test", "p.plum"], files: ["p.plum": source, "rows.csv": "id\na\n"])
    #expect(status == .findings)
    #expect(out.contains("error: `rows.csv` has no row 3: it has 1 record"))
  }

  @Test func moneyToleranceAndRewardExpectations() {
    let source = """
      policy m
      currency EUR
      input p {
        id: string key
        spend: money
      }
      let share = p.spend * 0.1
      reward gift {
        when share >= 5 EUR
        give voucher(5 EUR)
        because "share {share}"
      }
      test "a tenth within a cent" {
        given p { id: "a", spend: 55.55 EUR }
        expect share == 5.55 EUR within 0.01 EUR
        expect gift
        expect reason contains "5.56 EUR"
      }
      test "too far" {
        given p { id: "b", spend: 10 EUR }
        expect share == 5 EUR within 0.01 EUR
        expect gift
      }
      """
    let (status, out, _) = inspectPlum(["test", "m.plum"], files: ["m.plum": source])
    #expect(status == .findings)
    #expect(out.contains("  ✓ a tenth within a cent"))
    let failure = inspectSection(of: out, test: "too far")
    #expect(failure.contains("values differ by more than 0.01 EUR"))
    #expect(failure.contains("actual: share = 1.00 EUR"))
    #expect(failure.contains("difference: 4.00 EUR"))
    #expect(failure.contains("actual: gift was not given"))
    #expect(failure.contains("reward gift: not eligible: `share >= 5 EUR` is false"))
  }

  @Test func aFailedConjunctionShowsEachPartsValue() {
    let source = """
      policy q
      input c {
        id: string key
        age: int
        visits: int
      }
      rule adult = c.age >= 18
      rule regular = adult and c.visits >= 5
      reward points {
        when regular
        give points(1)
      }
      test "a minor regular" {
        given c { id: "t", age: 16, visits: 9 }
        expect c.visits >= 5 and regular and c.age > 20 and points
      }
      """
    let (status, out, _) = inspectPlum(["test", "q.plum"], files: ["q.plum": source])
    #expect(status == .findings)
    let failure = inspectSection(of: out, test: "a minor regular")
    let expected = """
            actual:
              ✓ c.visits >= 5      true  (c.visits = 9)
              ✗ regular            false  ← first false
                  ✗ adult          false
                  · c.visits >= 5  not evaluated
              ✗ c.age > 20         false  (c.age = 16)
              ✗ points             false
            reward points: not eligible: `regular` is false
      """
    #expect(failure.contains(expected), "\(failure)")
    #expect(!failure.contains("actual: c.visits >= 5 and"))
  }

  @Test func asOfMovesToday() {
    let source = """
      policy d
      input p {
        id: string key
        joined: date
      }
      reward anniversary {
        when days_since(p.joined) >= 365
        give points(10)
      }
      test "a year on" {
        given p { id: "a", joined: 2025-11-26 }
        expect anniversary
      }
      """
    let onTheDay = inspectPlum(["test", "--as-of", "2026-11-26", "d.plum"], files: ["d.plum": source])
    #expect(onTheDay.status == PlumCLI.ExitStatus.success)
    let dayBefore = inspectPlum(["test", "--as-of", "2026-11-25", "d.plum"], files: ["d.plum": source])
    #expect(dayBefore.status == PlumCLI.ExitStatus.findings)
    let (status, _, err) = inspectPlum(
      ["test", "--as-of", "2026-13-01", "d.plum"], files: ["d.plum": source])
    #expect(status == .usage)
    #expect(err.contains("the value '2026-13-01' is invalid for '--as-of <date>'"))
  }

  @Test func anEmptyDirectoryIsAUsageError() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plum-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let (status, _, err) = inspectPlum(["test", directory.path])
    #expect(status == .usage)
    #expect(err == "error: no .plum files under '\(directory.path)'\n")
  }
}

/// The lines of one test's entry in a text report, up to the next test.
func inspectSection(of report: String, test name: String) -> String {
  let lines = report.split(separator: "\n", omittingEmptySubsequences: false)
  guard let start = lines.firstIndex(where: { $0 == "  ✗ \(name)" || $0 == "  ✓ \(name)" }) else { return "" }
  let rest = lines[(start + 1)...]
  let end =
    rest.firstIndex { $0.hasPrefix("  ✓ ") || $0.hasPrefix("  ✗ ") || !$0.hasPrefix("    ") } ?? rest.endIndex
  return lines[start..<end].joined(separator: "\n")
}

/// Proves a document well-formed with `XMLParser`, which (unlike `XMLDocument`) stops at errors.
enum XMLCheck {
  private final class Recorder: NSObject, XMLParserDelegate {
    var depth = 0
    var balanced = true

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      depth += 1
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
      depth -= 1
      if depth < 0 { balanced = false }
    }
  }

  /// Whether `text` parses without any error and every element is closed.
  static func isWellFormed(_ text: String) -> Bool {
    let parser = XMLParser(data: Data(text.utf8))
    let recorder = Recorder()
    parser.delegate = recorder
    return parser.parse() && parser.parserError == nil && recorder.depth == 0 && recorder.balanced
  }
}

@Test func aBrokenPolicyWithoutTestsIsStillReported() {
  let io = CapturedIO(files: [
    "broken.plum": "policy broken\ninput p { id: string key }\nrule r = p.missing\n"
  ])
  let status = PlumCommand.run(["test", "broken.plum"], io: io)
  #expect(status == .findings)
  #expect(io.err.contains("broken.plum:3:"), "\(io.err)")
  #expect(!io.out.contains("no tests"), "\(io.out)")
}
