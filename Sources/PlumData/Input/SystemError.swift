#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Text for system error numbers.
enum SystemError {
  /// The C library's message for `errno`, lowercased, such as "no such file or directory".
  static func describe(_ errno: Int32) -> String {
    guard let text = strerror(errno) else { return "error \(errno)" }
    return String(cString: text).lowercased()
  }
}
