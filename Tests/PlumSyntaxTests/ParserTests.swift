import Foundation
import PlumDiagnostics
import Testing

@testable import PlumSyntax

@Suite struct ParserTests {
  func shape(_ source: String) -> String {
    Syntax.expression(source).map(Syntax.shape) ?? "<diagnostics>"
  }

  @Test func precedenceFollowsTheGrammar() {
    #expect(shape("a or b and c") == "(a or (b and c))")
    #expect(shape("not a and b") == "((not a) and b)")
    #expect(shape("not a == b") == "(not (a == b))")
    #expect(shape("a == b + c * d") == "(a == (b + (c * d)))")
    #expect(shape("a ?? b + c") == "(a ?? (b + c))")
    #expect(shape("a + b ?? c") == "((a + b) ?? c)")
    #expect(shape("a ?? b ?? c") == "(a ?? (b ?? c))")
    #expect(shape("a - b - c") == "((a - b) - c)")
    #expect(shape("a / b * c % d") == "(((a / b) * c) % d)")
    #expect(shape("-a * b") == "((- a) * b)")
    #expect(shape("-a.b") == "(- a.b)")
    #expect(shape("a not in b and c in d") == "((a not in b) and (c in d))")
    #expect(shape("not not a") == "(not (not a))")
    #expect(shape("if a then b else c or d") == "(if a then b else (c or d))")
    #expect(shape("(a + b) * c") == "([(a + b)] * c)")
    #expect(shape("f(a, b).c") == "f(a, b).c")
  }

  @Test func theSmallestIntIsOneLiteral() throws {
    #expect(shape("-9223372036854775808") == "-9223372036854775808")
    #expect(shape("- 9_223_372_036_854_775_808") == "-9223372036854775808")
    #expect(shape("- -9223372036854775808") == "(- -9223372036854775808)")
    #expect(shape("-9223372036854775808 * a") == "(-9223372036854775808 * a)")
    #expect(shape("-9223372036854775807") == "(- 9223372036854775807)")
    // 2^63 is an int only negated: after a binary minus, or alone, it does not fit.
    for source in ["rule r = a - 9223372036854775808", "rule r = 9223372036854775808 > a"] {
      let (_, diagnostics) = Syntax.parse(source)
      #expect(diagnostics.map(\.code) == [LexerDiagnostics.integerOverflow], "\(source)")
    }
    let (_, diagnostics) = Syntax.parse("rule r = a - 9223372036854775808")
    #expect(diagnostics.first?.range == SourceRange(start: 13, end: 32))
  }

  @Test func comparisonsDoNotChain() {
    let (_, diagnostics) = Syntax.parse("rule r = a < b < c")
    #expect(diagnostics.map(\.code) == [ParserDiagnostics.chainedComparison])
    #expect(diagnostics.first?.range == SourceRange(start: 15, end: 16))
    #expect(diagnostics.first?.labels.first?.range == SourceRange(start: 11, end: 12))
  }

  @Test func interpolationsAreParsedWithAbsoluteRanges() throws {
    let source = "let s = \"a {recency} b {churn.score:%}\""
    let (policy, diagnostics) = Syntax.parse(source)
    #expect(diagnostics.isEmpty)
    guard case .let(let declaration) = policy.declarations.first,
      case .string(let segments) = declaration.value.kind, segments.count == 4,
      case .interpolation(let first, nil) = segments[1], case .interpolation(let second, "%") = segments[3]
    else {
      Issue.record("unexpected tree \(policy)")
      return
    }
    #expect(first == Expression(.name("recency"), SourceRange(start: 12, end: 19)))
    #expect(second.range == SourceRange(start: 24, end: 35))
    guard case .member(let base, let field) = second.kind else { return }
    #expect(base.range == SourceRange(start: 24, end: 29))
    #expect(field.range == SourceRange(start: 30, end: 35))
  }

