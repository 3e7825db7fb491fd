import Foundation
import PlumServer
import Testing

@testable import PlumCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A sink that keeps what it is given, as a decision log would write it.
private final class CapturingSink: DecisionSink {
  let lines = LogCapture()

  func write(lines bytes: UnsafeRawBufferPointer, policy: PolicySnapshot) {
    lines.append(policy.name + ":" + String(decoding: bytes, as: UTF8.self))
  }
}

/// `plum serve`'s command line, and the decision sink it leaves room for.
@Suite struct ServeCommandTests {
  private func serve(_ arguments: [String]) -> (PlumCLI.ExitStatus, String) {
    let io = CapturedIO()
    let status = PlumCommand.run(["serve"] + arguments, io: io)
    return (status, io.err)
  }

  @Test func refusesWhatItCannotServe() throws {
    let winback = repositoryPath("examples/winback/winback.plum")
    #expect(serve([winback]).0 == .usage)
    #expect(
      serve(["--port", "70000", winback]).1.hasPrefix("error: the value '70000' is invalid for '--port'"))
    #expect(serve(["--port", "0", "-"]).0 == .usage)
    #expect(serve(["--port", "0", "--read-timeout", "-1", winback]).0 == .usage)
    #expect(
      serve(["--port", "0", "--host", "example.org", winback]).1.contains("is not an IPv4 or IPv6 address"))
    let unsafe = serve(["--port", "0", repositoryPath("examples/unsafe/unsafe.plum")])
    #expect(unsafe.0 == .usage)
    #expect(unsafe.1.contains("error[P04"))
    #expect(unsafe.1.hasSuffix("; nothing is served\n"))
    let directory = try temporaryPolicyDirectory()
    try "".write(toFile: directory + "/token", atomically: true, encoding: .utf8)
    #expect(serve(["--port", "0", "--token-file", directory + "/token", winback]).1.contains("is empty"))
  }

  @Test func refusesAPortInUse() throws {
    // A port another socket holds without SO_REUSEPORT: the server cannot share it.
    let taken = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(taken) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(taken, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    listen(taken, 1)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(taken, $0, &length) }
    }
    let port = Int(UInt16(bigEndian: address.sin_port))
    let (status, err) = serve(["--port", "\(port)", repositoryPath("examples/winback/winback.plum")])
    #expect(status == .usage)
    #expect(err.hasPrefix("error: cannot listen on 127.0.0.1:\(port)"))
  }

  @Test func handsEveryServedDecisionToTheSink() throws {
    let sinks = (0..<2).map { _ in CapturingSink() }
    let server = try ServeFixture(
      paths: [repositoryPath("examples/winback/winback.plum")], sink: { sinks[$0] })
    defer { server.stop() }
    let body = try String(
      contentsOfFile: repositoryPath("examples/winback/data/participants.jsonl"), encoding: .utf8)
    let lines = body.split(separator: "\n").prefix(3).joined(separator: "\n")
    let response = try server.post("/v1/decide?as_of=2026-11-23", lines)
    #expect(sinks.map(\.lines.text).joined() == "winback:" + response.text)
  }
}
