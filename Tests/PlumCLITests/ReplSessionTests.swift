import Foundation
import Testing

@testable import PlumCLI

/// Standard output and standard error interleaved as a terminal shows them, with a scripted
/// standard input; files are read from disk.
final class TranscriptIO: CommandIO {
  private(set) var transcript = ""
  private let input: [UInt8]

  init(input: String) {
    self.input = Array(input.utf8)
  }

  func writeOut(_ text: String) { transcript += text }
  func writeErr(_ text: String) { transcript += text }

  func readFile(_ path: String) throws(FileError) -> [UInt8] {
    if path == "-" { return input }
    return try ProcessIO().readFile(path)
  }

  var stdoutIsTerminal: Bool { false }
  var stderrIsTerminal: Bool { false }
  func environment(_ name: String) -> String? { nil }
}

private let fixtures = fixturesDirectory.path
private let policy = fixtures + "/eval/loyalty.plum"
private let data = fixtures + "/eval/members.csv"

/// Runs `plum repl` in-process on scripted input; fixture paths are shown as `FIXTURES`.
func scriptedRepl(_ arguments: [String], input: String) -> (PlumCLI.ExitStatus, String) {
  let io = TranscriptIO(input: input.replacingOccurrences(of: "FIXTURES", with: fixtures))
  let status = PlumCommand.run(["repl"] + arguments, io: io)
  return (status, io.transcript.replacingOccurrences(of: fixtures, with: "FIXTURES"))
}

struct ReplSessionTests {
  @Test func aScriptedSessionCoversEveryCommand() throws {
    let script = try String(
      contentsOf: fixturesDirectory.appendingPathComponent("repl/session.txt"), encoding: .utf8)
    let (status, transcript) = scriptedRepl([policy, "--data", data, "--as-of", "2026-11-23"], input: script)
    #expect(status == .findings, "the script shows errors on purpose")
    expectGolden(transcript, "repl/session.transcript")
    // `:quit` ends the session: what follows it is never read.
    #expect(!transcript.contains("plum> 2 : int"))
    for command in ReplHelp.commands {
      #expect(script.contains(":\(command.name)"), "the session exercises :\(command.name)")
    }
  }

  @Test func withoutAPolicyLiteralsWork() {
    let (status, transcript) = scriptedRepl([], input: "1 + 1\n:type 2.5\n:record 1\n:decide\n")
    #expect(status == .findings)
    #expect(
      transcript == "plum> 2 : int\nplum> float\n"
        + "plum> error: no data file; start with --data FILE, or use :record {json}\n"
        + "plum> error: no policy is loaded; use :load FILE\nplum> \n")
  }

  @Test func anUnreadablePolicyOrDataFileEndsTheSessionAsAUsageError() {
    let (status, transcript) = scriptedRepl([fixtures + "/repl/nope.plum"], input: "1 + 1\n")
    #expect(status == .usage)
    #expect(transcript == "error: cannot read 'FIXTURES/repl/nope.plum': No such file or directory\n")
    let (dataStatus, dataTranscript) = scriptedRepl(
      [policy, "--data", fixtures + "/eval/nope.csv"], input: "1 + 1\n")
    #expect(dataStatus == .usage)
    #expect(dataTranscript.hasPrefix("loaded FIXTURES/eval/loyalty.plum: policy loyalty"))
    #expect(
      dataTranscript.hasSuffix("error: cannot read 'FIXTURES/eval/nope.csv': No such file or directory\n"))
    #expect(!dataTranscript.contains("plum>"))
  }

  /// A script succeeds when every entry did, and fails (status 1) when any showed an error.
  @Test(arguments: [
    ("1 + 1\n:type 2.5\n:help\n", PlumCLI.ExitStatus.success),
    ("1 + 1\n:record 1\n", .findings), ("1 +\n", .findings), ("1 + \"a\"\n2\n", .findings),
    (":load nowhere.plum\n", .findings), (":frobnicate\n", .findings),
    ("9223372036854775807 + 1\n", .findings), ("1 + 1\n:quit\n1 +\n", .success),
  ])
  func aScriptExitsWithFindingsWhenAnEntryFailed(script: String, expected: PlumCLI.ExitStatus) {
    #expect(scriptedRepl([], input: script).0 == expected, "\(script)")
  }

  @Test func anExpressionLeftOpenAtTheEndIsStillReported() {
    let (_, transcript) = scriptedRepl([], input: "(1 +\n2")
    #expect(transcript.hasPrefix("plum> ...> ...> <expr>:2:2: error[P0112]"))
  }

  @Test func aPolicyThatFailsToLoadLeavesTheStandIn() {
    let (status, transcript) = scriptedRepl([fixtures + "/repl/broken.plum"], input: "1 + 1\n:reload\n")
    #expect(status == .findings)
    #expect(transcript.contains("error: FIXTURES/repl/broken.plum has 1 error; no policy is loaded"))
    #expect(transcript.contains("plum> 2 : int\n"))
    #expect(transcript.components(separatedBy: "error[P0203]").count == 3, "reported at start and on :reload")
  }

  @Test func aBadDataFileNameIsAUsageError() {
    let (status, transcript) = scriptedRepl(["--data", "members.txt"], input: "")
    #expect(status == .usage)
    #expect(transcript.contains("cannot tell the format of 'members.txt'"))
  }

  @Test(arguments: [
    ("1", true), ("(1 +", false), ("(1 +\n2)", true), ("[1, [2,", false), ("f(\"(\")", true),
    ("\"unterminated (", true), ("x // (", true), ("{\"a\": \"}\"", false), ("\"\\\"(\"", true), (")", true),
  ])
  func bracketsDecideWhetherInputContinues(_ text: String, _ complete: Bool) {
    #expect(InputCompleteness.isComplete(text) == complete)
  }
}
