import Foundation
import PlumTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `plum serve` as a process: the ready line, reload on SIGHUP, and a drain on SIGTERM.
@Suite(.serialized) struct ServeProcessTests {
  @Test(.enabled(if: RequiredTool.mustRun(builtPlum != nil)))
  func reloadsOnHangupAndDrainsOnTerminate() throws {
    let plum = try #require(builtPlum, "the plum executable is not built")
    let directory = try temporaryPolicyDirectory()
    for item in ["winback.plum", "models", "data"] {
      try FileManager.default.copyItem(
        atPath: repositoryPath("examples/winback/\(item)"), toPath: directory + "/" + item)
    }
    let policy = directory + "/winback.plum"
    let process = Process()
    process.executableURL = plum
    process.arguments = ["serve", policy, "--port", "0", "--workers", "2", "--drain-timeout", "5"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    let log = OutputCollector()
    try process.run()
    log.collect(from: errors.fileHandleForReading.fileDescriptor)
    defer { if process.isRunning { process.terminate() } }
    #expect(log.wait { $0.contains("serving winback\n") })
    let ready = log.text
    let port = try #require(
      ready.range(of: #"http://127\.0\.0\.1:(\d+) "#, options: .regularExpression).flatMap {
        Int(ready[$0].dropFirst("http://127.0.0.1:".count).dropLast())
      })
    // A member who gets the welcome-back points, whose amount the reload below changes.
    let decisions = plumRunOutput(policy, directory + "/data/participants.jsonl", asOf: "2026-11-23")
      .split(separator: "\n")
    let index = try #require(decisions.firstIndex { $0.contains("\"welcome_back\"") })
    let members = try String(contentsOfFile: directory + "/data/participants.jsonl", encoding: .utf8)
    let record = String(members.split(separator: "\n")[index])
    func decide() throws -> TestResponse {
      let connection = try TestConnection(port: port)
      try connection.send(
        TestConnection.request("POST", "/v1/decide?as_of=2026-11-23", body: Array(record.utf8)))
      return try connection.readResponse()
    }
    let first = try decide()
    #expect(first.status == 200)

    // A broken policy is refused on SIGHUP, with its diagnostics in the log; the old one serves on.
    let original = try String(contentsOfFile: policy, encoding: .utf8)
    try original.replacingOccurrences(of: "points(100)", with: "points(100 EUR)").write(
      toFile: policy, atomically: true, encoding: .utf8)
    kill(process.processIdentifier, SIGHUP)
    #expect(log.wait { $0.contains("reload refused") })
    #expect(log.text.contains("error[P0"))
    #expect(try decide().text == first.text)
    try original.replacingOccurrences(of: "points(100)", with: "points(7)").write(
      toFile: policy, atomically: true, encoding: .utf8)
    kill(process.processIdentifier, SIGHUP)
    #expect(log.wait { $0.contains("reloaded winback (generation 2)") })
    #expect(try decide().text.contains("\"amount\":7"))

    // A request in flight when SIGTERM arrives is still answered, then the server exits 0.
    let inFlight = try TestConnection(port: port)
    let request = TestConnection.request("POST", "/v1/decide?as_of=2026-11-23", body: Array(record.utf8))
    try inFlight.send(Array(request.prefix(request.count - 10)))
    let idle = try TestConnection(port: port)
    try idle.send(TestConnection.request("GET", "/healthz"))
    #expect(try idle.readResponse().status == 200)
    usleep(100_000)
    kill(process.processIdentifier, SIGTERM)
    #expect(log.wait { $0.contains("draining") })
    usleep(200_000)
    try inFlight.send(Array(request.suffix(10)))
    let answered = try inFlight.readResponse()
    #expect(answered.status == 200)
    #expect(answered.header("Connection") == "close")
    #expect(try idle.isClosedByServer())
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(log.text.hasSuffix("plum serve: stopped\n"))
  }
}
