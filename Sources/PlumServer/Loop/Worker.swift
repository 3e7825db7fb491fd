import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One worker: an event loop over its own listening socket and the connections it accepted.
///
/// Everything here runs on the worker's thread; the only shared state is the server's drain
/// flag and the metrics lock. Requests are answered synchronously: a decision takes microseconds,
/// less than a hand-off to another thread would.
final class Worker {
  let index: Int
  private let listener: Int32
  private let options: ServerOptions
  private let handler: any HTTPHandler
  private let metrics: WorkerMetrics
  private let control: ServerControl
  private let writer = HTTPResponseWriter()
  private var poller: Poller?
  private var connections: [Int32: Connection] = [:]
  private var listening = true
  private var drainDeadline: UInt64?
  private var lastSweep: UInt64 = 0
  private let sweepInterval: UInt64
  private let pollMilliseconds: Int32

  init(
    index: Int, listener: Int32, options: ServerOptions, handler: any HTTPHandler, metrics: WorkerMetrics,
    control: ServerControl
  ) {
    self.index = index
    self.listener = listener
    self.options = options
    self.handler = handler
    self.metrics = metrics
    self.control = control
    // Timeouts are checked a few times per the shortest of them, and at least every 250 ms.
    let shortest = min(options.readTimeout, options.idleTimeout, options.writeTimeout, 1)
    sweepInterval = UInt64(shortest / 4 * 1e9)
    pollMilliseconds = Int32(max(1, min(250, shortest / 4 * 1000)))
  }

  /// Runs until the server drains and the last connection is closed.
  func run() {
    guard let poller = Poller() else { return }
    self.poller = poller
    poller.watch(listener, for: .readable, adding: true)
    while true {
      poller.wait(milliseconds: pollMilliseconds) { ready in
        let now = monotonicNanoseconds()
        if ready.descriptor == listener {
          if listening { acceptAll(now: now) }
        } else if let connection = connections[ready.descriptor] {
          service(connection, events: ready.events, now: now)
        }
      }
      let now = monotonicNanoseconds()
      if control.isDraining && drainDeadline == nil { beginDrain(now: now) }
      if now &- lastSweep >= sweepInterval {
        lastSweep = now
        sweep(now: now)
      }
      if let drainDeadline {
        if connections.isEmpty { break }
        if now >= drainDeadline {
          for connection in Array(connections.values) { finish(connection) }
          break
        }
      }
    }
    if listening { close(listener) }
  }

  // MARK: Connections

  private func acceptAll(now: UInt64) {
    while true {
      let descriptor = accept(listener, nil, nil)
      if descriptor < 0 {
        if errno == EINTR { continue }
        return
      }
      guard connections.count < options.maximumConnections, setNonBlocking(descriptor) else {
        let refusal: StaticString =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        _ = send(descriptor, refusal.utf8Start, refusal.utf8CodeUnitCount, noSignal | Int32(MSG_DONTWAIT))
        close(descriptor)
        metrics.connectionRefused()
        continue
      }
      var one: Int32 = 1
      setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
      let connection = Connection(descriptor: descriptor, limits: options.limits, now: now)
      connections[descriptor] = connection
      poller?.watch(descriptor, for: .readable, adding: true)
      connection.watchedEvents = .readable
      metrics.connectionOpened()
    }
  }

  private func service(_ connection: Connection, events: Poller.Events, now: UInt64) {
    if case .lingering = connection.phase {
      if !connection.discardInput() { finish(connection) }
      return
    }
    if !events.isDisjoint(with: [.readable, .failed]), !connection.readPaused {
      guard connection.readAvailable(now: now) else { return finish(connection) }
      process(connection, now: now)
    }
    if case .closed = connection.phase { return }
    flush(connection, now: now)
    if connection.peerClosed, case .open = connection.phase {
      // The client sent all it will; answer what is complete, then close (a partial request is dropped).
      if connection.output.isEmpty { finish(connection) } else { connection.phase = .closingAfterWrite }
    }
  }

