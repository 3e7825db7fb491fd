import Foundation
import Testing

@testable import PlumCLI

/// A policy with a type error and one test, so every command that compiles it stops on the error.
private let brokenPolicy = """
  input person { id: string key, age: int }
  let spare = person.agee + 1
  reward adult {
    when person.age >= 18
    give points(1)
  }
  test "adults" {
    given person { id: "a", age: 20 }
    expect adult
  }

  """

/// Each command line that meets the broken policy, by the command's name in the table.
private let commandLines: [(command: String, arguments: [String])] = [
  ("check", ["check", "bad.plum"]),
  ("compile", ["compile", "--emit", "ast", "bad.plum"]),
  ("test", ["test", "bad.plum"]),
  ("run", ["run", "bad.plum", "people.csv"]),
  ("explain", ["explain", "--row", "1", "bad.plum", "people.csv"]),
  ("eval", ["eval", "--policy", "bad.plum", "--record", #"{"id":"a","age":3}"#, "1"]),
  ("train", ["train", "bad.plum", "--model", "m", "--data", "people.csv", "--target", "t"]),
  ("audit", ["audit", "bad.plum", "people.csv", "--by", "age"]),
]

/// The per-command rows of the exit-status table in `docs/cli.md`: command to the text of each status.
private func exitStatusTable() throws -> [String: [String]] {
  let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/cli.md"), encoding: .utf8)
  var rows: [String: [String]] = [:]
  for line in text.split(separator: "\n") where line.hasPrefix("| `") {
    let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    guard cells.count == 4 else { continue }
    rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = Array(cells.dropFirst())
  }
  return rows
}

@Suite struct ExitStatusDocTests {
  /// The table says, for each command, which status a policy with errors gives, and the command does.
  @Test(arguments: commandLines.map(\.command)) func policyWithErrorsExitsAsDocumented(command: String) throws
  {
    let table = try exitStatusTable()
    let row = try #require(table[command], "docs/cli.md has no exit-status row for `\(command)`")
    let documented = try #require(
      row.firstIndex { $0.contains("policy has errors") || $0.contains("policy with errors") },
      "the row for `\(command)` does not say what a policy with errors gives")
    let arguments = try #require(commandLines.first { $0.command == command }).arguments
    let io = CapturedIO(files: ["bad.plum": brokenPolicy, "people.csv": "id,age,t\na,20,1\n"])
    let status = PlumCommand.run(arguments, io: io)
    #expect(status.rawValue == Int32(documented), "\(command): \(io.err)")
  }

  @Test func everyCommandHasARow() throws {
    let table = try exitStatusTable()
    for command in PlumCommand.commands {
      let name = command.name == "model" ? "model show" : command.name
      #expect(table[name] != nil, "docs/cli.md has no exit-status row for `\(name)`")
    }
  }
}
