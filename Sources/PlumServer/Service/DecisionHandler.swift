import PlumData
import PlumRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One worker's endpoints: `/v1/decide`, `/v1/explain`, `/v1/policy`, `/v1/reload`, `/healthz` and
/// `/metrics`.
///
/// Decisions are written by the runtime's `DecisionRunner`, so a served decision is byte for byte
/// the line `plum run` writes for the same record and as-of date.
public final class DecisionHandler: HTTPHandler {
  private let service: DecisionService
  private let metrics: WorkerMetrics
  private let sink: (any DecisionSink)?
  private var generation = 0
  private var policies: [WorkerPolicy] = []
  private let writer = JSONLinesWriter()
  private let arrayWriter = JSONLinesWriter()
  private var lineEnds: [Int] = []
  private var lastAsOf: (query: String, header: String?, days: Int64??)?
  private var lastPolicy: (query: String, name: String?)?
  private let bearer: [UInt8]?

  init(service: DecisionService, metrics: WorkerMetrics, sink: (any DecisionSink)?) {
    self.service = service
    self.metrics = metrics
    self.sink = sink
    bearer = service.options.token.map { Array("Bearer \($0)".utf8) }
  }

  /// Routes a request to its endpoint.
  public func respond(
    to head: HTTPRequestHead, body: UnsafeBufferPointer<UInt8>, with response: HTTPResponseWriter
  ) {
    let endpoint = MetricsEndpoint.forPath(head.path)
    if endpoint == .other {
      return response.sendError(.notFound, message: "no such endpoint; see /v1/policy, /v1/decide, /healthz")
    }
    let allowed: HTTPMethod = [.decide, .explain, .reload].contains(endpoint) ? .post : .get
    guard head.method == allowed || (allowed == .get && head.method == .head) else {
      return response.sendError(
        .methodNotAllowed, message: "\(head.path) accepts \(allowed == .post ? "POST" : "GET and HEAD")",
        headers: allowed == .post ? "Allow: POST\r\n" : "Allow: GET, HEAD\r\n")
    }
    if endpoint != .health, let bearer, !Self.matches(head.authorization, bearer) {
      return response.sendError(
        .unauthorized, message: "a valid bearer token is required", headers: "WWW-Authenticate: Bearer\r\n")
    }
    refreshPolicies()
    switch endpoint {
    case .decide: decide(head, body: body, explain: false, response: response)
    case .explain: decide(head, body: body, explain: true, response: response)
    case .policy: describePolicies(response)
    case .reload: reload(response)
    case .health:
      response.send(
        .ok, contentType: "application/json",
        text: "{\"status\":\"ok\",\"policies\":\(policies.count),\"generation\":\(generation)}\n")
    case .metrics:
      response.send(.ok, contentType: "text/plain; version=0.0.4", text: service.metrics.prometheusText())
    case .other: break
    }
  }

  // MARK: Decisions

  private func decide(
    _ head: HTTPRequestHead, body: UnsafeBufferPointer<UInt8>, explain: Bool, response: HTTPResponseWriter
  ) {
    guard let policy = policy(for: head, response: response) else { return }
    let asOf: Int64
    let source: AsOfSource
    if let requested = requestedAsOf(head) {
      guard let days = requested else {
        return response.sendError(.badRequest, message: "the as-of date must be YYYY-MM-DD")
      }
      asOf = days
      source = .request
    } else {
      var now = timespec()
      clock_gettime(CLOCK_REALTIME, &now)
      asOf = Int64(now.tv_sec) / 86_400
      source = .today
    }
    writer.removeAll()
    lineEnds.removeAll(keepingCapacity: true)
    let headers = policy.headers(asOf: asOf, source: source)
    if head.contentType == "text/csv" {
      do {
        try policy.decideCSV(body: body, asOf: asOf, explain: explain, to: writer)
        finishTally(policy)
        if let sink { writer.withUnsafeBytes { sink.write(lines: $0, policy: policy.snapshot) } }
        return writer.withUnsafeBytes {
          response.send(.ok, contentType: "application/x-ndjson", headers: headers, body: $0)
        }
      } catch {
        finishTally(policy)
        return response.sendError(.badRequest, message: "the CSV body cannot be read: \(error)")
      }
    }
    let records: RequestRecords
    switch RequestRecords.scan(body) {
    case .failure(let malformed):
      policy.reject(malformed, to: writer)
      finishTally(policy)
      return writer.withUnsafeBytes {
        response.send(.badRequest, contentType: "application/json", headers: headers, body: $0)
      }
    case .success(let found): records = found
    }
    let outcome: (readFailures: Int, faults: Int)
    do {
      outcome = try policy.decide(
        records, body: body, asOf: asOf, explain: explain, to: writer, lineEnds: &lineEnds)
    } catch {
      return response.sendError(
        .internalServerError, message: "the policy's input schema cannot be read: \(error)")
    }
    finishTally(policy)
    if let sink { writer.withUnsafeBytes { sink.write(lines: $0, policy: policy.snapshot) } }
    switch records.shape {
    case .single:
      let status: HTTPStatus =
        outcome.readFailures > 0 ? .badRequest : outcome.faults > 0 ? .unprocessableContent : .ok
      writer.withUnsafeBytes {
        response.send(status, contentType: "application/json", headers: headers, body: $0)
      }
    case .lines:
      writer.withUnsafeBytes {
        response.send(.ok, contentType: "application/x-ndjson", headers: headers, body: $0)
      }
    case .array:
      arrayWriter.removeAll()
      arrayWriter.append(byte: UInt8(ascii: "["))
      writer.withUnsafeBytes { lines in
        var start = 0
        for (index, end) in lineEnds.enumerated() {
          if index > 0 { arrayWriter.append(byte: UInt8(ascii: ",")) }
          // Each line ends with a line feed, left out inside the array.
          arrayWriter.append(bytes: UnsafeRawBufferPointer(rebasing: lines[start..<max(start, end - 1)]))
          start = end
        }
      }
      arrayWriter.append(raw: "]\n")
      arrayWriter.withUnsafeBytes {
        response.send(.ok, contentType: "application/json", headers: headers, body: $0)
      }
    }
  }

