import PlumDiagnostics
import Testing

@testable import PlumCLI

/// Types text into an editor, one character key at a time.
private func type(_ text: String, into editor: inout LineEditor) {
  for character in text { _ = editor.apply(.character(character)) }
}

/// An editor holding `text` with the cursor at `cursor` (default: the end).
private func editor(_ text: String, cursor: Int? = nil, history: [String] = []) -> LineEditor {
  var editor = LineEditor(history: history)
  type(text, into: &editor)
  if let cursor {
    _ = editor.apply(.home)
    for _ in 0..<cursor { _ = editor.apply(.right) }
  }
  return editor
}

struct ReplLineEditorTests {
  @Test func typingInsertsAtTheCursor() {
    var line = editor("ac", cursor: 1)
    #expect(line.apply(.character("b")) == .redraw)
    #expect(line.line == "abc")
    #expect(line.cursor == 2)
  }

  @Test func enterSubmitsAndClears() {
    var line = editor("1 + 2", cursor: 2)
    #expect(line.apply(.enter) == .submit("1 + 2"))
    #expect(line.line == "")
    #expect(line.cursor == 0)
  }

  @Test func arrowsAndEmacsKeysMove() {
    for (key, expected) in [(Key.left, 2), (.control("b"), 2), (.right, 4), (.control("f"), 4)] {
      var line = editor("abcde", cursor: 3)
      #expect(line.apply(key) == .redraw)
      #expect(line.cursor == expected, "\(key)")
    }
    for (key, expected) in [(Key.home, 0), (.control("a"), 0), (.end, 5), (.control("e"), 5)] {
      var line = editor("abcde", cursor: 3)
      _ = line.apply(key)
      #expect(line.cursor == expected, "\(key)")
    }
  }

  @Test func movingPastEitherEndRingsTheBell() {
    var start = editor("ab", cursor: 0)
    #expect(start.apply(.left) == .bell)
    #expect(start.apply(.home) == .none)
    var end = editor("ab")
    #expect(end.apply(.right) == .bell)
    #expect(end.apply(.end) == .none)
  }

  @Test func backspaceAndDelete() {
    var line = editor("abcd", cursor: 2)
    #expect(line.apply(.backspace) == .redraw)
    #expect((line.line, line.cursor) == ("acd", 1))
    #expect(line.apply(.delete) == .redraw)
    #expect((line.line, line.cursor) == ("ad", 1))
    #expect(line.apply(.control("h")) == .redraw)
    #expect((line.line, line.cursor) == ("d", 0))
    #expect(line.apply(.backspace) == .bell)
    _ = line.apply(.end)
    #expect(line.apply(.delete) == .bell)
  }

  @Test func controlDDeletesOrEndsInput() {
    var line = editor("ab", cursor: 0)
    #expect(line.apply(.control("d")) == .redraw)
    #expect(line.line == "b")
    _ = line.apply(.end)
    #expect(line.apply(.control("d")) == .bell)
    var empty = LineEditor()
    #expect(empty.apply(.control("d")) == .endOfInput)
  }

  @Test func killsAndYank() {
    var line = editor("alpha beta gamma", cursor: 6)
    #expect(line.apply(.control("k")) == .redraw)
    #expect((line.line, line.cursor) == ("alpha ", 6))
    #expect(line.killed == Array("beta gamma"))
    #expect(line.apply(.control("y")) == .redraw)
    #expect(line.line == "alpha beta gamma")

    var front = editor("alpha beta", cursor: 6)
    #expect(front.apply(.control("u")) == .redraw)
    #expect((front.line, front.cursor) == ("beta", 0))
    #expect(front.apply(.control("u")) == .bell)

    var word = editor("member.age  >= 18  ")
    #expect(word.apply(.control("w")) == .redraw)
    #expect(word.line == "member.age  >= ")
    _ = word.apply(.control("w"))
    #expect(word.line == "member.age  ")
    _ = word.apply(.deleteWordBackward)
    #expect(word.line == "")
    #expect(word.apply(.control("w")) == .bell)
    var nothing = LineEditor()
    #expect(nothing.apply(.control("y")) == .bell)
  }

  @Test func wordMotionStopsAtIdentifierBoundaries() {
    var line = editor("member.last_order ?? 999", cursor: 24)
    _ = line.apply(.wordLeft)
    #expect(line.cursor == 21)
    _ = line.apply(.wordLeft)
    #expect(line.cursor == 7)
    _ = line.apply(.wordLeft)
    #expect(line.cursor == 0)
    _ = line.apply(.wordRight)
    #expect(line.cursor == 6)
    _ = line.apply(.wordRight)
    #expect(line.cursor == 17)
  }

