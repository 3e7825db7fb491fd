import PlumData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a command reads files and writes its output: the real process, or a capture in tests.
public protocol CommandIO: AnyObject {
  /// Writes data to standard output.
  func writeOut(_ text: String)
  /// Writes diagnostics and messages to standard error.
  func writeErr(_ text: String)
  /// Reads a whole file, or standard input for `-`.
  func readFile(_ path: String) throws(FileError) -> [UInt8]
  /// Replaces a file's contents.
  func writeFile(_ path: String, _ bytes: [UInt8]) throws(FileError)
  /// Whether standard output is a terminal.
  var stdoutIsTerminal: Bool { get }
  /// Whether standard error is a terminal.
  var stderrIsTerminal: Bool { get }
  /// An environment variable.
  func environment(_ name: String) -> String?
  /// Whether files and standard streams are the process's own, so commands may stream through
  /// file descriptors instead of `readFile`/`writeOut` (which hold whole contents in memory).
  var streamsToDescriptors: Bool { get }
  /// Writes a whole file.
  func writeFile(_ path: String, contents: [UInt8]) throws(FileError)
  /// Checks, without creating or changing anything, that `path` could be written now.
  func checkWritable(_ path: String) throws(FileError)
}

/// A file that could not be read or written.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path as given.
  public var path: String
  /// The system's reason.
  public var reason: String
  /// What was being done: `read` or `write`.
  public var action: String

  /// Creates a file error.
  public init(path: String, reason: String, action: String = "read") {
    self.path = path
    self.reason = reason
    self.action = action
  }

  public var description: String { "cannot \(action) '\(path)': \(reason)" }
}

extension CommandIO {
  /// Writing is refused by default, for captures that only read.
  public func writeFile(_ path: String, _ bytes: [UInt8]) throws(FileError) {
    throw FileError(path: path, reason: "writing files is not supported here", action: "write")
  }
}

extension CommandIO {
  public var streamsToDescriptors: Bool { false }

  /// Replaces the file atomically (``AtomicFile``): a failed write leaves the old contents.
  public func writeFile(_ path: String, contents: [UInt8]) throws(FileError) {
    try replaceFile(path, contents)
  }

  /// Checks that `path` is not a directory and that its directory lets files be created in it.
  public func checkWritable(_ path: String) throws(FileError) {
    var info = stat()
    if stat(path, &info) == 0 {
      if (info.st_mode & S_IFMT) == S_IFDIR {
        throw FileError(path: path, reason: "is a directory", action: "write")
      }
      if access(path, W_OK) != 0 {
        throw FileError(path: path, reason: String(cString: strerror(errno)), action: "write")
      }
      // A device or pipe (`/dev/null`) is written in place, so its directory need not be writable.
      if (info.st_mode & S_IFMT) != S_IFREG { return }
    }
    let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
    if access(directory, W_OK | X_OK) != 0 {
      throw FileError(path: path, reason: String(cString: strerror(errno)), action: "write")
    }
  }

  /// Whether diagnostics on standard error may use colour: a terminal and no `NO_COLOR`.
  var colorsErr: Bool { stderrIsTerminal && colorAllowed }

  /// Whether a report on standard output may use colour: a terminal and no `NO_COLOR`.
  var colorsOut: Bool { stdoutIsTerminal && colorAllowed }

  /// Whether the environment allows colour: `NO_COLOR` unset or empty, and a terminal that is not dumb.
  private var colorAllowed: Bool {
    (environment("NO_COLOR") ?? "").isEmpty && environment("TERM") != "dumb"
  }
}

/// Replaces `path` with `bytes` through ``AtomicFile``, as a `FileError` naming the path.
func replaceFile(_ path: String, _ bytes: [UInt8]) throws(FileError) {
  do {
    try AtomicFile.write(bytes, to: path)
  } catch {
    throw FileError(path: path, reason: systemReason(error), action: "write")
  }
}

/// The system's message for an I/O error (`No space left on device`), without the path.
func systemReason(_ error: DataError) -> String {
  switch error {
  case .cannotOpen(_, let number), .readFailed(let number), .writeFailed(let number):
    String(cString: strerror(number))
  default: error.description
  }
}

/// The process's real standard streams and file system.
public final class ProcessIO: CommandIO {
  /// Creates the process IO.
  public init() {}

  public func writeOut(_ text: String) { write(text, to: 1) }
  public func writeErr(_ text: String) { write(text, to: 2) }

  private func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = SystemCall.write(
          descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }

  public func readFile(_ path: String) throws(FileError) -> [UInt8] {
    let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
    guard descriptor >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
    defer { if descriptor != 0 { close(descriptor) } }
    var info = stat()
    if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      throw FileError(path: path, reason: "is a directory")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileError(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }

  /// Writes the bytes to a temporary file beside `path`, with the same permissions, then renames
  /// it over `path`, so the file is never left half written (``AtomicFile``).
  public func writeFile(_ path: String, _ bytes: [UInt8]) throws(FileError) {
    try replaceFile(path, bytes)
  }

  public var stdoutIsTerminal: Bool { isatty(1) != 0 }
  public var stderrIsTerminal: Bool { isatty(2) != 0 }
  public var streamsToDescriptors: Bool { true }

  public func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}

/// Captured output and an in-memory file system, for tests.
public final class CapturedIO: CommandIO {
  /// Everything written to standard output.
  public private(set) var out = ""
  /// Everything written to standard error.
  public private(set) var err = ""
  /// Files by path; `-` is standard input.
  public var files: [String: [UInt8]]
  /// Environment variables.
  public var variables: [String: String]
  /// The paths written with `writeFile`, in order.
  public private(set) var writtenPaths: [String] = []
  /// Paths that cannot be written, as if their directory were read-only.
  public var unwritablePaths: Set<String> = []
  /// Whether standard output is a terminal; false by default, as when piped.
  public var stdoutIsTerminal = false
  /// Whether standard error is a terminal; false by default, as when piped.
  public var stderrIsTerminal = false

  /// Creates a capture with the given files and environment.
  public init(files: [String: String] = [:], variables: [String: String] = [:]) {
    self.files = files.mapValues { Array($0.utf8) }
    self.variables = variables
  }

  public func writeOut(_ text: String) { out += text }
  public func writeErr(_ text: String) { err += text }

  public func readFile(_ path: String) throws(FileError) -> [UInt8] {
    if let bytes = files[path] { return bytes }
    // Tests may also read real files (the shipped examples).
    return try ProcessIO().readFile(path)
  }

  /// Stores the bytes in the in-memory files; the disk is never written.
  public func writeFile(_ path: String, _ bytes: [UInt8]) throws(FileError) {
    files[path] = bytes
    writtenPaths.append(path)
  }

  public func environment(_ name: String) -> String? { variables[name] }
  public var streamsToDescriptors: Bool { false }

  public func writeFile(_ path: String, contents: [UInt8]) throws(FileError) {
    try checkWritable(path)
    files[path] = contents
  }

  /// Refuses the paths in `unwritablePaths`; every other path can be written in memory.
  public func checkWritable(_ path: String) throws(FileError) {
    if unwritablePaths.contains(path) {
      throw FileError(path: path, reason: "Permission denied", action: "write")
    }
  }
}
