import Testing

@testable import PlumCLI

/// A policy with one warning (an unused field) and one passing test.
private let warned = """
  policy warned version "1"
  input person {
    id: string key
    age: int
    nickname: string?
  }
  reward adult {
    when person.age >= 18
    give points(1)
  }
  test "adults" {
    given person { id: "a", age: 20 }
    expect adult
  }

  """

/// Runs `plum` in-process on the policy, a broken copy and a data file.
private func plum(_ arguments: String...) -> (PlumCLI.ExitStatus, out: String, err: String) {
  let io = CapturedIO(files: [
    "warned.plum": warned, "broken.plum": warned + "let spare = person.agee\n",
    "people.csv": "id,age,nickname\na,20,\nb,x,\n",
  ])
  let status = PlumCommand.run(arguments, io: io)
  return (status, io.out, io.err)
}

/// `--quiet` leaves standard error to errors.
struct QuietTests {
  @Test func withoutQuietTheWarningIsShown() {
    #expect(plum("check", "warned.plum").err.contains("warning[P2002]"))
    #expect(plum("run", "warned.plum", "people.csv").err.contains("warning[P2002]"))
    #expect(plum("test", "warned.plum").err.contains("warning[P2002]"))
  }

  @Test func checkPrintsOnlyErrors() {
    let (clean, cleanOut, cleanErr) = plum("check", "--quiet", "warned.plum")
    #expect(clean == .success)
    #expect(cleanOut.isEmpty && cleanErr.isEmpty, "\(cleanErr)")
    let (broken, _, brokenErr) = plum("check", "--quiet", "broken.plum")
    #expect(broken == .findings)
    #expect(brokenErr.contains("error[P0203]"))
    #expect(!brokenErr.contains("warning") && !brokenErr.contains("checked 1 file"), "\(brokenErr)")
    let (_, json, _) = plum("check", "--quiet", "--format", "json", "warned.plum")
    #expect(!json.contains("P2002"), "\(json)")
    let (denied, _, deniedErr) = plum("check", "--quiet", "--deny", "warnings", "warned.plum")
    #expect(denied == .findings)
    #expect(deniedErr.contains("error[P2002]"), "a denied warning is an error, and shown")
  }

  @Test func runLeavesOnlyRecordErrorsOnStandardOutput() {
    let (status, out, err) = plum("run", "--quiet", "warned.plum", "people.csv")
    #expect(status == .findings)
    #expect(err.isEmpty, "\(err)")
    #expect(out.contains(#""error":{"code":"P0603""#))
  }

  @Test func testLeavesOutTheWarnings() {
    let (status, out, err) = plum("test", "--quiet", "warned.plum")
    #expect(status == .success)
    #expect(err.isEmpty, "\(err)")
    #expect(out.hasSuffix("1 passed, 0 failed\n"))
  }

  @Test func theProgressLineIsNotDrawnWhenQuiet() {
    let clock = ContinuousClock()
    for shown in [true, false] {
      let io = CapturedIO()
      io.stderrIsTerminal = true
      var line = ProgressLine(io: io, clock: clock, started: clock.now - .seconds(2), isShown: shown)
      line.update(records: 10)
      #expect(io.err.contains("10 records") == shown)
    }
  }
}
