import Foundation
import PlumServer
import Testing

@testable import PlumCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A `plum serve` server running in the test process on an ephemeral loopback port, with the
/// same loader, service and handlers as the command; stopped (drained) by `stop()`.
final class ServeFixture: @unchecked Sendable {
  let server: HTTPServer
  let service: DecisionService
  let port: Int
  private let logLines = LogCapture()

  /// Starts serving `paths` with short timeouts so slow-client tests finish quickly.
  init(
    paths: [String], options: ServerOptions = ServeFixture.testOptions(),
    service serviceOptions: ServiceOptions = .init(),
    asOfField: String? = nil, sink: ((Int) -> (any DecisionSink)?)? = nil
  ) throws {
    let store = try PolicyStore(loader: ServedPolicyLoader(paths: paths, asOfField: asOfField))
    let metrics = MetricsRegistry(workerCount: options.workers)
    server = try HTTPServer(options: options, metrics: metrics)
    let capture = logLines
    service = DecisionService(store: store, metrics: metrics, options: serviceOptions) { capture.append($0) }
    port = server.port
    server.start { [service] in service.makeHandler(worker: $0, sink: sink?($0)) }
  }

  /// Two workers on port 0, with timeouts in fractions of a second.
  static func testOptions(limits: HTTPLimits = HTTPLimits(), read: Double = 0.5, idle: Double = 2)
    -> ServerOptions
  {
    ServerOptions(
      host: "127.0.0.1", port: 0, workers: 2, limits: limits, readTimeout: read, idleTimeout: idle,
      writeTimeout: 1,
      drainTimeout: 2)
  }

  /// What the service logged.
  var log: String { logLines.text }

  /// Drains and waits for the workers to stop.
  func stop() {
    server.drain()
    server.wait()
  }

  /// Sends one request on a new connection and reads its response.
  func request(
    _ method: String, _ target: String, body: [UInt8] = [], headers: [String] = []
  ) throws -> TestResponse {
    let connection = try TestConnection(port: port)
    try connection.send(TestConnection.request(method, target, body: body, headers: headers))
    return try connection.readResponse(bodiless: method == "HEAD")
  }

  /// `POST /v1/decide` (or another target) with a text body.
  func post(_ target: String, _ body: String, headers: [String] = []) throws -> TestResponse {
    try request("POST", target, body: Array(body.utf8), headers: headers)
  }
}

/// Lines a server logged, from any thread.
final class LogCapture: @unchecked Sendable {
  private let lock = NSLock()
  private var lines = ""

  func append(_ text: String) {
    lock.lock()
    lines += text
    lock.unlock()
  }

  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return lines
  }
}

/// One HTTP response as received.
struct TestResponse {
  var status: Int
  var headers: [String: String]
  var body: [UInt8]

  var text: String { String(decoding: body, as: UTF8.self) }

  func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a test connection gave up.
struct TestConnectionError: Error, CustomStringConvertible {
  var description: String
}

/// A blocking client socket with a receive timeout, for talking raw HTTP to the server.
final class TestConnection {
  let descriptor: Int32
  private var pending: [UInt8] = []

  init(port: Int, timeout: Double = 5) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw TestConnectionError(description: "socket failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(descriptor)
      throw TestConnectionError(description: "connect failed: \(String(cString: strerror(errno)))")
    }
    var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit { close(descriptor) }

  /// A request's bytes, with `Host` and `Content-Length` added.
  static func request(_ method: String, _ target: String, body: [UInt8] = [], headers: [String] = [])
    -> [UInt8]
  {
    var head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\n"
    for header in headers { head += header + "\r\n" }
    if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
    return Array((head + "\r\n").utf8) + body
  }

  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if count <= 0 {
        throw TestConnectionError(description: "send failed: \(String(cString: strerror(errno)))")
      }
      offset += count
    }
  }

  func send(_ text: String) throws { try send(Array(text.utf8)) }

  /// Closes the connection with a reset instead of an orderly close.
  func reset() {
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    shutdown(descriptor, Int32(SHUT_RDWR))
  }

  /// Reads more bytes; nil at the end of the stream (or after a reset).
  private func receive() throws -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count > 0 { return Array(buffer[0..<count]) }
      if count == 0 { return nil }
      if errno == EINTR { continue }
      if errno == ECONNRESET { return nil }
      throw TestConnectionError(description: "receive failed: \(String(cString: strerror(errno)))")
    }
  }

  /// Whether the server closed the connection (end of stream) with nothing more to read.
  func isClosedByServer() throws -> Bool {
    if !pending.isEmpty { return false }
    return try receive() == nil
  }

  /// Reads one response (framed by `Content-Length`; a response to `HEAD` has no body).
  func readResponse(bodiless: Bool = false) throws -> TestResponse {
    while true {
      if let response = try parsePending(bodiless: bodiless) { return response }
      guard let more = try receive() else {
        throw TestConnectionError(description: "closed after \(pending.count) bytes of a response")
      }
      pending += more
    }
  }

  private func parsePending(bodiless: Bool) throws -> TestResponse? {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard pending.count >= 4,
      let end = (0...(pending.count - 4)).first(where: { Array(pending[$0..<($0 + 4)]) == separator })
    else { return nil }
    let head = String(decoding: pending[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let statusWords = head[0].split(separator: " ")
    guard statusWords.count >= 2, let status = Int(statusWords[1]) else {
      throw TestConnectionError(description: "bad status line `\(head[0])`")
    }
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespaces)
    }
    if status == 100 {
      pending.removeFirst(end + 4)
      return try parsePending(bodiless: bodiless)
    }
    let length = bodiless ? 0 : Int(headers["content-length"] ?? "0") ?? 0
    guard pending.count >= end + 4 + length else { return nil }
    let body = Array(pending[(end + 4)..<(end + 4 + length)])
    pending.removeFirst(end + 4 + length)
    return TestResponse(status: status, headers: headers, body: body)
  }
}

/// What `plum run` writes for a policy and data file at an as-of date (standard output only).
func plumRunOutput(_ policy: String, _ data: String, asOf: String, explain: Bool = false) -> String {
  let io = CapturedIO()
  _ = PlumCommand.run(["run", policy, data, "--as-of", asOf] + (explain ? ["--explain"] : []), io: io)
  return io.out
}

/// The path of a file under the repository root.
func repositoryPath(_ relative: String) -> String {
  repositoryRoot.appendingPathComponent(relative).path
}
