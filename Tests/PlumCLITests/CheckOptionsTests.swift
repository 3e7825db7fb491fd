import Foundation
import PlumDriver
import Testing

@testable import PlumCLI

/// Runs `plum` in-process with in-memory files.
private func plum(_ arguments: String..., files: [String: String] = [:]) -> (
  PlumCLI.ExitStatus, out: String, err: String
) {
  let io = CapturedIO(files: files)
  let status = PlumCommand.run(arguments, io: io)
  return (status, io.out, io.err)
}

/// The unsafe example under a stable relative name, so goldens do not depend on the checkout path.
private func unsafeExample() throws -> [String: String] {
  let url = repositoryRoot.appendingPathComponent("examples/unsafe/unsafe.plum")
  return ["examples/unsafe/unsafe.plum": try String(contentsOf: url, encoding: .utf8)]
}

/// A policy with one warning (an unused let) and no errors.
private let warningOnly = """
  input person { id: string key, age: int }
  let spare = person.age + 1
  reward adult {
    when person.age >= 18
    give points(1)
  }
  test "adults" {
    given person { id: "a", age: 20 }
    expect adult
  }

  """

struct CheckOptionsTests {
  @Test func unsafeExampleFindingsAreGolden() throws {
    let files = try unsafeExample()
    let (status, out, err) = plum("check", "examples/unsafe/unsafe.plum", files: files)
    #expect(status == .findings)
    #expect(out.isEmpty)
    expectGolden(err, "check/unsafe.txt")
    for code in ["P0401", "P0402", "P0403", "P2001", "P2003", "P2005", "P2006", "P2007", "P2009", "P2010"] {
      #expect(err.contains("[\(code)]"), "missing \(code)")
    }
  }

  @Test func unsafeExampleInSarifAndGithubFormats() throws {
    let files = try unsafeExample()
    let (status, sarif, sarifErr) = plum(
      "check", "--format", "sarif", "examples/unsafe/unsafe.plum", files: files)
    #expect(status == .findings)
    #expect(sarifErr.isEmpty)
    expectGolden(sarif, "check/unsafe.sarif")
    let (githubStatus, github, _) = plum(
      "check", "--format=github", "examples/unsafe/unsafe.plum", files: files)
    #expect(githubStatus == .findings)
    expectGolden(github, "check/unsafe.github.txt")
    #expect(
      github.split(separator: "\n").allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") })
  }

  @Test func sarifIsOneLogForSeveralFiles() {
    let files = ["a.plum": warningOnly, "b.plum": warningOnly]
    let (_, out, _) = plum("check", "--format", "sarif", "a.plum", "b.plum", files: files)
    #expect(out.components(separatedBy: "\"version\": \"2.1.0\"").count == 2)
    #expect(out.contains("\"uri\": \"a.plum\"") && out.contains("\"uri\": \"b.plum\""))
  }

  @Test func warningsPassUnlessDenied() {
    let files = ["w.plum": warningOnly]
    let (status, _, err) = plum("check", "w.plum", files: files)
    #expect(status == .success)
    #expect(err.hasSuffix("checked 1 file: 0 errors, 1 warning\n"))
    let (denied, _, deniedErr) = plum("check", "--deny", "warnings", "w.plum", files: files)
    #expect(denied == .findings)
    #expect(deniedErr.contains("error[P2001]: let `spare` is never used"))
    #expect(deniedErr.hasSuffix("checked 1 file: 1 error, 0 warnings\n"))
  }

  @Test func denyByCodeIsRepeatableAndSelective() {
    let files = ["w.plum": warningOnly]
    let (other, _, _) = plum("check", "--deny", "P2007", "w.plum", files: files)
    #expect(other == .success)
    let (both, _, err) = plum("check", "--deny", "P2007", "--deny=P2001", "w.plum", files: files)
    #expect(both == .findings)
    #expect(err.contains("error[P2001]"))
    let source = warningOnly.replacingOccurrences(
      of: "let spare = person.age + 1", with: "let spare = person.age + 1 // plum:allow(P2001) kept for later"
    )
    let (silenced, _, silencedErr) = plum("check", "--deny", "warnings", "s.plum", files: ["s.plum": source])
    #expect(silenced == .success, "\(silencedErr)")
  }

