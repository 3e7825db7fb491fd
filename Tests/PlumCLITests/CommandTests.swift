import Foundation
import Testing

@testable import PlumCLI

/// Runs `plum` in-process with in-memory files (real files are read from disk).
private func plum(_ arguments: String..., files: [String: String] = [:], env: [String: String] = [:]) -> (
  PlumCLI.ExitStatus, out: String, err: String
) {
  let io = CapturedIO(files: files, variables: env)
  let status = PlumCommand.run(arguments, io: io)
  return (status, io.out, io.err)
}

struct CommandTests {
  @Test func topLevelHelpListsEveryCommand() {
    let (status, out, _) = plum("--help")
    #expect(status == .success)
    expectGolden(out, "help/plum.txt")
    for command in PlumCommand.commands { #expect(out.contains("  \(command.name) ")) }
  }

  @Test func everyCommandHasHelp() {
    for command in PlumCommand.commands {
      let (status, out, err) = plum(command.name, "--help")
      #expect(status == .success)
      #expect(err.isEmpty)
      expectGolden(out, "help/\(command.name).txt")
    }
  }

  @Test func noArgumentsIsAUsageError() {
    let (status, _, err) = plum()
    #expect(status == .usage)
    #expect(err.contains("USAGE: plum <command>"))
  }

  @Test func versionPrintsTheVersion() {
    let (status, out, _) = plum("--version")
    #expect(status == .success)
    #expect(out == "plum \(PlumCommand.version)\n")
  }

  @Test func versionTakesNoArguments() {
    let (status, out, err) = plum("--version", "extra")
    #expect(status == .usage)
    #expect(out.isEmpty)
    #expect(err.hasPrefix("error: unexpected argument 'extra' after '--version'\n"))
  }

  @Test func unknownCommandSuggestsTheClosest() {
    let (status, out, err) = plum("chek", "x.plum")
    #expect(status == .usage)
    #expect(out.isEmpty)
    #expect(
      err
        == "error: unknown command 'chek'\nhelp: did you mean 'check'?\nUsage: plum <command> [options]\nSee 'plum --help'.\n"
    )
  }

