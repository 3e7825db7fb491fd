import Foundation
import Testing

@testable import PlumCLI

/// Replays the ```console blocks of `docs/cli.md`: every `$ plum …` line is run on the repository's
/// files and its output (and, after `$ echo $?`, its exit status) compared with the text.
///
/// Paths in the commands are relative to the repository root; `> FILE` discards standard output, so
/// only standard error is compared. Other fenced blocks are excerpts and are not run.
struct CLIDocTests {
  /// One command of a console block with its shown output and, if shown, its exit status.
  struct Command {
    var arguments: [String]
    var discardsOutput: Bool
    var output: String
    var status: Int32?
  }

  /// The words of a command line as a POSIX shell splits them, for single- and double-quoted words
  /// without escapes, with a trailing `> FILE` noted and removed.
  static func words(_ line: Substring) -> (words: [String], redirected: Bool) {
    var words: [String] = []
    var word: String?
    var quote: Character?
    for character in line {
      if let open = quote {
        if character == open { quote = nil } else { word?.append(character) }
      } else if character == "'" || character == "\"" {
        quote = character
        word = word ?? ""
      } else if character == " " {
        if let finished = word { words.append(finished) }
        word = nil
      } else {
        word = (word ?? "") + String(character)
      }
    }
    if let finished = word { words.append(finished) }
    if words.count >= 2, words[words.count - 2] == ">" { return (Array(words.dropLast(2)), true) }
    return (words, false)
  }

  static func commands(in console: String) -> [Command] {
    var commands: [Command] = []
    var expectStatus = false
    for line in console.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      if line == "$ echo $?" {
        expectStatus = true
      } else if line.hasPrefix("$ plum ") {
        let (words, redirected) = Self.words(line.dropFirst(2))
        commands.append(
          Command(arguments: Array(words.dropFirst()), discardsOutput: redirected, output: "", status: nil))
      } else if expectStatus {
        commands[commands.count - 1].status = Int32(line)
        expectStatus = false
      } else if !commands.isEmpty {
        commands[commands.count - 1].output += line + "\n"
      }
    }
    return commands
  }

  @Test func wordsAreSplitLikeAShellDoes() {
    let (words, redirected) = Self.words("plum eval --policy p.plum '10 EUR * 3' \"a b\"c > out.txt")
    #expect(words == ["plum", "eval", "--policy", "p.plum", "10 EUR * 3", "a bc"])
    #expect(redirected)
    #expect(Self.words("plum eval ''").words == ["plum", "eval", ""])
  }

  @Test func everyConsoleExampleRunsAsShown() throws {
    let markdown = try String(contentsOfFile: inspectPath("docs/cli.md"), encoding: .utf8)
    var commandsRun: Set<String> = []
    for block in TestTutorialTests.blocks(in: markdown) where block.info == "console" {
      for command in Self.commands(in: block.text) {
        // Paths are the repository's, so the commands find its files from any working directory.
        let arguments = command.arguments.map {
          FileManager.default.fileExists(atPath: inspectPath($0)) ? inspectPath($0) : $0
        }
        let (status, out, err) = inspectPlum(arguments)
        let shown = TestTutorialTests.normalized(command.output)
        let outputs =
          command.discardsOutput
          ? [TestTutorialTests.normalized(err)]
          : [TestTutorialTests.normalized(err + out), TestTutorialTests.normalized(out + err)]
        let place = "docs/cli.md:\(block.line): `plum \(command.arguments.joined(separator: " "))`"
        #expect(outputs.contains(shown), "\(place) printed:\n\(outputs[outputs.count - 1])")
        if let expected = command.status {
          #expect(status.rawValue == expected, "\(place): exit status")
        }
        commandsRun.insert(command.arguments.first ?? "")
      }
    }
    #expect(commandsRun.isSuperset(of: ["check", "run", "test", "explain", "eval", "fmt"]), "\(commandsRun)")
  }
}