  @Test func unknownDenyValueIsAUsageError() {
    let (status, _, err) = plum("check", "--deny", "P9999", "w.plum", files: ["w.plum": warningOnly])
    #expect(status == .usage)
    #expect(err.hasPrefix("error: unknown value 'P9999' for '--deny'"))
  }

  @Test func githubFormatEscapesMessages() {
    let source = "input person { id: string key, note: string }\nlet a = \"100%\"\n"
    let (_, out, err) = plum("check", "--format", "github", "p,1.plum", files: ["p,1.plum": source])
    #expect(err.isEmpty)
    #expect(out.contains("::warning file=p%2C1.plum,line=2,col=5,endLine=2,endColumn=6,title=P2001::"))
  }

  @Test func everySarifHelpLinkNamesAnAnchorOfItsPage() throws {
    let (_, out, _) = plum("check", "--format", "sarif", "w.plum", files: ["w.plum": warningOnly])
    let driver = try SARIFDriver.decode(out)
    #expect(driver.informationUri == CheckCommand.informationURI)
    let base = CheckCommand.defaultDocsURL + "/"
    #expect(driver.rules.count == DiagnosticRegistry.reportedByCheck.count)
    var pages: [String: String] = [:]
    for rule in driver.rules {
      #expect(rule.helpUri.hasPrefix(base), "\(rule.id): \(rule.helpUri)")
      let link = rule.helpUri.dropFirst(base.count).split(separator: "#", omittingEmptySubsequences: false)
      guard link.count == 2 else {
        Issue.record("\(rule.id): no anchor in \(rule.helpUri)")
        continue
      }
      let page = String(link[0])
      let anchor = String(link[1])
      #expect(anchor == rule.id.lowercased())
      if pages[page] == nil {
        pages[page] = try String(
          contentsOf: repositoryRoot.appendingPathComponent("docs").appendingPathComponent(page),
          encoding: .utf8)
      }
      #expect(
        pages[page]?.contains("<a id=\"\(anchor)\"></a>") == true, "docs/\(page) has no anchor for \(rule.id)"
      )
    }
    #expect(pages.keys.sorted() == ["diagnostics-guarantees.md", "diagnostics.md", "runtime.md"])
  }

  @Test func docsURLMovesEveryHelpLink() throws {
    let (status, out, _) = plum(
      "check", "--format", "sarif", "--docs-url", "https://docs.example.com/plum/", "w.plum",
      files: ["w.plum": warningOnly])
    #expect(status == .success)
    let driver = try SARIFDriver.decode(out)
    #expect(driver.informationUri == "https://docs.example.com/plum/")
    let links = Dictionary(uniqueKeysWithValues: driver.rules.map { ($0.id, $0.helpUri) })
    #expect(links["P2001"] == "https://docs.example.com/plum/diagnostics-guarantees.md#p2001")
    #expect(links["P0201"] == "https://docs.example.com/plum/diagnostics.md#p0201")
    #expect(links["P0701"] == "https://docs.example.com/plum/runtime.md#p0701")
    #expect(!out.contains("plum-lang"))
    let (empty, _, err) = plum("check", "--docs-url", "", "w.plum", files: ["w.plum": warningOnly])
    #expect(empty == .usage)
    #expect(err.contains("'--docs-url' needs an address"))
  }
}

/// The parts of a SARIF log's `tool.driver` that the help-link tests read.
private struct SARIFDriver: Decodable {
  struct Rule: Decodable {
    var id: String
    var helpUri: String
  }

  var informationUri: String
  var rules: [Rule]

  private struct Log: Decodable {
    struct Run: Decodable {
      struct Tool: Decodable { var driver: SARIFDriver }
      var tool: Tool
    }
    var runs: [Run]
  }

  /// The driver of the first run of a SARIF log.
  static func decode(_ text: String) throws -> SARIFDriver {
    let log = try JSONDecoder().decode(Log.self, from: Data(text.utf8))
    return try #require(log.runs.first).tool.driver
  }
}
