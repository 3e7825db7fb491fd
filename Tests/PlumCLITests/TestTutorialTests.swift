import Foundation
import Testing

@testable import PlumCLI

/// Replays `docs/tutorial.md`: builds `coffee.plum` from its ```plum blocks, runs every command of
/// its ```console blocks and compares the output and exit status with the text.
///
/// A ```plum block is appended to the file; a ```plum mistake block is appended only for the
/// commands that follow it, until the next ```plum block; ```shell blocks are not run.
struct TestTutorialTests {
  struct Block {
    var info: String
    var text: String
    var line: Int
  }

  /// The fenced blocks of a Markdown text, with their info strings and first lines.
  static func blocks(in markdown: String) -> [Block] {
    var blocks: [Block] = []
    var current: Block?
    for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.hasPrefix("```") {
        if let block = current {
          blocks.append(block)
          current = nil
        } else {
          current = Block(info: String(line.dropFirst(3)), text: "", line: index + 1)
        }
      } else if current != nil {
        current?.text += line + "\n"
      }
    }
    return blocks
  }

  /// One command of a console block with its shown output and, if shown, its exit status.
  struct Command {
    var arguments: [String]
    var output: String
    var status: Int32?
  }

  static func commands(in console: String) -> [Command] {
    var commands: [Command] = []
    var expectStatus = false
    for line in console.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      if line == "$ echo $?" {
        expectStatus = true
      } else if line.hasPrefix("$ plum ") {
        let words = line.dropFirst(2).split(separator: " ").map(String.init)
        commands.append(Command(arguments: Array(words.dropFirst()), output: "", status: nil))
      } else if expectStatus {
        commands[commands.count - 1].status = Int32(line)
        expectStatus = false
      } else if !commands.isEmpty {
        commands[commands.count - 1].output += line + "\n"
      }
    }
    return commands
  }

  /// Output with the run time, the one part that changes between runs, fixed.
  static func normalized(_ text: String) -> String {
    text.replacingOccurrences(of: #"in [0-9]+\.[0-9]+ s"#, with: "in 0.00 s", options: .regularExpression)
  }

  @Test func everyStepRunsAsShown() throws {
    let tutorial = try String(contentsOfFile: inspectPath("docs/tutorial.md"), encoding: .utf8)
    let data = try String(contentsOfFile: inspectPath("examples/tutorial/visits.csv"), encoding: .utf8)
    let blocks = Self.blocks(in: tutorial)
    var policy = ""
    var mistake: String?
    var commandsRun: [String] = []
    for block in blocks {
      switch block.info {
      case "plum":
        policy = policy.isEmpty ? block.text : policy + "\n" + block.text
        mistake = nil
        let (_, _, err) = inspectPlum(["check", "coffee.plum"], files: ["coffee.plum": policy])
        #expect(
          err.contains(": 0 errors"), "docs/tutorial.md:\(block.line): the policy so far has errors:\n\(err)")
      case "plum mistake":
        mistake = policy + "\n" + block.text
      case "console":
        for command in Self.commands(in: block.text) {
          let files = ["coffee.plum": mistake ?? policy, "visits.csv": data]
          let (status, out, err) = inspectPlum(command.arguments, files: files)
          let shown = Self.normalized(command.output)
          let outputs = [Self.normalized(err + out), Self.normalized(out + err)]
          let typed = "plum " + command.arguments.joined(separator: " ")
          let place = "docs/tutorial.md:\(block.line)"
          #expect(outputs.contains(shown), "\(place): `\(typed)` printed:\n\(outputs[1])")
          if let expected = command.status {
            #expect(status.rawValue == expected, "docs/tutorial.md:\(block.line): exit status")
          }
          commandsRun.append(command.arguments.first ?? "")
        }
      default:
        continue
      }
    }
    #expect(commandsRun.count >= 8)
    #expect(Set(commandsRun) == ["check", "run", "test", "fmt", "explain"], "\(commandsRun)")
    let example = try String(contentsOfFile: inspectPath("examples/tutorial/coffee.plum"), encoding: .utf8)
    #expect(policy == example, "examples/tutorial/coffee.plum is not the tutorial's final policy")
  }

  @Test func theFinishedPolicyChecksCleanAndItsTestsPass() {
    let (checkStatus, _, checkErr) = inspectPlum(["check", inspectPath("examples/tutorial/coffee.plum")])
    #expect(checkStatus == .success)
    #expect(checkErr.hasSuffix("checked 1 file: 0 errors, 0 warnings\n"))
    let (status, out, _) = inspectPlum(["test", "--as-of", "2026-11-26", inspectPath("examples/tutorial")])
    #expect(status == .success)
    #expect(out.hasSuffix("\n3 passed, 0 failed\n"))
  }
}