  @Test func errorsInsideInterpolationsPointIntoTheString() {
    let (_, diagnostics) = Syntax.parse("let s = \"x {a +} y {b c}\"")
    #expect(
      diagnostics.map(\.code) == [ParserDiagnostics.expectedExpression, ParserDiagnostics.expectedToken])
    #expect(diagnostics.map(\.range.start) == [15, 22])
  }

  @Test func docCommentBlocksDocumentWhatFollows() {
    let (policy, _) = Syntax.parse(
      "/// one\n///  two\n///\nrule r = true\ninput i {\n  /// field doc\n  f: int\n}\nlet plain = 1\n")
    guard case .rule(let rule) = policy.declarations[0], case .input(let input) = policy.declarations[1],
      case .let(let plain) = policy.declarations[2]
    else {
      Issue.record("unexpected tree")
      return
    }
    #expect(rule.doc == "one\n two\n")
    #expect(input.doc == nil)
    #expect(input.fields.first?.doc == "field doc")
    #expect(plain.doc == nil)
  }

  @Test func clausesNeedNoSeparators() {
    let (policy, diagnostics) = Syntax.parse("reward r { when a give points(1) priority 2 because \"x\" }")
    #expect(diagnostics.isEmpty)
    guard case .reward(let reward) = policy.declarations.first else { return }
    #expect(reward.clauses.count == 4)
    #expect(reward.when?.kind == .name("a"))
    #expect(reward.priority?.kind == .int(2))
  }

  @Test func contextualWordsStayNames() {
    let (policy, diagnostics) = Syntax.parse(
      "input i {\n  key: string key\n  value: int\n}\nlet value = i.value\nrule when = value > 1\n")
    #expect(diagnostics.isEmpty)
    #expect(policy.declarations.count == 3)
  }

  @Test func aMissingEqualsGetsAFixIt() {
    let (policy, diagnostics) = Syntax.parse("rule adult participant.age >= 18")
    #expect(diagnostics.map(\.code) == [ParserDiagnostics.expectedToken])
    let fix = diagnostics.first?.fixIts.first
    #expect(fix?.range == SourceRange.at(10))
    #expect(fix?.replacement == " =")
    // The rule is still parsed, so later phases see it.
    guard case .rule(let rule) = policy.declarations.first else {
      Issue.record("the rule was dropped")
      return
    }
    #expect(Syntax.shape(rule.condition) == "(participant.age >= 18)")
  }

  @Test func anUnclosedBraceIsReportedWhereTheNextDeclarationStarts() {
    let source = "reward r {\n  when a\n  give b\n\nrule next = true\n"
    let (policy, diagnostics) = Syntax.parse(source)
    #expect(diagnostics.map(\.code) == [ParserDiagnostics.unclosedDelimiter])
    #expect(diagnostics.first?.labels.first?.range == SourceRange(start: 9, end: 10))
    #expect(policy.declarations.count == 2)
  }

  @Test func aDeclarationInsideAClosedBlockIsSkipped() {
    let (policy, diagnostics) = Syntax.parse("reward r {\n  when a\n  rule x = 1\n  give b\n}\nrule y = 2\n")
    #expect(diagnostics.map(\.code) == [ParserDiagnostics.unexpectedDeclaration])
    guard case .reward(let reward) = policy.declarations.first else { return }
    #expect(reward.give?.kind == .name("b"))
    #expect(policy.declarations.count == 2)
  }

  @Test func rewardsNeedWhenAndGive() {
    let (_, diagnostics) = Syntax.parse("reward r {\n  priority 1\n}\n")
    #expect(
      diagnostics.map(\.message) == ["reward `r` has no `when` clause", "reward `r` has no `give` clause"])
  }

  @Test func theParserIncludesTheLexersDiagnosticsInOrder() {
    let (_, diagnostics) = Syntax.parse("let a = 1__0\nlet b = )\nlet c = 2026-02-30\n")
    #expect(Syntax.codes(diagnostics) == ["P0011", "P0105", "P0007"])
  }

  @Test func testStatements() {
    let (policy, diagnostics) = Syntax.parse(
      "test \"t\" {\n  given p from \"f.csv\" row 3\n  expect error P0601\n  expect x within 0.1\n"
        + "  expect xs contains y\n}\n")
    #expect(diagnostics.isEmpty)
    guard case .test(let test) = policy.declarations.first else { return }
    #expect(test.name == "t")
    #expect(test.statements.count == 4)
    guard case .givenFrom(let input, let path, let row) = test.statements[0].kind,
      case .expectError(let code) = test.statements[1].kind
    else {
      Issue.record("unexpected statements")
      return
    }
    #expect(input.name == "p" && path == "f.csv" && row == 3)
    #expect(code.name == "P0601")
  }

  @Test func withheldByBudgetNamesARewardAndAPrice() {
    let (policy, diagnostics) = Syntax.parse(
      "test \"t\" {\n  expect withheld_by_budget save_10 at 1.25\n  expect withheld_by_budget r\n}\n")
    #expect(Syntax.codes(diagnostics) == ["P0107"])
    guard case .test(let test) = policy.declarations.first,
      case .expectWithheld(let reward, let multiplier) = test.statements.first?.kind
    else {
      Issue.record("unexpected statements")
      return
    }
    #expect(reward.name == "save_10")
    #expect(multiplier.kind == .float(1.25))
    #expect(SourcePrinter.statement(test.statements[0]) == "expect withheld_by_budget save_10 at 1.25")
  }

  @Test func selectBudgetAndConstraint() {
    let (policy, diagnostics) = Syntax.parse(
      "select best by priority, max 2\nbudget 50_000 EUR per run\nconstraint c: f(x) >= 0.8\n")
    #expect(diagnostics.isEmpty)
    guard case .select(let select) = policy.declarations[0], case .budget(let budget) = policy.declarations[1]
    else { return }
    #expect(select.mode == .best(by: Identifier("priority", SourceRange(start: 15, end: 23)), max: 2))
    #expect(budget.amount.kind == .money(MoneyLiteral(units: 50_000, scale: 0, currency: "EUR")))
    #expect(budget.period.name == "run")
  }

  @Test func kmeansSegmentsAreNamedInOrder() {
    let source = """
      model segment = kmeans("s.json") {
        inputs { visits: member.visits }
        segments [casual, regular, big,]
        purpose profiling
      }

      """
    let (policy, diagnostics) = Syntax.parse(source)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    guard case .model(let model) = policy.declarations.first else {
      Issue.record("no model parsed")
      return
    }
    #expect(model.segments?.map(\.name) == ["casual", "regular", "big"])
    #expect(model.purpose?.name == "profiling")
    let printed = ASTPrinter.print(policy)
    #expect(printed.contains("  segments [casual, regular, big]\n"))
    let (reparsed, _) = Syntax.parse(printed)
    #expect(ASTPrinter.print(reparsed) == printed)
    let file = Syntax.file(source)
    #expect(ASTDump.render(Parser.parse(file).0, in: file).contains("(segments casual@3:13-3:19 regular@"))
    let (_, unclosed) = Syntax.parse("model m = kmeans(\"s.json\") {\n  segments [a, b\n}\n")
    #expect(!unclosed.isEmpty, "an unclosed segment list is reported")
  }

  @Test func theASTDumpShowsEveryNodeWithItsRange() {
    let file = Syntax.file("let x = -a.b")
    let (policy, _) = Parser.parse(file)
    #expect(
      ASTDump.render(policy, in: file) == """
        (policy_file
          (let x@1:5-1:6 @1:1-1:13
            (unary - @1:9-1:13
              (member b@1:12-1:13 @1:10-1:13
                (name a @1:10-1:11)))))

        """)
  }
}

@Suite struct LineEndingTests {
  @Test func windowsLineEndingsParseToTheSameTree() throws {
    let file = try GoldenFile.source("parse", "example_winback.plum")
    let crlf = SourceFile(name: "crlf.plum", text: file.text.replacingOccurrences(of: "\n", with: "\r\n"))
    let (expected, _) = Parser.parse(file)
    let (actual, diagnostics) = Parser.parse(crlf)
    #expect(diagnostics.isEmpty)
    #expect(RangeErasure.erase(actual) == RangeErasure.erase(expected))
  }
}
