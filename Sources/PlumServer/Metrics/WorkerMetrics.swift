import Synchronization

/// The endpoints metrics are labelled with: a fixed set, so a client cannot create labels (and a
/// path that carries personal data never becomes one).
public enum MetricsEndpoint: String, CaseIterable, Sendable {
  case decide = "/v1/decide"
  case explain = "/v1/explain"
  case policy = "/v1/policy"
  case reload = "/v1/reload"
  case health = "/healthz"
  case metrics = "/metrics"
  case other = "other"

  /// The label for a request path.
  static func forPath(_ path: String) -> MetricsEndpoint {
    MetricsEndpoint(rawValue: path) ?? .other
  }
}

/// What one policy decided on one worker, under the policy's reward names at the time.
struct PolicyTally: Sendable {
  var policy: String
  var rewardNames: [String]
  var decisions = 0
  var records = 0
  var rewardCounts: [Int]
  var errorsByCode: [String: Int] = [:]

  init(policy: String, rewardNames: [String]) {
    self.policy = policy
    self.rewardNames = rewardNames
    rewardCounts = Array(repeating: 0, count: rewardNames.count)
  }
}

/// One worker's counters. The worker updates them once per request under an uncontended lock; a
/// scrape reads every worker's and adds them up, so no counter is shared between workers.
public final class WorkerMetrics: Sendable {
  /// Upper bounds of the latency histogram's buckets, in seconds.
  static let latencyBounds: [Double] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
  ]

  struct State: Sendable {
    var requests: [Int] = Array(repeating: 0, count: MetricsEndpoint.allCases.count * 600)
    var latencyBuckets: [Int] = Array(repeating: 0, count: WorkerMetrics.latencyBounds.count + 1)
    var latencySum = 0.0
    var latencyCount = 0
    var connectionsAccepted = 0
    var connectionsOpen = 0
    var connectionsRefused = 0
    var timeouts = 0
    /// Tallies by policy snapshot; the last one per policy is current.
    var tallies: [PolicyTally] = []
  }

  let state = Mutex(State())

  init() {}

  func recordRequest(path: String, status: HTTPStatus, seconds: Double) {
    let endpoint = MetricsEndpoint.allCases.firstIndex(of: .forPath(path)) ?? 0
    state.withLock { state in
      state.requests[endpoint * 600 + status.rawValue] += 1
      var bucket = 0
      while bucket < Self.latencyBounds.count && seconds > Self.latencyBounds[bucket] { bucket += 1 }
      state.latencyBuckets[bucket] += 1
      state.latencySum += seconds
      state.latencyCount += 1
    }
  }

  func connectionOpened() {
    state.withLock {
      $0.connectionsAccepted += 1; $0.connectionsOpen += 1
    }
  }
  func connectionClosed() { state.withLock { $0.connectionsOpen -= 1 } }
  func connectionRefused() { state.withLock { $0.connectionsRefused += 1 } }
  func timedOut() { state.withLock { $0.timeouts += 1 } }

  /// Starts a tally for a newly adopted policy snapshot and returns its index.
  func beginTally(policy: String, rewardNames: [String]) -> Int {
    state.withLock { state in
      state.tallies.append(PolicyTally(policy: policy, rewardNames: rewardNames))
      return state.tallies.count - 1
    }
  }

  /// Adds a request's decisions to a tally.
  func record(_ batch: DecisionTally, into tally: Int) {
    state.withLock { state in
      guard state.tallies.indices.contains(tally) else { return }
      state.tallies[tally].records += batch.records
      state.tallies[tally].decisions += batch.decisions
      for (index, count) in batch.rewardCounts.enumerated() where count > 0 {
        if state.tallies[tally].rewardCounts.indices.contains(index) {
          state.tallies[tally].rewardCounts[index] += count
        }
      }
      for (code, count) in batch.errorsByCode { state.tallies[tally].errorsByCode[code, default: 0] += count }
    }
  }
}

/// What one request decided, gathered without locking and recorded once.
struct DecisionTally {
  var records = 0
  var decisions = 0
  var rewardCounts: [Int]
  var errorsByCode: [String: Int] = [:]

  init(rewardCount: Int) {
    rewardCounts = Array(repeating: 0, count: rewardCount)
  }

  mutating func clear() {
    records = 0
    decisions = 0
    for index in rewardCounts.indices { rewardCounts[index] = 0 }
    if !errorsByCode.isEmpty { errorsByCode.removeAll(keepingCapacity: true) }
  }
}
