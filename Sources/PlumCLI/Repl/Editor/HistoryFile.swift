#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The REPL's history on disk: one entry per line, newest last, in `$PLUM_HISTORY` or
/// `~/.plum_history`.
struct HistoryFile: Sendable {
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
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 14)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count <= 0 { break }
      bytes += chunk[0..<count]
    }
    let entries = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    let kept = Array(entries.filter { !$0.isEmpty }.suffix(limit))
    // Appending never trims, so a file grown well past the limit is rewritten with the newest.
    if entries.count > 2 * limit { rewrite(kept) }
    return kept
  }

  private func rewrite(_ entries: [String]) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    var text = entries.map { $0 + "\n" }.joined()
    text.withUTF8 { buffer in _ = write(descriptor, buffer.baseAddress, buffer.count) }
  }

  /// Appends one entry (a single line); failures are ignored, since history is a convenience.
  func append(_ entry: String) {
    guard !entry.isEmpty, !entry.contains("\n") else { return }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
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
