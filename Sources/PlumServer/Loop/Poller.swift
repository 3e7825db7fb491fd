#if os(Linux)
  import CPlumSystem
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Readiness of a worker's descriptors: epoll on Linux, `poll(2)` elsewhere.
///
/// Events are level-triggered: a descriptor is reported for as long as it is readable (or
/// writable, when asked), so a worker that leaves input unread is told again.
final class Poller {
  /// What a descriptor is watched for, and what it is reported with.
  struct Events: OptionSet {
    let rawValue: UInt32
    /// Input is available (or the peer closed).
    static let readable = Events(rawValue: 1)
    /// Output can be written.
    static let writable = Events(rawValue: 2)
    /// An error or hang-up; reported whatever was asked.
    static let failed = Events(rawValue: 4)
  }

  /// One report: a descriptor and what it is ready for.
  struct Ready {
    var descriptor: Int32
    var events: Events
  }

  private let capacity = 256
  #if os(Linux)
    private let descriptor: Int32
    private let buffer: UnsafeMutablePointer<epoll_event>
  #else
    private var watched: [Int32: Events] = [:]
  #endif

  /// Creates a poller; nil when the system refuses one.
  init?() {
    #if os(Linux)
      descriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
      guard descriptor >= 0 else { return nil }
      buffer = .allocate(capacity: capacity)
    #endif
  }

  deinit {
    #if os(Linux)
      close(descriptor)
      buffer.deallocate()
    #endif
  }

  /// Starts watching `file` for `events`, or changes what it is watched for.
  func watch(_ file: Int32, for events: Events, adding: Bool) {
    #if os(Linux)
      var event = epoll_event()
      event.events =
        (events.contains(.readable) ? EPOLLIN.rawValue : 0)
        | (events.contains(.writable) ? EPOLLOUT.rawValue : 0)
      event.data.fd = file
      epoll_ctl(descriptor, adding ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, file, &event)
    #else
      watched[file] = events
    #endif
  }

  /// Stops watching `file` (before it is closed).
  func forget(_ file: Int32) {
    #if os(Linux)
      epoll_ctl(descriptor, EPOLL_CTL_DEL, file, nil)
    #else
      watched[file] = nil
    #endif
  }

  /// Waits up to `milliseconds` for readiness and calls `body` for each ready descriptor.
  func wait(milliseconds: Int32, _ body: (Ready) -> Void) {
    #if os(Linux)
      let count = epoll_wait(descriptor, buffer, Int32(capacity), milliseconds)
      guard count > 0 else { return }
      for slot in 0..<Int(count) {
        let flags = buffer[slot].events
        var events: Events = []
        if flags & EPOLLIN.rawValue != 0 { events.insert(.readable) }
        if flags & EPOLLOUT.rawValue != 0 { events.insert(.writable) }
        if flags & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 { events.insert(.failed) }
        body(Ready(descriptor: buffer[slot].data.fd, events: events))
      }
    #else
      var files = watched.map { file, events in
        pollfd(
          fd: file,
          events: Int16(
            (events.contains(.readable) ? POLLIN : 0) | (events.contains(.writable) ? POLLOUT : 0)),
          revents: 0)
      }
      guard poll(&files, nfds_t(files.count), milliseconds) > 0 else { return }
      for file in files where file.revents != 0 {
        var events: Events = []
        if Int32(file.revents) & POLLIN != 0 { events.insert(.readable) }
        if Int32(file.revents) & POLLOUT != 0 { events.insert(.writable) }
        if Int32(file.revents) & (POLLHUP | POLLERR) != 0 { events.insert(.failed) }
        body(Ready(descriptor: file.fd, events: events))
      }
    #endif
  }
}
