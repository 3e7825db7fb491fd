#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The system's `read` and `write`, named where a method of the same name would hide them, on
/// Linux (Glibc) and macOS (Darwin) alike.
enum SystemCall {
  /// Reads up to `count` bytes from a descriptor into `buffer`; the bytes read, or -1 with `errno`.
  static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.read(descriptor, buffer, count)
    #else
      Darwin.read(descriptor, buffer, count)
    #endif
  }

  /// Writes up to `count` bytes of `buffer` to a descriptor; the bytes written, or -1 with `errno`.
  static func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.write(descriptor, buffer, count)
    #else
      Darwin.write(descriptor, buffer, count)
    #endif
  }
}
