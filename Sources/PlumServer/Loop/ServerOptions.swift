/// Where the server listens, how many workers it runs, and the limits and timeouts that keep a
/// slow or hostile client from holding a worker.
public struct ServerOptions: Hashable, Sendable {
  /// The address to listen on: IPv4 (`127.0.0.1`) or IPv6 (`::1`).
  public var host: String
  /// The port; 0 lets the system choose one (the server reports it).
  public var port: Int
  /// The number of worker threads, each with its own event loop and listening socket.
  public var workers: Int
  /// Request size limits.
  public var limits: HTTPLimits
  /// Seconds a client has to send a whole request once it has begun (408 after).
  public var readTimeout: Double
  /// Seconds a kept-alive connection may sit idle between requests.
  public var idleTimeout: Double
  /// Seconds a client may stop reading a response before the connection is dropped.
  public var writeTimeout: Double
  /// Seconds in-flight requests get to finish on `SIGTERM` before their connections are closed.
  public var drainTimeout: Double
  /// The most open connections per worker; more are closed at once with 503.
  public var maximumConnections: Int

  /// Creates options; the defaults listen on loopback with one worker per core.
  public init(
    host: String = "127.0.0.1", port: Int = 8080, workers: Int = 0, limits: HTTPLimits = HTTPLimits(),
    readTimeout: Double = 10, idleTimeout: Double = 60, writeTimeout: Double = 10, drainTimeout: Double = 10,
    maximumConnections: Int = 4096
  ) {
    self.host = host
    self.port = port
    self.workers = workers > 0 ? workers : ServerOptions.coreCount
    self.limits = limits
    self.readTimeout = max(0.01, readTimeout)
    self.idleTimeout = max(0.01, idleTimeout)
    self.writeTimeout = max(0.01, writeTimeout)
    self.drainTimeout = max(0, drainTimeout)
    self.maximumConnections = max(1, maximumConnections)
  }

  /// The number of online processors.
  public static var coreCount: Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
