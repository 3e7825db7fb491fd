import Foundation
import PlumServer

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `plum serve POLICY… --port N`: decides records sent over HTTP with the policies given.
enum ServeCommand: Command {
  static let name = "serve"
  static let abstract = "Serve decisions over HTTP: the same decisions as plum run, one request at a time."
  static let discussion: String? = """
    POST /v1/decide takes one JSON record, a JSON array of records or a JSON Lines body and
    answers with the decision objects plum run writes; /v1/explain adds what --explain adds.
    GET /v1/policy, /healthz and /metrics (Prometheus) describe the server. The as-of date is the
    request's as_of query parameter or Plum-As-Of header, else the record's --as-of-field, else
    today's UTC date; the response's Plum-As-Of and Plum-As-Of-Source headers say which.
    The server listens on loopback unless --host says otherwise and prints a ready line with its
    port on standard error (--port 0 picks a free port). SIGHUP (and POST /v1/reload with
    --reload-endpoint) re-reads the policies and models: one that does not check or load is
    refused, with its diagnostics on standard error, and the old one keeps serving. SIGTERM or
    SIGINT drains: open requests finish, then plum exits 0. See docs/serving.md.
    Exit status: 0 after a drain, 2 for usage errors, a policy that cannot be loaded, or an
    address that cannot be listened on.
    """
  static let arguments = ArgumentSpec(
    flags: [
      .init(name: "--reload-endpoint", help: "Accept POST /v1/reload to re-read the policies.")
    ],
    options: [
      .init(name: "--port", valueName: "port", help: "The TCP port (0: any free port).", required: true),
      .init(name: "--host", valueName: "address", help: "The address to listen on (default: 127.0.0.1)."),
      .init(name: "--workers", valueName: "count", help: "Worker threads (default: one per core)."),
      .init(
        name: "--token-file", valueName: "file",
        help: "Require 'Authorization: Bearer TOKEN' with the token in this file."),
      .init(
        name: "--as-of-field", valueName: "field",
        help: "A date input field that, when a record has it, is that record's as-of date."),
      .init(name: "--max-body", valueName: "bytes", help: "The largest request body (default: 1048576)."),
      .init(
        name: "--max-headers", valueName: "count", help: "The most header lines in a request (default: 100)."),
      .init(
        name: "--read-timeout", valueName: "seconds", help: "Time to send a whole request (default: 10)."),
      .init(
        name: "--idle-timeout", valueName: "seconds",
        help: "Time a kept-alive connection may idle (default: 60)."),
      .init(
        name: "--write-timeout", valueName: "seconds",
        help: "Time a client may stall reading a response (default: 10)."),
      .init(
        name: "--drain-timeout", valueName: "seconds",
        help: "Time open requests get on SIGTERM (default: 10)."),
      .init(
        name: "--max-connections", valueName: "count", help: "Open connections per worker (default: 4096)."),
    ],
    positionals: [.init(name: "policy", help: "The policy files to serve.", repeating: true)])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    let paths = arguments.positionals
    guard !paths.isEmpty else { throw UsageError(message: "missing expected argument '<policy>'") }
    if paths.contains("-") {
      throw UsageError(
        message: "plum serve reads its policies from files, so it can re-read them; '-' is not one")
    }
    guard let portText = arguments.value("--port") else {
      throw UsageError(message: "missing '--port <port>'")
    }
    let limits = HTTPLimits(
      maximumHeaderCount: try integer(arguments, "--max-headers") ?? 100,
      maximumBodyBytes: try integer(arguments, "--max-body") ?? 1 << 20)
    let options = ServerOptions(
      host: arguments.value("--host") ?? "127.0.0.1", port: try integer(portText, "--port", range: 0...65535),
      workers: try workerCount(arguments), limits: limits,
      readTimeout: try seconds(arguments, "--read-timeout") ?? 10,
      idleTimeout: try seconds(arguments, "--idle-timeout") ?? 60,
      writeTimeout: try seconds(arguments, "--write-timeout") ?? 10,
      drainTimeout: try seconds(arguments, "--drain-timeout") ?? 10,
      maximumConnections: try integer(arguments, "--max-connections") ?? 4096)
    var token: String?
    if let path = arguments.value("--token-file") {
      do {
        let text = String(decoding: try io.readFile(path), as: UTF8.self).trimmingCharacters(
          in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
          io.writeErr("error: the token file '\(path)' is empty\n")
          return .usage
        }
        token = text
      } catch {
        io.writeErr("error: \(error)\n")
        return .usage
      }
    }

    let log: @Sendable (String) -> Void = { text in StandardError.append(text) }
    let store: PolicyStore
    do {
      store = try PolicyStore(
        loader: ServedPolicyLoader(paths: paths, asOfField: arguments.value("--as-of-field")))
    } catch {
      io.writeErr(error.diagnostics + "error: \(error.message); nothing is served\n")
      return .usage
    }
    let metrics = MetricsRegistry(workerCount: options.workers)
    let server: HTTPServer
    do {
      server = try HTTPServer(options: options, metrics: metrics)
    } catch {
      io.writeErr("error: \(error.message)\n")
      return .usage
    }
    let service = DecisionService(
      store: store, metrics: metrics,
      options: ServiceOptions(token: token, reloadEndpoint: arguments.has("--reload-endpoint")), log: log)

    // Signals are handled on a queue of their own, never in a signal handler.
    for number in [SIGHUP, SIGTERM, SIGINT, SIGPIPE] { signal(number, SIG_IGN) }
    let queue = DispatchQueue(label: "plum.serve.signals")
    let sources = [SIGHUP, SIGTERM, SIGINT].map { number in
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler {
        if number == SIGHUP {
          service.reload()
        } else if !server.isDraining {
          log("plum serve: draining (signal \(number == SIGTERM ? "TERM" : "INT"))\n")
          server.drain()
        }
      }
      source.resume()
      return source
    }
    server.start { service.makeHandler(worker: $0) }
    let names = store.snapshots().policies.map(\.name).joined(separator: ", ")
    let shownHost = options.host.contains(":") ? "[\(options.host)]" : options.host
    log(
      "plum serve: listening on http://\(shownHost):\(server.port) with \(plural(options.workers, "worker")); "
        + "serving \(names)\n")
    server.wait()
    for source in sources { source.cancel() }
    log("plum serve: stopped\n")
    return .success
  }

  private static func workerCount(_ arguments: ParsedArguments) throws(UsageError) -> Int {
    guard let text = arguments.value("--workers") else { return 0 }
    return try integer(text, "--workers", range: 1...256)
  }

  private static func integer(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> Int? {
    guard let text = arguments.value(name) else { return nil }
    return try integer(text, name, range: 1...Int(Int32.max))
  }

  private static func integer(_ text: String, _ name: String, range: ClosedRange<Int>) throws(UsageError)
    -> Int
  {
    guard let value = Int(text), range.contains(value) else {
      let bound = range.upperBound < Int(Int32.max) ? " to \(range.upperBound)" : ""
      throw UsageError(
        message:
          "the value '\(text)' is invalid for '\(name)'; expected a whole number from \(range.lowerBound)\(bound)"
      )
    }
    return value
  }

  private static func seconds(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> Double? {
    guard let text = arguments.value(name) else { return nil }
    guard let value = Double(text), value.isFinite, value > 0, value <= 86_400 else {
      throw UsageError(
        message: "the value '\(text)' is invalid for '\(name)'; expected seconds, such as 0.5 or 30")
    }
    return value
  }
}

/// The server log: whole messages written to standard error with one `write` each, from any thread.
private enum StandardError {
  static func append(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }
}
