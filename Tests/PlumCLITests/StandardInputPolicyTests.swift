import Foundation
import PlumDriver
import PlumTestSupport
import Testing

@testable import PlumCLI

/// A lone `-` as the policy path reads the policy from standard input, in every command that takes
/// a policy; the policy's model paths are then relative to the working directory.
@Suite struct StandardInputPolicyTests {
  private let fraud = repositoryRoot.appendingPathComponent("examples/fraud")

  private var policyText: String {
    get throws { try String(contentsOf: fraud.appendingPathComponent("fraud.plum"), encoding: .utf8) }
  }

  /// Runs the built `plum` in examples/fraud (so the model paths resolve from the working
  /// directory), once with the policy on standard input and once with its file name.
  private func both(_ arguments: [String], input: String? = nil) throws -> (
    stdin: ProcessRunner.Outcome, file: ProcessRunner.Outcome
  ) {
    let plum = try #require(builtPlum, "the plum executable is not built")
    let policy = try policyText
    let fromStdin = try ProcessRunner.run(
      plum, arguments.map { $0 == "POLICY" ? "-" : $0 }, in: fraud,
      input: (input.map { policy + $0 }) ?? policy)
    let fromFile = try ProcessRunner.run(
      plum, arguments.map { $0 == "POLICY" ? "fraud.plum" : $0 }, in: fraud, input: input)
    return (fromStdin, fromFile)
  }

  @Test(
    .enabled(if: builtPlum != nil || ProcessInfo.processInfo.environment["CI"] != nil),
    arguments: [
      ["run", "POLICY", "data/claims.csv", "--as-of", "2026-11-23"],
      ["explain", "POLICY", "data/claims.csv", "--row", "3", "--as-of", "2026-11-23"],
      ["test", "POLICY"],
      [
        "eval", "--policy", "POLICY", "--data", "data/claims.csv", "--as-of", "2026-11-23", "--",
        "unusual_claim",
      ],
      ["compile", "--emit", "ir", "POLICY"],
      ["check", "POLICY"],
    ])
  func aPolicyOnStandardInputWorksAsItsFileDoes(arguments: [String]) throws {
    let (stdin, file) = try both(arguments)
    #expect(stdin.status == 0, "\(stdin.error)")
    #expect(stdin.status == file.status)
    // Diagnostics name standard input `<stdin>`; `plum test` lists the path as given.
    let name = arguments[0] == "test" ? "-" : "<stdin>"
    #expect(stdin.output == file.output.replacingOccurrences(of: "fraud.plum", with: name))
    #expect(!stdin.error.contains("Fatal error") && !stdin.error.contains("Backtrace"))
  }

  @Test(.enabled(if: builtPlum != nil || ProcessInfo.processInfo.environment["CI"] != nil))
  func theReplLoadsAPolicyFromStandardInput() throws {
    let plum = try #require(builtPlum, "the plum executable is not built")
    let outcome = try ProcessRunner.run(plum, ["repl", "-"], in: fraud, input: try policyText)
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(outcome.output.contains("policy fraud, 2 rewards"), "\(outcome.output)")
  }

  @Test func diagnosticsNameStandardInput() {
    let io = CapturedIO()
    io.files["-"] = Array("policy p\ninput p {\n  id: string key\n}\nlet x = 1 +\n".utf8)
    let status = PlumCommand.run(["check", "-"], io: io)
    #expect(status == .findings)
    #expect(io.err.hasPrefix("<stdin>:"), "\(io.err)")
  }

  @Test(arguments: [
    ["run", "-", "-"], ["explain", "-", "-", "--row", "1"], ["eval", "--policy", "-", "--data", "-", "1"],
    ["train", "-", "--model", "m", "--data", "-"], ["audit", "-", "-"],
  ])
  func standardInputIsReadOnce(arguments: [String]) {
    let io = CapturedIO()
    io.files["-"] = Array("policy p\n".utf8)
    let status = PlumCommand.run(arguments, io: io)
    #expect(status == .usage)
    #expect(io.err.contains("standard input ('-') given more than once"), "\(io.err)")
  }

  @Test(arguments: [
    ("-", "."), ("fraud.plum", "."), ("examples/fraud/fraud.plum", "examples/fraud"), ("/p.plum", "/"),
    ("/a/b/p.plum", "/a/b"), ("a//p.plum", "a"), ("./p.plum", "."), ("../p.plum", ".."),
  ])
  func modelDirectories(path: String, directory: String) {
    #expect(Driver.modelDirectory(ofPolicyAt: path) == directory)
  }
}
