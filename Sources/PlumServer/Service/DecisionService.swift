/// What the decision endpoints allow beyond the defaults.
public struct ServiceOptions: Sendable {
  /// The bearer token every request but `/healthz` must carry, when set.
  public var token: String?
  /// Whether `POST /v1/reload` reloads the policies.
  public var reloadEndpoint: Bool

  /// Creates options: no token, no reload endpoint.
  public init(token: String? = nil, reloadEndpoint: Bool = false) {
    self.token = token
    self.reloadEndpoint = reloadEndpoint
  }
}

/// The decision service between the HTTP server and the policies: the policy store, the metrics
/// and the options that every worker's handler shares.
public final class DecisionService: Sendable {
  /// The policies served.
  public let store: PolicyStore
  /// The metrics every worker records into.
  public let metrics: MetricsRegistry
  /// The endpoints' options.
  public let options: ServiceOptions
  /// Writes reload outcomes and diagnostics to the server log.
  let log: @Sendable (String) -> Void

  /// Creates the service.
  /// - Parameters:
  ///   - store: the policies served.
  ///   - metrics: where workers record what they serve.
  ///   - options: token and reload endpoint.
  ///   - log: the server log (standard error), one or more whole lines per call.
  public init(
    store: PolicyStore, metrics: MetricsRegistry, options: ServiceOptions,
    log: @escaping @Sendable (String) -> Void
  ) {
    self.store = store
    self.metrics = metrics
    self.options = options
    self.log = log
  }

  /// Makes worker `index`'s handler; `sink`, when given, receives every decision it serves.
  public func makeHandler(worker index: Int, sink: (any DecisionSink)? = nil) -> DecisionHandler {
    DecisionHandler(service: self, metrics: metrics.workers[index % metrics.workers.count], sink: sink)
  }

  /// Reloads the policies and logs the outcome: the new generation, or the diagnostics and the
  /// reason the old policies keep serving.
  @discardableResult
  public func reload() -> Result<Int, PolicyLoadError> {
    let outcome = store.reload()
    switch outcome {
    case .success(let generation):
      metrics.recordReload(succeeded: true)
      let names = store.snapshots().policies.map(\.name).joined(separator: ", ")
      log("plum serve: reloaded \(names) (generation \(generation))\n")
    case .failure(let error):
      metrics.recordReload(succeeded: false)
      log(
        error.diagnostics
          + "plum serve: reload refused: \(error.message); the previous policy keeps serving\n")
    }
    return outcome
  }
}