  /// Answers every complete request in the input, in order.
  private func process(_ connection: Connection, now: UInt64) {
    while case .open = connection.phase {
      if connection.output.count > 4 << 20 {
        // The client is not reading its responses: stop answering until it does.
        connection.readPaused = true
        updateWatch(connection)
        return
      }
      switch connection.parser.parse(connection.input.readable) {
      case .incomplete(let head):
        if connection.requestStarted == nil && !connection.input.isEmpty { connection.requestStarted = now }
        if let head, head.expectsContinue, !connection.sentContinue {
          connection.output.append(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
          connection.sentContinue = true
        }
        return
      case .complete(let head, let length):
        let started = monotonicNanoseconds()
        writer.begin(
          output: connection.output, omitsBody: head.method == .head,
          keepAlive: head.keepAlive && !control.isDraining && !connection.peerClosed)
        let readable = connection.input.readable
        handler.respond(
          to: head, body: UnsafeBufferPointer(rebasing: readable[head.headLength..<length]), with: writer)
        if writer.sentStatus == nil {
          writer.sendError(.internalServerError, message: "the request was not answered", close: true)
        }
        let status = writer.sentStatus ?? .internalServerError
        metrics.recordRequest(
          path: head.path, status: status, seconds: Double(monotonicNanoseconds() &- started) / 1e9)
        connection.input.consume(length)
        connection.parser.reset()
        connection.sentContinue = false
        connection.requestStarted = connection.input.isEmpty ? nil : now
        if !writer.keepsAlive { connection.phase = .closingAfterWrite }
      case .failed(let error):
        writer.begin(output: connection.output, omitsBody: false, keepAlive: false)
        writer.sendError(error.status, message: error.description, close: true)
        metrics.recordRequest(path: "", status: error.status, seconds: 0)
        connection.input.removeAll()
        connection.phase = .closingAfterWrite
      }
    }
  }

  /// Sends pending output, watching for writability while some remains, and moves a closing
  /// connection on once everything is sent.
  private func flush(_ connection: Connection, now: UInt64) {
    guard connection.writePending(now: now) else { return finish(connection) }
    updateWatch(connection)
    if !connection.output.isEmpty { return }
    connection.output.shrinkIfLarge(limit: 1 << 20, to: 16 << 10)
    switch connection.phase {
    case .closingAfterWrite:
      if connection.peerClosed { return finish(connection) }
      shutdown(connection.descriptor, Int32(SHUT_WR))
      connection.input.removeAll()
      connection.phase = .lingering(until: now + UInt64(min(2, options.readTimeout) * 1e9))
      updateWatch(connection)
    case .open:
      connection.input.shrinkIfLarge(limit: 1 << 20, to: 16 << 10)
      if connection.readPaused {
        // Answers were held back while output piled up; carry on with what is already read.
        connection.readPaused = false
        process(connection, now: now)
        if case .closed = connection.phase { return }
        flush(connection, now: now)
      }
    case .lingering:
      updateWatch(connection)
    case .closed:
      break
    }
  }

  private func finish(_ connection: Connection) {
    if case .closed = connection.phase { return }
    connection.phase = .closed
    poller?.forget(connection.descriptor)
    close(connection.descriptor)
    connections[connection.descriptor] = nil
    metrics.connectionClosed()
  }

  // MARK: Timeouts and drain

  private func sweep(now: UInt64) {
    let read = UInt64(options.readTimeout * 1e9)
    let idle = UInt64(options.idleTimeout * 1e9)
    let write = UInt64(options.writeTimeout * 1e9)
    for connection in Array(connections.values) {
      switch connection.phase {
      case .lingering(let until):
        if now >= until { finish(connection) }
      case .closingAfterWrite:
        if now &- connection.lastWriteProgress > write {
          metrics.timedOut()
          finish(connection)
        }
      case .open:
        if !connection.output.isEmpty {
          if now &- connection.lastWriteProgress > write {
            metrics.timedOut()
            finish(connection)
          }
        } else if let started = connection.requestStarted, now &- started > read {
          metrics.timedOut()
          writer.begin(output: connection.output, omitsBody: false, keepAlive: false)
          writer.sendError(.requestTimeout, message: "the request was not received in time", close: true)
          metrics.recordRequest(path: "", status: .requestTimeout, seconds: 0)
          connection.phase = .closingAfterWrite
          connection.input.removeAll()
          flush(connection, now: now)
        } else if connection.isIdle && (drainDeadline != nil || now &- connection.lastActivity > idle) {
          finish(connection)
        }
      case .closed:
        break
      }
    }
  }

  private func beginDrain(now: UInt64) {
    drainDeadline = now + UInt64(options.drainTimeout * 1e9)
    if listening {
      poller?.forget(listener)
      close(listener)
      listening = false
    }
    for connection in Array(connections.values) where connection.isIdle { finish(connection) }
  }

  /// Watches for input unless reading is paused or the client has closed, and for writability
  /// while output is pending.
  private func updateWatch(_ connection: Connection) {
    var events: Poller.Events = []
    if !connection.readPaused && !connection.peerClosed { events.insert(.readable) }
    if !connection.output.isEmpty { events.insert(.writable) }
    if case .lingering = connection.phase { events = .readable }
    guard events != connection.watchedEvents else { return }
    connection.watchedEvents = events
    poller?.watch(connection.descriptor, for: events, adding: false)
  }
}

/// What the server's threads share: whether it is draining.
final class ServerControl: Sendable {
  private let draining = Atomic(false)

  var isDraining: Bool { draining.load(ordering: .relaxed) }

  func beginDrain() { draining.store(true, ordering: .relaxed) }
}

#if canImport(Glibc)
  /// `send(2)` flags that keep a closed peer from raising `SIGPIPE`.
  let noSignal = Int32(MSG_NOSIGNAL)
#else
  let noSignal: Int32 = 0
#endif
