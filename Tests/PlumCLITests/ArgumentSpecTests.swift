import PlumDiagnostics
import Testing

@testable import PlumCLI

private let spec = ArgumentSpec(
  flags: [.init(name: "--explain", help: "Explain.")],
  options: [
    .init(name: "--format", valueName: "format", help: "Format.", choices: ["text", "json"]),
    .init(name: "--deny", valueName: "code", help: "Deny.", repeating: true),
  ],
  positionals: [.init(name: "file", help: "Files.", repeating: true)])

@Test func parsesFlagsOptionsAndPositionals() throws {
  let parsed = try spec.parse(["a.plum", "--format=json", "--explain", "--deny", "P2001", "-", "--deny", "x"])
  #expect(parsed.positionals == ["a.plum", "-"])
  #expect(parsed.value("--format") == "json")
  #expect(parsed.values("--deny") == ["P2001", "x"])
  #expect(parsed.has("--explain"))
}

@Test func doubleDashEndsOptions() throws {
  let parsed = try spec.parse(["--", "--format", "x"])
  #expect(parsed.positionals == ["--format", "x"])
}

@Test func negativeNumbersAreOptionValues() throws {
  let parsed = try spec.parse(["--deny", "-1", "--deny=-2", "--deny", "-0.5", "--deny", "-.5", "a"])
  #expect(parsed.values("--deny") == ["-1", "-2", "-0.5", "-.5"])
  #expect(parsed.positionals == ["a"])
  #expect(throws: UsageError(message: "missing value for '--deny <code>'")) {
    try spec.parse(["a", "--deny", "--explain"])
  }
  #expect(throws: UsageError(message: "missing value for '--deny <code>'")) {
    try spec.parse(["a", "--deny", "-x"])
  }
}

@Test(arguments: [
  (["--bogus", "a"], "unknown option '--bogus'"),
  (["a", "--format"], "missing value for '--format <format>'"),
  (
    ["a", "--format", "xml"],
    "the value 'xml' is invalid for '--format <format>'; expected one of: text, json"
  ),
  (["a", "--format", "json", "--format", "text"], "option '--format' given more than once"),
  (["--explain=yes", "a"], "flag '--explain' does not take a value"),
  ([], "missing expected argument '<file>'"),
])
func usageErrors(arguments: [String], message: String) {
  #expect(throws: UsageError(message: message)) { try spec.parse(arguments) }
}

@Test func usageLineListsEverything() {
  #expect(
    spec.usage(command: "check") == "plum check [--format <format>] [--deny <code>]... [--explain] <file>...")
}

@Test func editDistanceSuggestsCommands() {
  #expect(editDistance("chekc", "check") == 2)
  #expect(closest("chek", among: ["check", "compile"]) == "check")
  #expect(closest("zzzzzz", among: ["check", "compile"]) == nil)
}

@Test func requiredOptionsAreShownWithoutBrackets() {
  let spec = ArgumentSpec(
    options: [
      .init(name: "--emit", valueName: "stage", help: "Stage.", required: true),
      .init(name: "--format", valueName: "format", help: "Format."),
    ])
  #expect(spec.usage(command: "compile") == "plum compile --emit <stage> [--format <format>]")
}

@Test func compileOffersOnlyTextAndJSONDiagnostics() {
  let io = CapturedIO(files: ["a.plum": "rule ok = true\n"])
  #expect(PlumCommand.run(["compile", "--emit", "ast", "--format", "sarif", "a.plum"], io: io) == .usage)
  #expect(io.err.contains("sarif"))
  let json = CapturedIO(files: ["a.plum": "rule ok = true\n"])
  #expect(PlumCommand.run(["compile", "--emit", "ast", "--format", "json", "a.plum"], io: json) != .usage)
}
