/// Lines read with the line editor on a terminal, with history kept in a file.
final class TerminalLineSource: LineSource {
  private let terminal: Terminal
  private var editor: LineEditor
  private var decoder = KeyDecoder()
  private var keys: [Key] = []
  private let historyFile: HistoryFile?

  /// Edits lines on `terminal`, loading and appending history in `historyFile`.
  init(terminal: Terminal, historyFile: HistoryFile?) {
    self.terminal = terminal
    self.historyFile = historyFile
    editor = LineEditor(history: historyFile?.load() ?? [])
  }

  func readLine(prompt: String) -> LineRead {
    terminal.withRawMode { edit(prompt: prompt) }
  }

  private func edit(prompt: String) -> LineRead {
    editor.clear()
    terminal.write(editor.rendering(prompt: prompt, width: terminal.width))
    while true {
      guard let key = nextKey() else {
        terminal.write("\r\n")
        return .end
      }
      switch editor.apply(key) {
      case .none: break
      case .redraw: terminal.write(editor.rendering(prompt: prompt, width: terminal.width))
      case .bell: terminal.write("\u{07}")
      case .clearScreen:
        terminal.write("\u{1B}[H\u{1B}[2J" + editor.rendering(prompt: prompt, width: terminal.width))
      case .submit(let line):
        terminal.write("\r\n")
        return .line(line)
      case .cancel:
        terminal.write("^C\r\n")
        return .interrupt
      case .endOfInput:
        terminal.write("\r\n")
        return .end
      }
    }
  }

  /// The next key, reading more bytes when none is decoded; nil at the end of input.
  private func nextKey() -> Key? {
    while keys.isEmpty {
      if decoder.hasPending, !terminal.hasInput(within: 50) {
        keys += decoder.flush()
        continue
      }
      guard let bytes = terminal.read() else {
        keys += decoder.flush()
        return keys.isEmpty ? nil : keys.removeFirst()
      }
      keys += decoder.feed(bytes)
    }
    return keys.removeFirst()
  }

  func remember(_ entry: String, persistently: Bool) {
    for line in HistoryFile.entries(for: entry)
    where !line.allSatisfy(\.isWhitespace) && editor.history.last != line {
      editor.remember(line)
      if persistently { historyFile?.append(line) }
    }
  }

  func finish() {}
}
