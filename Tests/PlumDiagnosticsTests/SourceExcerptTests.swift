import Foundation
import Testing

@testable import PlumDiagnostics

private let sample = DiagnosticCode("P9999", .error, "sample")

/// The caret line of a rendered diagnostic without its gutter, and the source line likewise.
private func excerpt(_ text: String, span: Range<Int>) -> (source: String, marker: String) {
  let file = SourceFile(name: "p.plum", text: text)
  let diagnostic = Diagnostic(sample, "m", at: SourceRange(start: span.lowerBound, end: span.upperBound))
  let lines = DiagnosticRenderer().renderText(diagnostic, in: file).split(separator: "\n").map(String.init)
  return (String(lines[2].drop { $0 != "|" }.dropFirst(2)), String(lines[3].drop { $0 != "|" }.dropFirst(2)))
}

/// The byte range of `part` within `text`.
private func bytes(of part: String, in text: String) -> Range<Int> {
  let start = text.utf8.count - (text.range(of: part).map { String(text[$0.lowerBound...]) } ?? "").utf8.count
  return start..<(start + part.utf8.count)
}

@Test func displayWidthsCountWideCharactersTwice() {
  #expect(DisplayWidth.of("a") == 1)
  #expect(DisplayWidth.of("日") == 2)
  #expect(DisplayWidth.of("🍑") == 2)
  #expect(DisplayWidth.of("e\u{301}") == 1)
  #expect(DisplayWidth.of("ab日本".map { $0 }) == 6)
}

@Test(arguments: [
  "let 名前 = \"日本\" + nope",
  "let label = \"🍑🍑 ok\" + nope",
  "let x = \"e\u{301}te\u{301}\" + nope",
  "let x =\t\"tab\" + nope",
])
func caretsLineUpUnderTheSpanAfterWideCharacters(line: String) {
  let (source, marker) = excerpt(line, span: bytes(of: "nope", in: line))
  let pad = marker.prefix { $0 == " " }.count
  // The columns before the caret are exactly the display width of the text before `nope`.
  let before = source[..<(source.range(of: "nope")?.lowerBound ?? source.endIndex)]
  #expect(pad == DisplayWidth.of(before))
  #expect(marker.dropFirst(pad) == "^^^^")
}

@Test func aSpanOverWideCharactersIsUnderlinedByTheirWidth() {
  let line = "rule r = \"日本語\""
  let (_, marker) = excerpt(line, span: bytes(of: "日本語", in: line))
  #expect(marker == String(repeating: " ", count: 10) + String(repeating: "^", count: 6))
}

@Test func aVeryLongLineIsCutToAWindowAroundTheSpan() throws {
  let line = String(repeating: "a", count: 5_000) + " nope " + String(repeating: "b", count: 4_994)
  #expect(line.count == 10_000)
  let (source, marker) = excerpt(line, span: bytes(of: "nope", in: line))
  #expect(source.hasPrefix("…a"))
  #expect(source.hasSuffix("b…"))
  #expect(DisplayWidth.of(source) <= SourceExcerpt.maxWidth + 2)
  let pad = marker.prefix { $0 == " " }.count
  let nope = try #require(source.range(of: "nope"))
  #expect(source[..<nope.lowerBound].count == pad)
  #expect(marker.dropFirst(pad) == "^^^^")
}

@Test func aLongLineKeepsItsStartWhenTheSpanIsNearIt() {
  let line = "rule nope = " + String(repeating: "x", count: 10_000)
  let (source, marker) = excerpt(line, span: bytes(of: "nope", in: line))
  #expect(source.hasPrefix("rule nope = xxx"))
  #expect(source.hasSuffix("x…"))
  #expect(source.count == SourceExcerpt.maxWidth + 1)
  #expect(marker == "     ^^^^")
}

@Test func aLongLineEndingInTheSpanKeepsItsEnd() {
  let line = String(repeating: "日", count: 3_000) + " nope"
  let (source, marker) = excerpt(line, span: bytes(of: "nope", in: line))
  #expect(source.hasPrefix("…日"))
  #expect(source.hasSuffix(" nope"))
  #expect(DisplayWidth.of(source) <= SourceExcerpt.maxWidth + 1)
  #expect(marker.hasSuffix(" ^^^^"))
  #expect(marker.count - 4 == DisplayWidth.of(source.dropLast(4)))
}

@Test func aSpanRunningToTheNextLineIsUnderlinedToTheEndOfItsFirst() {
  let text = "rule r = (a\n  and b)\n"
  let (_, marker) = excerpt(text, span: 9..<19)
  #expect(marker == "         ^^")
}

@Test func controlCharactersAreShownAsPicturesOneColumnEach() {
  let line = "rule a = \"\u{0}\u{1}\" \u{1B}[31m nope"
  let (source, marker) = excerpt(line, span: bytes(of: "nope", in: line))
  #expect(source == "rule a = \"\u{2400}\u{2401}\" \u{241B}[31m nope")
  #expect(marker == String(repeating: " ", count: 20) + "^^^^")
}
