import Foundation
import PlumServer
import Testing

@testable import PlumCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

private let winback = repositoryPath("examples/winback/winback.plum")

/// The second winback record as one line, and its decision at 2026-11-23.
private func sampleRecord() throws -> String {
  String(
    try String(contentsOfFile: repositoryPath("examples/winback/data/participants.jsonl"), encoding: .utf8)
      .split(separator: "\n")[1])
}

/// Checks that the server still answers a decision correctly after abuse.
private func expectStillServing(_ server: ServeFixture, sourceLocation: SourceLocation = #_sourceLocation)
  throws
{
  let response = try server.post("/v1/decide?as_of=2026-11-23", try sampleRecord())
  #expect(response.status == 200, sourceLocation: sourceLocation)
  #expect(response.text.hasPrefix("{\"record\":1,\"key\":\"m00002\""), sourceLocation: sourceLocation)
}

/// Bad input over real sockets: each gets the right status or a closed connection, and the server
/// keeps serving.
@Suite(.serialized) struct ServeAbuseTests {
  @Test func refusesAnOversizedBodyWith413() throws {
    let server = try ServeFixture(
      paths: [winback], options: ServeFixture.testOptions(limits: HTTPLimits(maximumBodyBytes: 1000)))
    defer { server.stop() }
    let connection = try TestConnection(port: server.port)
    try connection.send(
      TestConnection.request("POST", "/v1/decide", body: Array(repeating: 0x20, count: 5000)))
    let response = try connection.readResponse()
    #expect(response.status == 413)
    #expect(response.header("Connection") == "close")
    #expect(try connection.isClosedByServer())
    try expectStillServing(server)
  }

  @Test func refusesTenThousandHeadersWith431() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    let connection = try TestConnection(port: server.port)
    var head = "GET /healthz HTTP/1.1\r\nHost: x\r\n"
    for index in 0..<10_000 { head += "X-Header-\(index): value\r\n" }
    // The server may answer and close before it has read everything; a failed send is fine.
    try? connection.send(head + "\r\n")
    #expect(try connection.readResponse().status == 431)
    try expectStillServing(server)
  }

  @Test func refusesAVeryLongRequestLineAndChunkedBodies() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    let long = try TestConnection(port: server.port)
    try? long.send("GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(try long.readResponse().status == 414)
    let chunked = try TestConnection(port: server.port)
    try chunked.send(
      "POST /v1/decide HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
    #expect(try chunked.readResponse().status == 411)
    try expectStillServing(server)
  }

  @Test func closesOnATruncatedBody() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    // The client stops sending mid-body and closes its side: nothing to answer, the server closes.
    let closing = try TestConnection(port: server.port)
    try closing.send("POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"id\":")
    shutdown(closing.descriptor, Int32(SHUT_WR))
    #expect(try closing.isClosedByServer())
    // The client stops sending and waits: the read timeout answers 408 and closes.
    let waiting = try TestConnection(port: server.port)
    try waiting.send("POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"id\":")
    #expect(try waiting.readResponse().status == 408)
    #expect(try waiting.isClosedByServer())
    try expectStillServing(server)
  }

  @Test func timesOutAClientSendingOneBytePerSecond() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    let slow = try TestConnection(port: server.port)
    let request = Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
    try slow.send([request[0]])
    // Meanwhile other clients are served at once.
    let started = Date()
    try expectStillServing(server)
    #expect(Date().timeIntervalSince(started) < 0.5)
    var sent = 1
    var answered: TestResponse?
    while sent < 4 {
      sleep(1)
      // A send may fail once the server has closed; the response is read below.
      if (try? slow.send([request[sent]])) == nil { break }
      sent += 1
    }
    answered = try slow.readResponse()
    #expect(answered?.status == 408)
    #expect(try slow.isClosedByServer())
    try expectStillServing(server)
  }

  @Test func answersMalformedJSONWithTheRecordErrorObject() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    let truncated = try server.post("/v1/decide", "{\"id\":\"m1\",\"age\":")
    #expect(truncated.status == 400)
    #expect(
      truncated.text.hasPrefix(
        "{\"record\":1,\"key\":\"m1\",\"error\":{\"code\":\"P0601\",\"message\":\"malformed JSON"))
    let array = try server.post("/v1/decide", "[{\"id\":\"m1\"}")
    #expect(array.status == 400)
    #expect(
      array.text
        == "{\"record\":1,\"error\":{\"code\":\"P0601\",\"message\":\"malformed JSON at column 13: the array is not closed\",\"line\":1}}\n"
    )
    #expect(try server.post("/v1/decide", "").status == 400)
    try expectStillServing(server)
  }

  @Test func reportsInvalidUTF8AsTheRecordsError() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    var bytes = Array(try sampleRecord().utf8)
    // The first byte of the country's value becomes a byte that is never UTF-8.
    let name = Array("\"country\":\"".utf8)
    let start = try #require(
      (0...(bytes.count - name.count)).first { Array(bytes[$0..<($0 + name.count)]) == name })
    bytes[start + name.count] = 0xFF
    let response = try server.request("POST", "/v1/decide", body: bytes)
    #expect(response.status == 400)
    #expect(response.text.contains("\"code\":\"P0606\""))
    try expectStillServing(server)
  }

  @Test func survivesJSONNested100000Deep() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let record = try sampleRecord()
    // An unknown key holding the deep value is skipped, and the record decided.
    let nested = try server.post(
      "/v1/decide?as_of=2026-11-23", String(record.dropLast()) + ",\"extra\":" + deep + "}")
    #expect(nested.status == 200)
    #expect(try server.post("/v1/decide", "[" + deep + "]").status == 200)
    #expect(try server.post("/v1/decide", String(repeating: "{\"a\":", count: 100_000)).status == 400)
    try expectStillServing(server)
  }

  @Test func answersPipelinedRequestsInOrder() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    let connection = try TestConnection(port: server.port)
    let record = Array(try sampleRecord().utf8)
    try connection.send(
      TestConnection.request("GET", "/healthz")
        + TestConnection.request("POST", "/v1/decide?as_of=2026-11-23", body: record)
        + TestConnection.request("GET", "/nowhere")
        + TestConnection.request("POST", "/v1/decide?as_of=2026-11-23", body: record))
    let statuses = try (0..<4).map { _ in try connection.readResponse() }
    #expect(statuses.map(\.status) == [200, 200, 404, 200])
    #expect(statuses[1].body == statuses[3].body)
    for _ in 0..<200 { try connection.send(TestConnection.request("GET", "/healthz")) }
    for _ in 0..<200 { #expect(try connection.readResponse().status == 200) }
  }

  @Test func survivesAbruptDisconnects() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    for round in 0..<20 {
      let connection = try TestConnection(port: server.port)
      let record = Array(try sampleRecord().utf8)
      let request = TestConnection.request("POST", "/v1/decide", body: record)
      // Reset mid-head, mid-body, and after a whole request whose response is never read.
      try connection.send(
        Array(request.prefix(round % 3 == 0 ? 10 : round % 3 == 1 ? request.count - 5 : request.count)))
      connection.reset()
    }
    try expectStillServing(server)
  }

  @Test func answersUnknownPathsAndWrongMethods() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    #expect(try server.request("GET", "/v2/anything").status == 404)
    let wrong = try server.request("GET", "/v1/decide")
    #expect(wrong.status == 405)
    #expect(wrong.header("Allow") == "POST")
    #expect(try server.request("DELETE", "/healthz").header("Allow") == "GET, HEAD")
    #expect(try server.post("/v1/reload", "").status == 404)
  }

  @Test func closesWhenAskedAndKeepsAliveOtherwise() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    let connection = try TestConnection(port: server.port)
    for _ in 0..<50 {
      try connection.send(TestConnection.request("GET", "/healthz"))
      #expect(try connection.readResponse().header("Connection") == nil)
    }
    try connection.send(TestConnection.request("GET", "/healthz", headers: ["Connection: close"]))
    #expect(try connection.readResponse().header("Connection") == "close")
    #expect(try connection.isClosedByServer())
  }

  @Test func closesIdleConnections() throws {
    let server = try ServeFixture(paths: [winback], options: ServeFixture.testOptions(idle: 0.3))
    defer { server.stop() }
    let connection = try TestConnection(port: server.port)
    try connection.send(TestConnection.request("GET", "/healthz"))
    #expect(try connection.readResponse().status == 200)
    let started = Date()
    #expect(try connection.isClosedByServer())
    #expect(Date().timeIntervalSince(started) < 2)
    try expectStillServing(server)
  }

  @Test func sendsContinueBeforeTheBody() throws {
    let server = try ServeFixture(paths: [winback])
    defer { server.stop() }
    let connection = try TestConnection(port: server.port)
    let record = try sampleRecord()
    try connection.send(
      "POST /v1/decide?as_of=2026-11-23 HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: \(record.utf8.count)\r\n\r\n"
    )
    var interim = [UInt8](repeating: 0, count: 25)
    let count = interim.withUnsafeMutableBytes { recv(connection.descriptor, $0.baseAddress, $0.count, 0) }
    #expect(String(decoding: interim.prefix(max(0, count)), as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
    try connection.send(record)
    #expect(try connection.readResponse().status == 200)
  }

  @Test func requiresTheBearerTokenWhenOneIsSet() throws {
    let server = try ServeFixture(paths: [winback], service: ServiceOptions(token: "s3cret"))
    defer { server.stop() }
    let record = try sampleRecord()
    let refused = try server.post("/v1/decide", record)
    #expect(refused.status == 401)
    #expect(refused.header("WWW-Authenticate") == "Bearer")
    #expect(try server.post("/v1/decide", record, headers: ["Authorization: Bearer wrong!"]).status == 401)
    #expect(try server.post("/v1/decide", record, headers: ["Authorization: Bearer s3cre"]).status == 401)
    #expect(try server.post("/v1/decide", record, headers: ["Authorization: Bearer s3cret"]).status == 200)
    #expect(try server.request("GET", "/metrics").status == 401)
    #expect(try server.request("GET", "/healthz").status == 200)
  }

  @Test func refusesConnectionsOverTheLimit() throws {
    var options = ServeFixture.testOptions()
    options.workers = 1
    options.maximumConnections = 2
    let server = try ServeFixture(paths: [winback], options: options)
    defer { server.stop() }
    let held = try (0..<2).map { _ in try TestConnection(port: server.port) }
    for connection in held {
      try connection.send(TestConnection.request("GET", "/healthz"))
      #expect(try connection.readResponse().status == 200)
    }
    let extra = try TestConnection(port: server.port)
    #expect(try extra.readResponse().status == 503)
    #expect(try extra.isClosedByServer())
  }
}
