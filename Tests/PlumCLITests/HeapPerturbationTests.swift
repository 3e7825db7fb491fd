import Foundation
import PlumTestSupport
import Testing

/// The examples run by the built `plum` with glibc filling every allocation and every freed block
/// with a pattern (`MALLOC_PERTURB_`): code that reads memory it never initialised (once, the
/// machine's list of string slots) then sees that pattern instead of a lucky zero.
@Suite struct HeapPerturbationTests {
  @Test(
    .enabled(if: builtPlum != nil || ProcessInfo.processInfo.environment["CI"] != nil),
    arguments: [
      ("examples/tutorial/coffee.plum", "examples/tutorial/visits.csv"),
      ("examples/recognition/recognition.plum", "examples/recognition/data/employees.csv"),
      ("examples/fraud/fraud.plum", "examples/fraud/data/claims.csv"),
      ("examples/winback/winback.plum", "examples/winback/data/participants.jsonl"),
    ])
  func examplesDecideAsUnperturbed(policy: String, data: String) throws {
    let plum = try #require(builtPlum, "the plum executable is not built")
    let arguments = ["run", repositoryPath(policy), repositoryPath(data), "--as-of", "2026-11-23"]
    for pattern in ["165", "90"] {
      let outcome = try ProcessRunner.run(plum, arguments, environment: ["MALLOC_PERTURB_": pattern])
      #expect(outcome.status == 0, "MALLOC_PERTURB_=\(pattern): \(outcome.error)")
      #expect(
        outcome.output == plumRunOutput(repositoryPath(policy), repositoryPath(data), asOf: "2026-11-23"))
    }
  }
}
