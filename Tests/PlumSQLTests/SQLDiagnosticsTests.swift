import Foundation
import PlumCLI
import PlumSQL
import Testing

/// What a dialect cannot express is a diagnostic naming the construct and the dialect, and no
/// query is printed.
struct SQLDiagnosticsTests {
  @Test(arguments: SQLDialect.allCases)
  func refusedConstructsAreDiagnosed(dialect: SQLDialect) {
    let io = CapturedIO()
    let status = PlumCommand.run(
      [
        "compile", "--emit", "sql", "--dialect", dialect.rawValue, "--as-of", "2026-11-23",
        "Tests/PlumSQLTests/Fixtures/refused/refused.plum",
      ], io: io)
    #expect(status == .findings)
    #expect(io.out.isEmpty)
    #expect(io.err.contains(dialect.displayName))
    expectGolden(io.err, "refused/\(dialect.rawValue).txt")
  }

  @Test func missingDialectIsAUsageError() {
    let io = CapturedIO()
    let status = PlumCommand.run(["compile", "--emit", "sql", "examples/bench/loyalty.plum"], io: io)
    #expect(status == .usage)
    #expect(io.err.contains("--dialect"))
  }

  @Test func everyCodeIsDocumented() throws {
    let page = try String(contentsOfFile: repositoryPath("docs/sql.md"), encoding: .utf8)
    for code in SQLDiagnostics.all {
      #expect(page.contains("<a id=\"\(code.id.lowercased())\"></a>\(code.id)"), "\(code.id)")
    }
    #expect(page.contains("P0806"))
  }
}
