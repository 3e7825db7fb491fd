import Testing

@testable import PlumDiagnostics

private let sample = DiagnosticCode("P9999", .error, "sample")

@Test func locationCountsScalarsAndLines() {
  let file = SourceFile(name: "a.plum", text: "ab\nçd e\n")
  #expect(file.location(of: 0) == SourceLocation(offset: 0, line: 1, column: 1))
  #expect(file.location(of: 3) == SourceLocation(offset: 3, line: 2, column: 1))
  // `ç` is two bytes: the byte after it is column 2.
  #expect(file.location(of: 5).column == 2)
  #expect(file.lineText(2) == "çd e")
  // The line alone agrees with the full location, at line starts, inside lines and past the end.
  for offset in [-1, 0, 2, 3, 5, 8, 9, 100] {
    #expect(file.line(of: offset) == file.location(of: offset).line)
  }
  #expect(file.lineText(9) == "")
}

@Test func textRenderingHasLocationGutterAndCaret() {
  let file = SourceFile(name: "p.plum", text: "rule a = x +\nrule b = 1\n")
  let diagnostic = Diagnostic(
    sample, "unknown name `x`", at: SourceRange(start: 9, end: 10),
    labels: [.init(SourceRange(start: 18, end: 19), "declared here")], notes: ["did you mean `a`?"])
  let text = DiagnosticRenderer().renderText(diagnostic, in: file)
  #expect(
    text == """
      p.plum:1:10: error[P9999]: unknown name `x`
        |
      1 | rule a = x +
        |          ^
        |
      2 | rule b = 1
        |      - declared here
        = note: did you mean `a`?

      """)
}

@Test func colourOnlyWhenAsked() {
  let file = SourceFile(name: "p.plum", text: "x")
  let diagnostic = Diagnostic(sample, "m", at: SourceRange(start: 0, end: 1))
  #expect(!DiagnosticRenderer(colored: false).renderText(diagnostic, in: file).contains("\u{1B}"))
  #expect(DiagnosticRenderer(colored: true).renderText(diagnostic, in: file).contains("\u{1B}[1;31m"))
}

@Test func jsonRenderingCarriesSpansAsLineColumnAndOffset() {
  let file = SourceFile(name: "p\"q.plum", text: "ab\ncd")
  let diagnostic = Diagnostic(sample, "bad \"x\"", at: SourceRange(start: 3, end: 5))
  #expect(
    DiagnosticRenderer().renderJSON(diagnostic, in: file)
      == #"{"file":"p\"q.plum","severity":"error","code":"P9999","message":"bad \"x\"","span":{"start":{"line":2,"column":1,"offset":3},"end":{"line":2,"column":3,"offset":5}},"labels":[],"notes":[],"fixits":[]}"#
  )
}

@Test func emptySpanAtEndOfLineStillGetsACaret() {
  let file = SourceFile(name: "p.plum", text: "rule a =\n")
  let diagnostic = Diagnostic(sample, "expected an expression", at: .at(8))
  #expect(DiagnosticRenderer().renderText(diagnostic, in: file).contains("  |         ^\n"))
}
