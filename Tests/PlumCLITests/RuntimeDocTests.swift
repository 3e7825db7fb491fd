import Foundation
import Testing

@testable import PlumCLI

/// Replays the summary example of `docs/runtime.md` and checks the README's count of members, so the
/// figures they show stay the real ones.
struct RuntimeDocTests {
  @Test func theReadmeCountsTheWinbackMembers() throws {
    let readme = try String(contentsOfFile: inspectPath("README.md"), encoding: .utf8)
    let data = try String(
      contentsOfFile: inspectPath("examples/winback/data/participants.csv"), encoding: .utf8)
    let members = data.split(separator: "\n").count - 1
    let shown = members.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    #expect(readme.contains("decides the \(shown) members of the winback example"))
  }

  @Test func theSummaryExampleIsWhatTheCommandWrites() throws {
    let markdown = try String(contentsOfFile: inspectPath("docs/runtime.md"), encoding: .utf8)
    let blocks = TestTutorialTests.blocks(in: markdown)
    let consoleIndex = try #require(
      blocks.firstIndex { $0.info == "console" && $0.text.contains("--summary") })
    let json = try #require(blocks.dropFirst(consoleIndex + 1).first { $0.info == "json" })
    let command = try #require(CLIDocTests.commands(in: blocks[consoleIndex].text).first)
    #expect(command.discardsOutput)
    let arguments = command.arguments.map {
      FileManager.default.fileExists(atPath: inspectPath($0)) ? inspectPath($0) : $0
    }
    let io = CapturedIO()
    #expect(PlumCommand.run(arguments, io: io) == .success)
    #expect(TestTutorialTests.normalized(io.err) == TestTutorialTests.normalized(command.output))
    let written = String(decoding: io.files["summary.json"] ?? [], as: UTF8.self)
    func withoutTime(_ text: String) -> String {
      text.replacingOccurrences(
        of: #""seconds": [0-9.]+"#, with: "\"seconds\": 0", options: .regularExpression)
    }
    #expect(withoutTime(written) == withoutTime(json.text))
  }
}
