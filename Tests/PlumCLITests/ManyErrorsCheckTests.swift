import Testing

@testable import PlumCLI

/// `plum check` of a policy whose one long line holds 20 000 errors: the text format shows the
/// first hundred and a count of the rest; `--format json` lists them all.
@Suite struct ManyErrorsCheckTests {
  private let policy =
    "policy p\ninput p {\n  id: string key\n}\nlet x = 1 " + String(repeating: "$ ", count: 20_000) + "\n"

  @Test func textStopsAtAHundredErrorsAndCountsTheRest() {
    let io = CapturedIO(files: ["long.plum": policy])
    let status = PlumCommand.run(["check", "long.plum"], io: io)
    #expect(status == .findings)
    let lines = io.err.split(separator: "\n")
    #expect(lines.filter { $0.hasPrefix("long.plum:5:") && $0.contains(": error[") }.count == 100)
    #expect(
      lines.suffix(2).map(String.init) == [
        "long.plum: 19900 more errors not shown; --format json lists them all",
        "checked 1 file: 20000 errors, 0 warnings",
      ])
  }

  @Test func jsonListsEveryError() {
    let io = CapturedIO(files: ["long.plum": policy])
    let status = PlumCommand.run(["check", "--format", "json", "long.plum"], io: io)
    #expect(status == .findings)
    #expect(io.out.split(separator: "\n").count == 20_000)
  }
}
