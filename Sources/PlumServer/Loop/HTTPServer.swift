import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An HTTP/1.1 server on POSIX sockets: one event loop per worker thread, keep-alive and
/// pipelining, size limits, timeouts and a graceful drain.
///
/// `init` binds the sockets (so the port is known, and a busy port is an error, before any thread
/// starts); `start` runs the workers; `drain` stops accepting and lets in-flight requests finish;
/// `wait` returns when every worker has stopped.
public final class HTTPServer: @unchecked Sendable {
  /// The options the server was started with (`workers` resolved).
  public let options: ServerOptions
  /// The port the server listens on (the chosen one when `options.port` was 0).
  public let port: Int
  /// The metrics the workers record into.
  public let metrics: MetricsRegistry
  private let listeners: [Int32]
  private let control = ServerControl()
  private let finished: DispatchGroup = DispatchGroup()
  private var threads: [Thread] = []

  /// Binds `options.workers` listening sockets.
  /// - Throws: `ServerError` when the address cannot be listened on.
  public init(options: ServerOptions, metrics: MetricsRegistry? = nil) throws(ServerError) {
    self.options = options
    self.metrics = metrics ?? MetricsRegistry(workerCount: options.workers)
    (listeners, port) = try ListeningSocket.open(
      host: options.host, port: options.port, count: options.workers)
  }

  /// Starts one worker thread per listening socket, each with the handler `makeHandler` returns
  /// for its index (called on the starting thread).
  public func start(makeHandler: (Int) -> any HTTPHandler) {
    for (index, listener) in listeners.enumerated() {
      let worker = Worker(
        index: index, listener: listener, options: options, handler: makeHandler(index),
        metrics: metrics.workers[index % metrics.workers.count], control: control)
      let box = WorkerBox(worker)
      finished.enter()
      let thread = Thread { [finished] in
        box.worker.run()
        finished.leave()
      }
      thread.name = "plum-serve-\(index)"
      thread.stackSize = 8 << 20
      threads.append(thread)
      thread.start()
    }
  }

  /// Stops accepting connections; open requests are answered (with `Connection: close`), idle
  /// connections are closed, and workers stop when their last connection closes or
  /// `options.drainTimeout` passes.
  public func drain() {
    control.beginDrain()
  }

  /// Whether `drain` has been called.
  public var isDraining: Bool { control.isDraining }

  /// Waits until every worker has stopped.
  public func wait() {
    finished.wait()
  }
}

/// Hands a worker to its thread; only that thread uses it from then on.
private final class WorkerBox: @unchecked Sendable {
  let worker: Worker
  init(_ worker: Worker) { self.worker = worker }
}
