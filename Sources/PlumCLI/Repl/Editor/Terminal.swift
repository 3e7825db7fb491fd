#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The thin termios layer under the line editor: raw mode, reading bytes, the width, writing.
///
/// Raw mode is entered only while a line is being read and always left before `withRawMode`
/// returns, so evaluation output, errors and the shell after exit see the terminal as it was.
struct Terminal: Sendable {
  /// The descriptor keys are read from.
  let input: Int32
  /// The descriptor the line is drawn on.
  let output: Int32

  /// Whether both descriptors are terminals, which line editing needs.
  var isInteractive: Bool { isatty(input) != 0 && isatty(output) != 0 }

  /// Runs `body` with the input in raw mode (no echo, no line buffering, no signals from keys,
  /// no CR/NL translation) and restores the previous settings however `body` ends.
  func withRawMode<T>(_ body: () -> T) -> T {
    var saved = termios()
    guard tcgetattr(input, &saved) == 0 else { return body() }
    var raw = saved
    raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
    raw.c_oflag &= ~tcflag_t(OPOST)
    raw.c_cflag |= tcflag_t(CS8)
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    // TCSADRAIN, not TCSAFLUSH: keys typed ahead while the last entry was evaluated are kept.
    guard tcsetattr(input, TCSADRAIN, &raw) == 0 else { return body() }
    defer { _ = tcsetattr(input, TCSADRAIN, &saved) }
    return body()
  }

  /// Reads what is available (waiting for at least one byte); nil at end of input or on error.
  func read() -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: 256)
    while true {
      let count = buffer.withUnsafeMutableBytes { SystemCall.read(input, $0.baseAddress, $0.count) }
      if count > 0 { return Array(buffer[0..<count]) }
      if count < 0, errno == EINTR { continue }
      return nil
    }
  }

  /// Whether input arrives within `milliseconds`.
  func hasInput(within milliseconds: Int32) -> Bool {
    var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, milliseconds) > 0
  }

  /// The terminal's width in columns (80 when it cannot be told).
  var width: Int {
    var size = winsize()
    guard ioctl(output, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// Writes text as it is.
  func write(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = SystemCall.write(output, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
      }
    }
  }
}