  @Test func controlLClearsTheScreenAndControlCCancels() {
    var line = editor("abc")
    #expect(line.apply(.control("l")) == .clearScreen)
    #expect(line.line == "abc")
    #expect(line.apply(.control("c")) == .cancel)
    #expect(line.line == "")
  }

  @Test func tabInsertsSpacesAndUnknownKeysDoNothing() {
    var line = editor("a")
    _ = line.apply(.tab)
    #expect(line.line == "a  ")
    for key in [Key.escape, .unknown, .control("t")] { #expect(line.apply(key) == .none) }
    #expect(line.line == "a  ")
  }

  @Test func historyNavigationKeepsTheDraft() {
    var line = editor("draft", history: ["first", "second"])
    #expect(line.apply(.up) == .redraw)
    #expect((line.line, line.cursor) == ("second", 6))
    #expect(line.apply(.control("p")) == .redraw)
    #expect(line.line == "first")
    #expect(line.apply(.up) == .bell)
    #expect(line.apply(.down) == .redraw)
    #expect(line.line == "second")
    #expect(line.apply(.control("n")) == .redraw)
    #expect(line.line == "draft")
    #expect(line.apply(.down) == .bell)
  }

  @Test func anEditedHistoryLineIsSubmittedAsEdited() {
    var line = editor("", history: ["member.age"])
    _ = line.apply(.up)
    _ = line.apply(.control("a"))
    type("2 * ", into: &line)
    #expect(line.apply(.enter) == .submit("2 * member.age"))
    #expect(line.history == ["member.age"])
  }

  @Test func rememberSkipsBlanksAndRepeatsAndKeepsTheLimit() {
    var line = LineEditor(history: ["a"], historyLimit: 3)
    line.remember("a")
    line.remember("  ")
    line.remember("b")
    line.remember("c")
    line.remember("d")
    #expect(line.history == ["b", "c", "d"])
    #expect(LineEditor(history: ["1", "2", "3", "4"], historyLimit: 2).history == ["3", "4"])
  }

  @Test func theCursorMovesByWholeCharacters() {
    var line = editor("née 日本 🍑!")
    #expect(line.characters.count == 9)
    _ = line.apply(.left)
    _ = line.apply(.left)
    #expect(line.cursor == 7)
    _ = line.apply(.backspace)
    #expect(line.line == "née 日本🍑!")
    _ = line.apply(.home)
    _ = line.apply(.right)
    _ = line.apply(.delete)
    #expect(line.line == "ne 日本🍑!")
  }

  @Test func combiningMarksJoinThePreviousCharacter() {
    var line = editor("e")
    #expect(line.apply(.character("\u{301}")) == .redraw)
    #expect(line.characters == ["e\u{301}"])
    #expect(line.cursor == 1)
    type("👩\u{200D}💻", into: &line)
    #expect(line.characters.count == 2, "a joiner sequence is one character")
    _ = line.apply(.backspace)
    #expect(line.characters == ["e\u{301}"])
  }

  @Test func renderingDrawsPromptLineAndCursor() {
    let line = editor("1 + 2", cursor: 2)
    #expect(line.rendering(prompt: "plum> ", width: 80) == "\rplum> 1 + 2\u{1B}[K\r\u{1B}[8C")
    #expect(LineEditor().rendering(prompt: "", width: 80) == "\r\u{1B}[K\r")
  }

  @Test func renderingCountsWideCharactersAsTwoColumns() {
    let line = editor("日本x", cursor: 2)
    #expect(line.rendering(prompt: "> ", width: 80) == "\r> 日本x\u{1B}[K\r\u{1B}[6C")
  }

  @Test func aLongLineScrollsToKeepTheCursorVisible() {
    let text = String(repeating: "abcdefghij", count: 3)
    let end = editor(text)
    // 20 columns: a 2-column prompt leaves 17 for text (the last column stays free).
    #expect(end.rendering(prompt: "> ", width: 20) == "\r> \(text.suffix(16))\u{1B}[K\r\u{1B}[18C")
    let start = editor(text, cursor: 0)
    #expect(start.rendering(prompt: "> ", width: 20) == "\r> \(text.prefix(17))\u{1B}[K\r\u{1B}[2C")
  }

  @Test func displayWidths() {
    #expect(DisplayWidth.of("a") == 1)
    #expect(DisplayWidth.of("日") == 2)
    #expect(DisplayWidth.of("🍑") == 2)
    #expect(DisplayWidth.of("e\u{301}") == 1)
    #expect(DisplayWidth.of("\u{7}") == 0)
    #expect(DisplayWidth.of("ab日".map { $0 }) == 4)
  }
}
