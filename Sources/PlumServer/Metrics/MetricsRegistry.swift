import Synchronization

/// Every worker's metrics, and the server-wide ones (reloads), rendered together on a scrape.
public final class MetricsRegistry: Sendable {
  /// One set of counters per worker, by worker index.
  public let workers: [WorkerMetrics]
  private let reloads = Mutex((succeeded: 0, refused: 0))

  /// Creates metrics for `workerCount` workers.
  public init(workerCount: Int) {
    workers = (0..<max(1, workerCount)).map { _ in WorkerMetrics() }
  }

  /// Counts a reload that was applied (`true`) or refused.
  public func recordReload(succeeded: Bool) {
    reloads.withLock { counts in
      if succeeded { counts.succeeded += 1 } else { counts.refused += 1 }
    }
  }

  /// The metrics in the Prometheus text exposition format (version 0.0.4).
  ///
  /// Label values are endpoint paths from a fixed set, status codes, policy and reward names from
  /// the policy source, and error codes: never a value from a request.
  public func prometheusText() -> String {
    let states = workers.map { worker in worker.state.withLock { $0 } }
    var out = ""
    func header(_ name: String, _ type: String, _ help: String) {
      out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }
    header("plum_http_requests_total", "counter", "HTTP requests answered, by endpoint and status.")
    for (endpointIndex, endpoint) in MetricsEndpoint.allCases.enumerated() {
      for status in HTTPStatus.allCases {
        let count = states.reduce(0) { $0 + $1.requests[endpointIndex * 600 + status.rawValue] }
        if count > 0 {
          out +=
            "plum_http_requests_total{endpoint=\"\(endpoint.rawValue)\",status=\"\(status.rawValue)\"} \(count)\n"
        }
      }
    }
    header(
      "plum_http_request_duration_seconds", "histogram",
      "Time from a request's last byte to its response being ready.")
    var cumulative = 0
    for (index, bound) in WorkerMetrics.latencyBounds.enumerated() {
      cumulative += states.reduce(0) { $0 + $1.latencyBuckets[index] }
      out += "plum_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
    }
    cumulative += states.reduce(0) { $0 + $1.latencyBuckets[WorkerMetrics.latencyBounds.count] }
    out += "plum_http_request_duration_seconds_bucket{le=\"+Inf\"} \(cumulative)\n"
    out += "plum_http_request_duration_seconds_sum \(states.reduce(0) { $0 + $1.latencySum })\n"
    out += "plum_http_request_duration_seconds_count \(states.reduce(0) { $0 + $1.latencyCount })\n"
    header("plum_connections_accepted_total", "counter", "Connections accepted.")
    out += "plum_connections_accepted_total \(states.reduce(0) { $0 + $1.connectionsAccepted })\n"
    header(
      "plum_connections_refused_total", "counter", "Connections closed at once for being over the limit.")
    out += "plum_connections_refused_total \(states.reduce(0) { $0 + $1.connectionsRefused })\n"
    header("plum_connections_open", "gauge", "Connections open now.")
    out += "plum_connections_open \(states.reduce(0) { $0 + $1.connectionsOpen })\n"
    header("plum_timeouts_total", "counter", "Connections closed by a read, write or idle timeout.")
    out += "plum_timeouts_total \(states.reduce(0) { $0 + $1.timeouts })\n"

    var records: [String: Int] = [:]
    var decisions: [String: Int] = [:]
    var errors: [String: [String: Int]] = [:]
    var rewards: [String: [String: Int]] = [:]
    var rewardOrder: [String: [String]] = [:]
    var policies: [String] = []
    for tally in states.flatMap(\.tallies) {
      if records[tally.policy] == nil { policies.append(tally.policy) }
      records[tally.policy, default: 0] += tally.records
      decisions[tally.policy, default: 0] += tally.decisions
      for (code, count) in tally.errorsByCode {
        errors[tally.policy, default: [:]][code, default: 0] += count
      }
      for (index, name) in tally.rewardNames.enumerated() {
        if rewards[tally.policy]?[name] == nil { rewardOrder[tally.policy, default: []].append(name) }
        rewards[tally.policy, default: [:]][name, default: 0] += tally.rewardCounts[index]
      }
    }
    header("plum_records_total", "counter", "Records received for decision, by policy.")
    for policy in policies { out += "plum_records_total{policy=\(label(policy))} \(records[policy] ?? 0)\n" }
    header("plum_decisions_total", "counter", "Records decided, by policy.")
    for policy in policies {
      out += "plum_decisions_total{policy=\(label(policy))} \(decisions[policy] ?? 0)\n"
    }
    header(
      "plum_record_errors_total", "counter", "Records that could not be decided, by policy and error code.")
    for policy in policies {
      for (code, count) in (errors[policy] ?? [:]).sorted(by: { $0.key < $1.key }) {
        out += "plum_record_errors_total{policy=\(label(policy)),code=\(label(code))} \(count)\n"
      }
    }
    header("plum_rewards_total", "counter", "Rewards given, by policy and reward.")
    for policy in policies {
      for name in rewardOrder[policy] ?? [] {
        out +=
          "plum_rewards_total{policy=\(label(policy)),reward=\(label(name))} \(rewards[policy]?[name] ?? 0)\n"
      }
    }
    let reloadCounts = reloads.withLock { $0 }
    header("plum_policy_reloads_total", "counter", "Policy reloads, by result.")
    out += "plum_policy_reloads_total{result=\"applied\"} \(reloadCounts.succeeded)\n"
    out += "plum_policy_reloads_total{result=\"refused\"} \(reloadCounts.refused)\n"
    return out
  }

  /// A label value in quotes, with `\`, `"` and line feeds escaped as the format requires.
  private func label(_ value: String) -> String {
    var out = "\""
    for character in value {
      switch character {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      default: out.append(character)
      }
    }
    return out + "\""
  }
}
