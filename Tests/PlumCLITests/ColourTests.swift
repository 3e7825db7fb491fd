import Testing

@testable import PlumCLI

/// A policy with one error, so `plum check` prints a diagnostic.
private let broken = "policy broken version \"1\"\ninput p { id: string key }\nrule r = p.nope > 1\n"

/// Runs `plum check` on the broken policy with the given terminal and environment.
private func check(terminal: Bool, variables: [String: String] = [:]) -> CapturedIO {
  let io = CapturedIO(files: ["broken.plum": broken], variables: variables)
  io.stderrIsTerminal = terminal
  io.stdoutIsTerminal = terminal
  _ = PlumCommand.run(["check", "broken.plum"], io: io)
  return io
}

/// Diagnostics use colour only on a terminal, and never with `NO_COLOR` or `TERM=dumb`.
@Suite struct ColourTests {
  @Test func aTerminalGetsColour() {
    let io = check(terminal: true, variables: ["TERM": "xterm-256color"])
    #expect(io.err.contains("\u{1B}[1;31merror[P"))
    #expect(io.err.contains("\u{1B}[0m"))
  }

  @Test(arguments: [["NO_COLOR": "1"], ["TERM": "dumb"], ["NO_COLOR": "1", "TERM": "xterm"]])
  func theEnvironmentTurnsColourOff(variables: [String: String]) {
    let io = check(terminal: true, variables: variables)
    #expect(io.err.contains("error[P"))
    #expect(!io.err.contains("\u{1B}"))
  }

  @Test func anEmptyNoColorLeavesColourOn() {
    let io = check(terminal: true, variables: ["NO_COLOR": ""])
    #expect(io.err.contains("\u{1B}["))
  }

  @Test func aPipeGetsNoColour() {
    let io = check(terminal: false, variables: ["TERM": "xterm-256color"])
    #expect(io.err.contains("error[P"))
    #expect(!io.err.contains("\u{1B}"))
  }
}
