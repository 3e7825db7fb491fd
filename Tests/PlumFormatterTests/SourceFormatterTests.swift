import PlumDiagnostics
import PlumSyntax
import Testing

@testable import PlumFormatter

/// Behaviours of the formatter that goldens show less directly.
@Suite struct SourceFormatterTests {
  @Test func syntaxErrorsAreReportedNotFormatted() {
    let file = SourceFile(name: "bad.plum", text: "rule r = a >\nlet x = 'y'\n")
    do {
      let text = try SourceFormatter.format(file)
      Issue.record("formatted a file with syntax errors:\n\(text)")
    } catch {
      guard case .syntaxErrors(let diagnostics) = error else {
        Issue.record("expected syntax errors, got \(error)")
        return
      }
      let (_, parserDiagnostics) = Parser.parse(file)
      #expect(diagnostics == parserDiagnostics.filter { $0.severity == .error })
      #expect(diagnostics.count >= 2)
    }
  }

  @Test func segmentNamesAreLaidOutAsAList() throws {
    let text = "model m = kmeans(\"s.json\") {\n  inputs { v: x.v }\n  segments [ a,b ,c ]\n}\n"
    let formatted = try SourceFormatter.format(text)
    #expect(formatted == "model m = kmeans(\"s.json\") {\n  inputs { v: x.v }\n  segments [a, b, c]\n}\n")
    #expect(try SourceFormatter.format(formatted) == formatted)
  }

  @Test func theSmallestIntIsWrittenAsOneLiteral() throws {
    let formatted = try SourceFormatter.format("let a = - 9223372036854775808\nlet b = - - 1\n")
    #expect(formatted == "let a = -9223372036854775808\nlet b = --1\n")
    #expect(try SourceFormatter.format(formatted) == formatted)
  }

  @Test func windowsLineEndingsTabsAndAByteOrderMarkAreNormalised() throws {
    let text = "\u{FEFF}policy p\r\ninput\tx {\r\n\tid: string key // note \t\r\n}\r\n"
    let formatted = try SourceFormatter.format(text)
    #expect(formatted == "policy p\n\ninput x {\n  id: string key // note\n}\n")
  }

  @Test func blanksAtTheEndsOfCommentLinesAreRemoved() throws {
    let formatted = try SourceFormatter.format("/* one  \n   two\t\n*/\npolicy p   \n")
    #expect(formatted == "/* one\n   two\n*/\npolicy p\n")
  }

  @Test func aMissingFinalLineBreakIsAdded() throws {
    #expect(try SourceFormatter.format("policy p") == "policy p\n")
    #expect(try SourceFormatter.format("") == "")
    #expect(try SourceFormatter.format("\n\n  \n") == "")
  }

  @Test func conditionsBreakOnlyPastOneHundredColumns() throws {
    let prefix = "rule r = participant.age >= 18 and participant.country == "
    let fitting = prefix + "\"" + String(repeating: "x", count: 100 - prefix.count - 2) + "\""
    #expect(fitting.count == 100)
    #expect(try SourceFormatter.format(fitting) == fitting + "\n")
    let tooWide = prefix + "\"" + String(repeating: "x", count: 101 - prefix.count - 2) + "\""
    let broken = try SourceFormatter.format(tooWide)
    #expect(broken.split(separator: "\n").count == 2)
    #expect(broken.split(separator: "\n").last?.hasPrefix("  and participant.country == ") == true)
  }

  @Test func noLineBreakIsAddedBeforeAClauseWordInsideAReward() throws {
    // `value` is a let here; at the start of a line inside a reward it would begin a clause.
    let arguments = (1...12).map { "a_fairly_long_argument_\($0)" }.joined(separator: ", ")
    let source = """
      let value = 1
      reward r {
        when true
        give points(\(arguments), value, value)
      }
      """
    let formatted = try SourceFormatter.format(source)
    let lines = formatted.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }
    #expect(
      lines.contains { $0.hasPrefix("a_fairly_long_argument") }, "the arguments should wrap:\n\(formatted)")
    #expect(!lines.contains { $0.hasPrefix("value") }, "\(formatted)")
    #expect(Preservation.problems(from: SourceFile(name: "r.plum", text: source), to: formatted) == [])
  }

  @Test func noLineBreakIsAddedBeforeADeclarationWordInAList() throws {
    // At the start of a line, `budget not …` would begin a budget declaration.
    let source = "let budget = 1\nlet y = f(\(String(repeating: "a", count: 85)), budget not in [2])\n"
    let formatted = try SourceFormatter.format(source)
    let lines = formatted.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }
    #expect(!lines.contains { $0.hasPrefix("budget") }, "\(formatted)")
    #expect(lines.contains { $0.hasPrefix("aaaa") }, "the arguments should wrap:\n\(formatted)")
  }

  @Test func oneLineLetsAndRulesWrittenTogetherStayTogether() throws {
    let formatted = try SourceFormatter.format(
      "let a = 1\nrule b = a > 0\n\n\nlet c = 2\npolicy p\nlet d = 3\n")
    #expect(formatted == "let a = 1\nrule b = a > 0\n\nlet c = 2\n\npolicy p\n\nlet d = 3\n")
  }

  @Test func everyCommentSurvivesInItsPlace() throws {
    let source = """
      // before
      let a = 1 + /* inside */ 2 // after
      /// doc
      rule r = a > 0
      // at the end
      """
    let formatted = try SourceFormatter.format(source)
    #expect(
      formatted == "// before\nlet a = 1 + /* inside */ 2 // after\n/// doc\nrule r = a > 0\n// at the end\n")
  }

  @Test func trailingCommentsOfNeighbouringLinesAreAligned() {
    let lines = [
      OutputLine(indent: 1, text: "id: string", comment: "// a"),
      OutputLine(indent: 1, text: "age: int", comment: "// b"),
      OutputLine(indent: 0, text: "", comment: nil),
      OutputLine(indent: 0, text: "x", comment: "// alone"),
    ]
    let aligned = CommentAlignment.align(lines).map(\.rendered)
    #expect(aligned == ["  id: string // a", "  age: int   // b", "", "x // alone"])
  }

  @Test func aLayoutThatWouldChangeThePolicyIsDetected() {
    let original = SourceFile(name: "a.plum", text: "rule r = a and b // c\n")
    let (ast, _) = Parser.parse(original)
    let same = SourceFile(name: "b.plum", text: "rule r = a\n  and b // c\n")
    let reordered = SourceFile(name: "c.plum", text: "rule r = b and a // c\n")
    let recommented = SourceFile(name: "d.plum", text: "rule r = a and b // d\n")
    let grouped = SourceFile(name: "e.plum", text: "rule r = (a and b) // c\n")
    #expect(SyntaxEquivalence.difference(between: original, ast, and: same) == nil)
    #expect(SyntaxEquivalence.difference(between: original, ast, and: reordered) == "its tokens would change")
    #expect(
      SyntaxEquivalence.difference(between: original, ast, and: recommented) == "its comments would change")
    #expect(SyntaxEquivalence.difference(between: original, ast, and: grouped) == "its tokens would change")
    let clause = SourceFile(
      name: "f.plum", text: "let value = 1\nreward x {\n  when true give points(value)\n}\n")
    let (clauseAST, _) = Parser.parse(clause)
    let split = SourceFile(
      name: "g.plum", text: "let value = 1\nreward x {\n  when true give points(\nvalue)\n}\n")
    #expect(SyntaxEquivalence.difference(between: clause, clauseAST, and: split) != nil)
  }
}
