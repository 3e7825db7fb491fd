#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One client connection's state: bytes in, bytes out, and where it is in its life.
///
/// Requests are answered in the order they arrive, so pipelined requests get their responses in
/// order. A connection that must close (an error, `Connection: close`, a drain) first sends what
/// it owes, then shuts its sending side and discards what the client still sends for a moment, so
/// the client reads the response instead of a reset.
final class Connection {
  /// Where the connection is in its life.
  enum Phase {
    /// Reading and answering requests.
    case open
    /// Sending what is owed, then closing.
    case closingAfterWrite
    /// Response sent and sending side shut; discarding input until the client closes or `until`.
    case lingering(until: UInt64)
    /// Closed; the loop forgets it.
    case closed
  }

  let descriptor: Int32
  let input = ByteBuffer(capacity: 16 << 10)
  let output = ByteBuffer(capacity: 16 << 10)
  var parser: HTTPRequestParser
  var phase = Phase.open
  /// When the current request's first byte arrived, if a request is under way.
  var requestStarted: UInt64?
  /// When bytes last moved either way.
  var lastActivity: UInt64
  /// When the output last shrank, while output is pending.
  var lastWriteProgress: UInt64
  var sentContinue = false
  /// The events the loop watches the descriptor for.
  var watchedEvents: Poller.Events = []
  /// Whether reading is paused because too much output is pending.
  var readPaused = false
  /// Whether the client has closed its sending side.
  var peerClosed = false

  init(descriptor: Int32, limits: HTTPLimits, now: UInt64) {
    self.descriptor = descriptor
    parser = HTTPRequestParser(limits: limits)
    lastActivity = now
    lastWriteProgress = now
  }

  /// Whether the connection holds no partial request and owes nothing: it can close at once.
  var isIdle: Bool {
    if case .open = phase { return input.isEmpty && output.isEmpty && requestStarted == nil }
    return false
  }

  /// Reads what is available; returns false when the connection failed and must close.
  func readAvailable(now: UInt64) -> Bool {
    let room = input.reserve(64 << 10)
    while true {
      let count = read(descriptor, room.baseAddress, room.count)
      if count > 0 {
        input.commit(count)
        lastActivity = now
        return true
      }
      if count == 0 {
        peerClosed = true
        return true
      }
      if errno == EINTR { continue }
      return errno == EAGAIN || errno == EWOULDBLOCK
    }
  }

  /// Discards what a lingering connection receives; returns false once the client has closed.
  func discardInput() -> Bool {
    var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    return withUnsafeMutableBytes(of: &scratch) { buffer in
      while true {
        let count = read(descriptor, buffer.baseAddress, buffer.count)
        if count > 0 { continue }
        if count < 0 && errno == EINTR { continue }
        return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
      }
    }
  }

  /// Writes pending output; returns false when the connection failed and must close.
  func writePending(now: UInt64) -> Bool {
    while !output.isEmpty {
      let pending = output.readable
      let count = send(descriptor, pending.baseAddress, pending.count, noSignal)
      if count > 0 {
        output.consume(count)
        lastActivity = now
        lastWriteProgress = now
        continue
      }
      if count < 0 && errno == EINTR { continue }
      return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
    return true
  }
}
