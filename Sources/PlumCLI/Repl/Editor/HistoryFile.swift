import PlumData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The REPL's history on disk: one entry per line, newest last, in `$PLUM_HISTORY` or
/// `~/.plum_history`.
///
/// The file is readable by its owner only (mode 0600, also restored on a file found with a wider
/// mode), and holds no `:record {…}` line: the session keeps entries that may hold personal data
/// out of it (`ReplSession.mayKeepInHistory`), and lines an earlier version wrote are dropped.
struct HistoryFile: Sendable {
  /// The file's permissions: read and write for the owner only.
  static let mode: mode_t = 0o600

  /// The file's path.
  let path: String
  /// The most entries loaded (and kept when the file is rewritten).
  let limit: Int

  /// The history file the environment names: `PLUM_HISTORY`, else `.plum_history` in `HOME`.
  static func standard(environment: (String) -> String?, limit: Int = 1000) -> HistoryFile? {
    if let path = environment("PLUM_HISTORY"), !path.isEmpty { return HistoryFile(path: path, limit: limit) }
    guard let home = environment("HOME"), !home.isEmpty else { return nil }
    return HistoryFile(path: home + (home.hasSuffix("/") ? "" : "/") + ".plum_history", limit: limit)
  }

  /// The saved entries, oldest first (none when the file is missing or unreadable).
  func load() -> [String] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return [] }
    defer { close(descriptor) }
    Self.restrict(descriptor)
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 14)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count <= 0 { break }
      bytes += chunk[0..<count]
    }
    let entries = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    let safe = entries.filter { !$0.isEmpty && !Self.holdsRecord($0) }
    let kept = Array(safe.suffix(limit))
    // Appending never trims, so a file grown well past the limit is rewritten with the newest; one
    // holding records (written before they were kept out) is rewritten without them.
    if entries.count > 2 * limit || safe.count < entries.filter({ !$0.isEmpty }).count { rewrite(kept) }
    return kept
  }

  /// Whether a history line is a `:record {…}` command, which holds a whole record.
  static func holdsRecord(_ line: String) -> Bool {
    let text = line.drop(while: \.isWhitespace)
    for command in [":record", ":r"] where text.hasPrefix(command) {
      if text.dropFirst(command.count).drop(while: \.isWhitespace).hasPrefix("{") { return true }
    }
    return false
  }

  /// Narrows an open file's permissions to the owner's, whatever mode it was created with.
  private static func restrict(_ descriptor: Int32) {
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & 0o777 != mode else { return }
    _ = fchmod(descriptor, mode)
  }

  /// Replaces the file with `entries` through a temporary file (``AtomicFile``), so a failed or
  /// interrupted rewrite keeps the old history; the new file is the owner's only.
  private func rewrite(_ entries: [String]) {
    do {
      let file = try AtomicFile(path: path, mode: Self.mode)
      _ = fchmod(file.fileDescriptor, Self.mode)
      do {
        try file.write(Array(entries.map { $0 + "\n" }.joined().utf8))
        try file.commit()
      } catch {
        file.discard()
      }
    } catch {
      // History is a convenience: a file that cannot be replaced keeps its old entries.
    }
  }

  /// Appends one entry (a single line); failures are ignored, since history is a convenience.
  func append(_ entry: String) {
    guard !entry.isEmpty, !entry.contains("\n"), !Self.holdsRecord(entry) else { return }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, Self.mode)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    Self.restrict(descriptor)
    var line = entry + "\n"
    line.withUTF8 { buffer in _ = write(descriptor, buffer.baseAddress, buffer.count) }
  }

  /// The history form of a multi-line entry: one line, its lines joined by spaces, unless a
  /// `//` comment would swallow what follows; then each line is its own entry.
  static func entries(for input: String) -> [String] {
    let lines = input.split(separator: "\n", omittingEmptySubsequences: true).map {
      String($0).trimmingTrailingWhitespace()
    }
    guard lines.count > 1, !input.contains("//") else { return lines.filter { !$0.isEmpty } }
    return [lines.map { $0.trimmingLeadingWhitespace() }.joined(separator: " ")]
  }
}

extension String {
  fileprivate func trimmingTrailingWhitespace() -> String {
    var text = self
    while let last = text.last, last.isWhitespace { text.removeLast() }
    return text
  }

  fileprivate func trimmingLeadingWhitespace() -> String {
    String(drop(while: \.isWhitespace))
  }
}