  @Test func unknownOptionShowsUsage() {
    let (status, _, err) = plum("check", "--bogus", "a.plum")
    #expect(status == .usage)
    #expect(
      err
        == "error: unknown option '--bogus'\n"
        + "Usage: plum check [--format <format>] [--deny <warnings|code>]... [--docs-url <url>] [--quiet] <file>...\n"
        + "  See 'plum check --help'.\n")
  }

  @Test func everyExampleChecksClean() throws {
    let examples = try #require(
      PolicyPaths.plumFiles(inDirectory: repositoryRoot.appendingPathComponent("examples").path))
    #expect(examples.count >= 3)
    // The unsafe example is meant to fail; its findings are pinned in CheckOptionsTests.
    for path in examples where !path.contains("/examples/unsafe/") {
      let (status, _, err) = plum("check", path)
      #expect(status == .success, "\(path):\n\(err)")
      #expect(err.hasSuffix("checked 1 file: 0 errors, 0 warnings\n"), "\(path):\n\(err)")
    }
  }

  @Test func checkAcceptsADirectory() {
    let (status, _, err) = plum("check", repositoryRoot.appendingPathComponent("examples").path)
    // `examples/unsafe` has errors on purpose, so the directory as a whole has findings.
    #expect(status == .findings, "\(err)")
    #expect(err.contains("checked 7 files: 3 errors, 8 warnings"))
  }

  @Test func checkReportsErrorsWithExitOne() {
    let source =
      "policy p\ninput person { id: string key }\nrule adult = person.age >= 18\nlet x: int = \"text\"\n"
    let (status, out, err) = plum("check", "bad.plum", files: ["bad.plum": source])
    #expect(status == .findings)
    #expect(out.isEmpty)
    expectGolden(err, "check/bad.txt")
    let (jsonStatus, json, jsonErr) = plum(
      "check", "--format", "json", "bad.plum", files: ["bad.plum": source])
    #expect(jsonStatus == .findings)
    #expect(jsonErr.isEmpty)
    expectGolden(json, "check/bad.jsonl")
  }

  @Test func colourFollowsTheTerminalAndNoColor() {
    let source = "rule r = \n"
    let (_, _, plain) = plum("check", "c.plum", files: ["c.plum": source])
    #expect(!plain.contains("\u{1B}["))
  }

  @Test func missingFileIsAnIOError() {
    let (status, _, err) = plum("check", "does/not/exist.plum")
    #expect(status == .usage)
    #expect(err.hasPrefix("error: cannot read 'does/not/exist.plum': No such file or directory\n"))
  }

  @Test func onlyFilesReadAreCounted() {
    let (status, _, err) = plum("check", "nodir/")
    #expect(status == .usage)
    #expect(err.hasPrefix("error: cannot read 'nodir/'"))
    #expect(err.hasSuffix("checked 0 files: 0 errors, 0 warnings\n"))
    let good = "policy good version \"1\"\ninput p { id: string key }\n"
    let (_, _, both) = plum("check", "good.plum", "missing.plum", files: ["good.plum": good])
    #expect(both.hasSuffix("checked 1 file: 0 errors, 0 warnings\n"))
  }

  @Test func compileEmitsTokensAndAST() {
    let source = "rule adult = participant.age >= 18 // grown-ups\n"
    let (status, tokens, _) = plum("compile", "--emit", "tokens", "s.plum", files: ["s.plum": source])
    #expect(status == .success)
    expectGolden(tokens, "compile/tokens.txt")
    let (_, ast, _) = plum("compile", "--emit=ast", "s.plum", files: ["s.plum": source])
    expectGolden(ast, "compile/ast.txt")
  }

  @Test func compileNeedsAStage() {
    let (status, _, err) = plum("compile", "s.plum", files: ["s.plum": ""])
    #expect(status == .usage)
    #expect(err.hasPrefix("error: missing '--emit <stage>'"))
  }
}

@Suite struct CheckModelFileTests {
  /// Runs `plum check` on real files and returns the exit status and standard error.
  private func check(_ path: String) -> (PlumCLI.ExitStatus, String) {
    let io = CapturedIO()
    return (PlumCommand.run(["check", path], io: io), io.err)
  }

  @Test func aMissingModelFileIsReported() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plum-check-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let policy = directory.appendingPathComponent("p.plum")
    try """
    input participant {
      id:  string key
      age: int
    }

    model risk = logistic("models/none.json") {
      inputs { age: participant.age }
    }

    reward r {
      when risk > 0.5
      give points(1)
    }

    test "named" {
      given participant { id: "a", age: 3 }
      expect not r
    }

    """.write(to: policy, atomically: true, encoding: .utf8)
    let (status, err) = check(policy.path)
    #expect(status == .findings)
    #expect(err.contains("error[P0701]"), "\(err)")
  }

  @Test func aModelTrainedOnOtherFeatureDefinitionsIsReported() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plum-check-\(UUID())")
    let models = directory.appendingPathComponent("models")
    try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let example = repositoryRoot.appendingPathComponent("examples/winback")
    try FileManager.default.copyItem(
      at: example.appendingPathComponent("models/churn.json"), to: models.appendingPathComponent("churn.json")
    )
    let original = try String(contentsOf: example.appendingPathComponent("winback.plum"), encoding: .utf8)
    let policy = directory.appendingPathComponent("winback.plum")
    try original.write(to: policy, atomically: true, encoding: .utf8)
    #expect(check(policy.path).0 == .success)
    // The churn model reads `recency`; counting weeks instead of days changes what it was trained on.
    let changed = original.replacingOccurrences(
      of: "days_since(participant.last_order) ?? 999",
      with: "(days_since(participant.last_order) ?? 6993) / 7")
    #expect(changed != original)
    try changed.write(to: policy, atomically: true, encoding: .utf8)
    let (status, err) = check(policy.path)
    #expect(status == .findings)
    #expect(err.contains("error[P0705]"), "\(err)")
  }
}
