#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why the server could not start listening.
public struct ServerError: Error, Sendable, CustomStringConvertible {
  /// One lowercase line.
  public var message: String

  public var description: String { message }
}

/// Opens the listening sockets: one per worker, all on one port with `SO_REUSEPORT`, so the kernel
/// spreads new connections over the workers and no worker waits on another's accept.
enum ListeningSocket {
  /// Opens `count` non-blocking sockets on `host:port`; with port 0, the first picks the port and
  /// the others share it. Returns the sockets and the port.
  static func open(host: String, port: Int, count: Int) throws(ServerError) -> ([Int32], Int) {
    var sockets: [Int32] = []
    var boundPort = port
    for _ in 0..<max(1, count) {
      do {
        let (socket, chosen) = try openOne(host: host, port: boundPort)
        sockets.append(socket)
        boundPort = chosen
      } catch {
        for socket in sockets { close(socket) }
        throw error
      }
    }
    return (sockets, boundPort)
  }

  private static func openOne(host: String, port: Int) throws(ServerError) -> (Int32, Int) {
    guard (0...65535).contains(port) else { throw ServerError(message: "port \(port) is out of range") }
    let isIPv6 = host.contains(":")
    let family = isIPv6 ? AF_INET6 : AF_INET
    #if canImport(Glibc)
      let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
      let descriptor = socket(family, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw failure("cannot create a socket") }
    var one: Int32 = 1
    setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    setsockopt(descriptor, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<Int32>.size))
    var result: Int32
    if isIPv6 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = in_port_t(UInt16(port).bigEndian)
      guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
        close(descriptor)
        throw ServerError(message: "'\(host)' is not an IPv4 or IPv6 address")
      }
      result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    } else {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = in_port_t(UInt16(port).bigEndian)
      guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
        close(descriptor)
        throw ServerError(message: "'\(host)' is not an IPv4 or IPv6 address")
      }
      result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
    guard result == 0 else {
      let error = failure("cannot listen on \(host):\(port)")
      close(descriptor)
      throw error
    }
    guard listen(descriptor, 1024) == 0, setNonBlocking(descriptor) else {
      let error = failure("cannot listen on \(host):\(port)")
      close(descriptor)
      throw error
    }
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    _ = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    let chosen: UInt16 = withUnsafePointer(to: &storage) { pointer in
      isIPv6
        ? pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          UInt16(bigEndian: $0.pointee.sin6_port)
        }
        : pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
          UInt16(bigEndian: $0.pointee.sin_port)
        }
    }
    return (descriptor, Int(chosen))
  }

  private static func failure(_ what: String) -> ServerError {
    ServerError(message: "\(what): \(String(cString: strerror(errno)))")
  }
}

/// Makes a descriptor non-blocking; false when that fails.
func setNonBlocking(_ descriptor: Int32) -> Bool {
  let flags = fcntl(descriptor, F_GETFL, 0)
  return flags >= 0 && fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0
}

/// Nanoseconds on the monotonic clock.
func monotonicNanoseconds() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