  /// The request's as-of date: nil when it names none, `.some(nil)` when it names an invalid one.
  ///
  /// Clients send the same query and header request after request, so the last answer is kept.
  private func requestedAsOf(_ head: HTTPRequestHead) -> Int64?? {
    if let lastAsOf, lastAsOf.query == head.query, lastAsOf.header == head.asOf { return lastAsOf.days }
    let days: Int64?? = (head.queryValue("as_of") ?? head.asOf).map { CivilDate.parse($0) }
    lastAsOf = (head.query, head.asOf, days)
    return days
  }

  /// The `policy` query parameter, kept for the next request with the same query.
  private func requestedPolicy(_ head: HTTPRequestHead) -> String? {
    if head.query.isEmpty { return nil }
    if let lastPolicy, lastPolicy.query == head.query { return lastPolicy.name }
    let name = head.queryValue("policy")
    lastPolicy = (head.query, name)
    return name
  }

  private func finishTally(_ policy: WorkerPolicy) {
    metrics.record(policy.tally, into: policy.tallyIndex)
    policy.tally.clear()
  }

  /// The policy a request names (`?policy=NAME`), or the only one served; nil after answering
  /// with an error.
  private func policy(for head: HTTPRequestHead, response: HTTPResponseWriter) -> WorkerPolicy? {
    if let name = requestedPolicy(head) {
      if let policy = policies.first(where: { $0.snapshot.name == name }) { return policy }
      response.sendError(.notFound, message: "no served policy has that name; see /v1/policy")
      return nil
    }
    guard policies.count == 1, let only = policies.first else {
      response.sendError(
        .badRequest,
        message: policies.isEmpty
          ? "no policy is being served" : "several policies are served; name one with ?policy=NAME")
      return nil
    }
    return only
  }

  /// Adopts the store's snapshots when a reload has changed them; a request in progress keeps
  /// the snapshot it started with.
  private func refreshPolicies() {
    guard service.store.generation != generation || policies.isEmpty else { return }
    let (current, snapshots) = service.store.snapshots()
    var adopted: [WorkerPolicy] = []
    for snapshot in snapshots {
      if let existing = policies.first(where: { $0.snapshot === snapshot }) {
        adopted.append(existing)
      } else if let made = try? WorkerPolicy(snapshot: snapshot, metrics: metrics) {
        adopted.append(made)
      }
    }
    policies = adopted
    generation = current
  }

  // MARK: Policy and reload

  private func describePolicies(_ response: HTTPResponseWriter) {
    var text = "{\"generation\":\(generation),\"policies\":["
    for (index, policy) in policies.enumerated() {
      let snapshot = policy.snapshot
      if index > 0 { text += "," }
      text += "{\"name\":\(jsonQuoted(snapshot.name)),\"version\":"
      text += snapshot.version.map(jsonQuoted) ?? "null"
      text += ",\"hash\":\(jsonQuoted(snapshot.contentHash)),\"path\":\(jsonQuoted(snapshot.path))"
      text += ",\"rewards\":[" + snapshot.rewardNames.map(jsonQuoted).joined(separator: ",") + "]"
      text += ",\"as_of\":{\"request\":[\"query as_of\",\"header Plum-As-Of\"],\"field\":"
      text += snapshot.asOfField.map(jsonQuoted) ?? "null"
      text += ",\"otherwise\":\"today (UTC), named in Plum-As-Of-Source\"}}"
    }
    text += "]}\n"
    response.send(.ok, contentType: "application/json", text: text)
  }

  private func reload(_ response: HTTPResponseWriter) {
    guard service.options.reloadEndpoint else {
      return response.sendError(
        .notFound, message: "reloading over HTTP is off; start with --reload-endpoint")
    }
    switch service.reload() {
    case .success(let generation):
      refreshPolicies()
      response.send(
        .ok, contentType: "application/json", text: "{\"reloaded\":true,\"generation\":\(generation)}\n")
    case .failure(let error):
      response.send(
        .unprocessableContent, contentType: "application/json",
        text:
          "{\"reloaded\":false,\"generation\":\(service.store.generation),\"message\":\(jsonQuoted(error.message))}\n"
      )
    }
  }

  /// Compares the `Authorization` value with the expected one in time that does not depend on
  /// where they differ.
  private static func matches(_ given: String?, _ expected: [UInt8]) -> Bool {
    guard let given else { return false }
    var difference = UInt8(given.utf8.count == expected.count ? 0 : 1)
    for (index, byte) in given.utf8.enumerated() {
      difference |= byte ^ expected[index % max(1, expected.count)]
    }
    return difference == 0
  }
}
