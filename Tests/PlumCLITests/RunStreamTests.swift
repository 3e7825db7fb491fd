import Foundation
import PlumTestSupport
import Testing

@testable import PlumCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `plum run --stream`: standard input in, each decision out as soon as its record is complete.
@Suite struct RunStreamTests {
  @Test(arguments: [
    ("examples/winback/winback.plum", "examples/winback/data/participants.jsonl", "jsonl"),
    ("examples/winback/winback.plum", "examples/winback/data/participants.csv", "csv"),
    ("examples/fraud/fraud.plum", "examples/fraud/data/claims.csv", "csv"),
  ])
  func writesWhatAFileRunWrites(policy: String, data: String, format: String) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: repositoryPath(data))))
    let io = CapturedIO()
    io.files["-"] = bytes
    let status = PlumCommand.run(
      ["run", "--stream", "--input-format", format, repositoryPath(policy), "--as-of", "2026-11-23"], io: io)
    #expect(status == .success)
    #expect(io.out == plumRunOutput(repositoryPath(policy), repositoryPath(data), asOf: "2026-11-23"))
    #expect(io.err.hasPrefix("decided "))
  }

  @Test func refusesDataFiles() {
    let io = CapturedIO()
    let status = PlumCommand.run(
      ["run", "--stream", repositoryPath("examples/winback/winback.plum"), "x.jsonl"], io: io)
    #expect(status == .usage)
    #expect(io.err.hasPrefix("error: --stream reads standard input; give no data files (or '-')\n"))
  }

  @Test(.enabled(if: RequiredTool.mustRun(builtPlum != nil)))
  func writesEachDecisionBeforeTheNextRecordArrives() throws {
    let plum = try #require(builtPlum, "the plum executable is not built")
    let lines = try String(
      contentsOfFile: repositoryPath("examples/winback/data/participants.jsonl"), encoding: .utf8
    )
    .split(separator: "\n").prefix(3)
    let process = Process()
    process.executableURL = plum
    process.arguments = [
      "run", "--stream", repositoryPath("examples/winback/winback.plum"), "--as-of", "2026-11-23",
    ]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    var received = ""
    // The pieces end inside records, as a pipe may deliver them: a decision must not wait for
    // bytes of the next record once its own last byte has arrived.
    let texts = lines.map { Array(($0 + "\n").utf8) }
    let pieces = [texts[0] + texts[1].dropLast(5), Array(texts[1].suffix(5)), texts[2]]
    for (index, piece) in pieces.enumerated() {
      input.fileHandleForWriting.write(Data(piece))
      while received.split(separator: "\n").count <= index {
        // Waits at most 10 seconds, so a decision held back fails the test instead of hanging it.
        var ready = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, 10_000) == 1 else { break }
        let data = output.fileHandleForReading.availableData
        if data.isEmpty { break }
        received += String(decoding: data, as: UTF8.self)
      }
      #expect(received.split(separator: "\n").count == index + 1)
    }
    try input.fileHandleForWriting.close()
    received += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let io = CapturedIO()
    io.files["-"] = Array((lines.joined(separator: "\n") + "\n").utf8)
    _ = PlumCommand.run(
      [
        "run", repositoryPath("examples/winback/winback.plum"), "-", "--input-format", "jsonl", "--as-of",
        "2026-11-23",
      ], io: io)
    #expect(received == io.out)
  }
}
