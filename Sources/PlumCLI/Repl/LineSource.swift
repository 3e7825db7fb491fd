#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What reading one line gave.
enum LineRead: Hashable, Sendable {
  /// A line, without its line break.
  case line(String)
  /// Ctrl-C: the input typed so far is abandoned.
  case interrupt
  /// The input has ended (Ctrl-D, or the end of a pipe or file).
  case end
}

/// Where the REPL's lines come from: the line editor on a terminal, or plain lines otherwise.
protocol LineSource: AnyObject {
  /// Shows `prompt` and reads one line.
  func readLine(prompt: String) -> LineRead
  /// Records a complete entry in the history, if this source keeps one; only in memory unless
  /// `persistently` (the session says whether the entry may reach the history file).
  func remember(_ entry: String, persistently: Bool)
  /// Called when the session ends, to leave the output on a fresh line.
  func finish()
}

/// Plain lines from a file descriptor (a pipe or a file), with plain prompts on the output.
final class PlainLineSource: LineSource {
  private let descriptor: Int32
  private let io: CommandIO
  private var buffer: [UInt8] = []
  private var ended = false
  private var promptShown = false

  /// Reads lines from `descriptor`, writing prompts through `io`.
  init(descriptor: Int32, io: CommandIO) {
    self.descriptor = descriptor
    self.io = io
  }

  func readLine(prompt: String) -> LineRead {
    io.writeOut(prompt)
    promptShown = true
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        var line = Array(buffer[..<newline])
        buffer.removeFirst(newline + 1)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return .line(String(decoding: line, as: UTF8.self))
      }
      if ended {
        guard !buffer.isEmpty else { return .end }
        let line = buffer
        buffer = []
        return .line(String(decoding: line, as: UTF8.self))
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count <= 0 {
        ended = true
      } else {
        buffer += chunk[0..<count]
      }
    }
  }

  func remember(_ entry: String, persistently: Bool) {}

  func finish() {
    if promptShown { io.writeOut("\n") }
  }
}

/// Lines given in advance, for tests and scripts run in-process; prompts are written as plain text.
final class ScriptedLineSource: LineSource {
  private var lines: [String]
  private let io: CommandIO

  /// Serves `lines` in order, then the end of input.
  init(lines: [String], io: CommandIO) {
    self.lines = lines
    self.io = io
  }

  func readLine(prompt: String) -> LineRead {
    io.writeOut(prompt)
    guard !lines.isEmpty else { return .end }
    return .line(lines.removeFirst())
  }

  func remember(_ entry: String, persistently: Bool) {}

  func finish() { io.writeOut("\n") }
}
