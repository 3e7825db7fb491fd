/// Reads entries from a line source and hands them to a session until `:quit` or the end of input.
enum ReplLoop {
  /// The prompt for a new entry.
  static let prompt = "plum> "
  /// The prompt for a line that continues an entry with open brackets.
  static let continuation = "...> "

  /// Runs the session to its end.
  static func run(_ session: ReplSession, source: LineSource) {
    var pending: [String] = []
    while !session.isFinished {
      switch source.readLine(prompt: pending.isEmpty ? prompt : continuation) {
      case .interrupt:
        pending = []
      case .end:
        // Whatever was left open is still handled, so its error is shown.
        if !pending.isEmpty { submit(pending.joined(separator: "\n"), to: session, source: source) }
        source.finish()
        return
      case .line(let line):
        pending.append(line)
        let entry = pending.joined(separator: "\n")
        guard InputCompleteness.isComplete(entry) else { continue }
        pending = []
        submit(entry, to: session, source: source)
      }
    }
    source.finish()
  }

  private static func submit(_ entry: String, to session: ReplSession, source: LineSource) {
    source.remember(entry, persistently: session.mayKeepInHistory(entry))
    session.handle(entry)
  }
}
