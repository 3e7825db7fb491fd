// Shared by every fuzz target (compiled into each by Fuzz/run.sh).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes text to a file descriptor without Foundation.
enum FileDescriptorText {
  static func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        #if canImport(Glibc)
          let written = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        #else
          let written = Darwin.write(
            descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        #endif
        if written <= 0 { return }
        offset += written
      }
    }
  }
}

/// Stops the process the way libFuzzer reports a crash, with the reason on standard error.
func fuzzFailure(_ message: String) -> Never {
  FileDescriptorText.write("fuzz property failed: \(message)\n", to: 2)
  abort()
}
