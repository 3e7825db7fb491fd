import Testing

@testable import PlumCLI

/// Decodes a whole byte string, flushing at the end as the terminal reader does after a pause.
private func keys(_ bytes: [UInt8]) -> [Key] {
  var decoder = KeyDecoder()
  return decoder.feed(bytes) + decoder.flush()
}

private func keys(_ text: String) -> [Key] { keys(Array(text.utf8)) }

struct ReplKeyDecoderTests {
  @Test func printableASCIIIsCharacters() {
    #expect(keys("a1 ~") == [.character("a"), .character("1"), .character(" "), .character("~")])
  }

  @Test(arguments: [
    ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
    ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
    ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
    ("\u{1B}[1~", .home), ("\u{1B}[7~", .home), ("\u{1B}[4~", .end), ("\u{1B}[8~", .end),
    ("\u{1B}[3~", .delete), ("\u{1B}[1;5C", .wordRight), ("\u{1B}[1;5D", .wordLeft),
    ("\u{1B}[1;3C", .wordRight), ("\u{1B}[1;3D", .wordLeft), ("\u{1B}b", .wordLeft), ("\u{1B}f", .wordRight),
    ("\u{1B}\u{7F}", .deleteWordBackward), ("\u{1B}[1;2C", .right), ("\u{1B}[200~", .unknown),
    ("\u{1B}[Z", .unknown), ("\u{1B}OX", .unknown),
  ])
  func escapeSequences(_ sequence: String, _ key: Key) {
    #expect(keys(sequence) == [key])
  }

  @Test func controlKeysAndEditingKeys() {
    #expect(keys([0x0D]) == [.enter])
    #expect(keys([0x0A]) == [.enter])
    #expect(keys([0x0D, 0x0A]) == [.enter], "a pasted CRLF is one line break")
    #expect(keys([0x0D, 0x0D]) == [.enter, .enter])
    #expect(keys([0x7F]) == [.backspace])
    #expect(keys([0x08]) == [.backspace])
    #expect(keys([0x09]) == [.tab])
    let letters: [UInt8] = [0x01, 0x03, 0x04, 0x05, 0x0B, 0x0C, 0x15, 0x17, 0x19]
    #expect(
      keys(letters) == ["a", "c", "d", "e", "k", "l", "u", "w", "y"].map { Key.control(Character($0)) })
    #expect(keys([0x00, 0x1C]) == [.unknown, .unknown])
  }

  @Test func utf8CharactersOfEveryLength() {
    #expect(keys("é日🍑") == [.character("é"), .character("日"), .character("🍑")])
  }

  @Test func sequencesSplitAcrossReadsWaitForTheirRest() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x1B]).isEmpty)
    #expect(decoder.hasPending)
    #expect(decoder.feed([UInt8(ascii: "[")]).isEmpty)
    #expect(decoder.feed([UInt8(ascii: "1"), UInt8(ascii: ";")]).isEmpty)
    #expect(
      decoder.feed([UInt8(ascii: "5"), UInt8(ascii: "D"), UInt8(ascii: "x")]) == [.wordLeft, .character("x")])
    #expect(!decoder.hasPending)
    let peach = Array("🍑".utf8)
    #expect(decoder.feed(Array(peach[0..<1])).isEmpty)
    #expect(decoder.feed(Array(peach[1..<3])).isEmpty)
    #expect(decoder.feed(Array(peach[3...])) == [.character("🍑")])
  }

  @Test func aLoneEscapeIsAKeyOnceTheTerminalIsQuiet() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x1B]).isEmpty)
    #expect(decoder.flush() == [.escape])
    #expect(keys([0x1B, UInt8(ascii: "x")]) == [.escape, .character("x")])
    #expect(keys([0x1B, 0x1B, UInt8(ascii: "["), UInt8(ascii: "A")]) == [.escape, .up])
  }

  @Test func invalidUTF8BecomesReplacementCharacters() {
    #expect(keys([0xFF]) == [.character("\u{FFFD}")])
    #expect(keys([0xC3, UInt8(ascii: "a")]) == [.character("\u{FFFD}"), .character("a")])
    #expect(keys([0xE6, 0x97]) == [.character("\u{FFFD}"), .character("\u{FFFD}")], "cut off at the end")
    #expect(keys([0xED, 0xA0, 0x80]) == [.character("\u{FFFD}")], "an encoded surrogate")
  }
}
