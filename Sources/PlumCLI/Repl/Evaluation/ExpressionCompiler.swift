import Foundation
import PlumChecker
import PlumDiagnostics
import PlumDriver
import PlumSyntax

/// Checks an expression in a policy's scope: appends `let NAME =` and the expression to the policy's
/// source, runs the normal front end, and maps the diagnostics back into the expression.
///
/// The expression starts a line of its own, so its line and column numbers in the synthetic source
/// differ from those in `<expr>` by a whole number of lines only.
struct ExpressionCompiler: Sendable {
  /// The policy whose names are in scope.
  let policy: EvalPolicy

  /// The name of the synthetic declaration: one that the policy's text never mentions.
  var syntheticName: String {
    let text = String(decoding: policy.bytes, as: UTF8.self)
    var name = "__eval"
    var suffix = 1
    while text.contains(name) {
      name = "__eval\(suffix)"
      suffix += 1
    }
    return name
  }

  /// Compiles `text`.
  func compile(_ text: String) -> CompileOutcome {
    let source = SyntheticSource(policy: policy, expression: text, name: syntheticName)
    let synthetic = Frontend.check(name: policy.name, bytes: source.bytes)
    let mapper = source.mapper(for: synthetic.source)
    let findings = source.findings(synthetic.diagnostics, ast: synthetic.ast, mapper: mapper)
    let syntax = source.expression(in: synthetic.ast)
    guard !findings.hasErrors, let checked = synthetic.checked, let syntax,
      let value = checked.lets.first(where: { $0.name.name == source.name })?.value
    else {
      if findings.hasErrors { return .failed(findings) }
      let missing = Diagnostic(
        ParserDiagnostics.expectedExpression, "expected an expression", at: SourceRange.at(source.offset))
      return .failed(findings + [mapper.map(missing)])
    }
    return .compiled(
      CompiledExpression(
        file: mapper.expression, synthetic: synthetic, offset: source.offset, checked: checked, value: value,
        syntax: syntax, warnings: findings, mapper: mapper))
  }

  /// Parses `text` only, for showing its tree: the tree (nil when there is none) with spans
  /// relative to the expression, and the syntax errors.
  func parse(_ text: String) -> (tree: String?, findings: [Finding]) {
    let source = SyntheticSource(policy: policy, expression: text, name: syntheticName)
    let file = SourceFile(name: policy.name, bytes: source.bytes)
    let (ast, diagnostics) = Parser.parse(file)
    let mapper = source.mapper(for: file)
    let findings = source.findings(diagnostics, ast: ast, mapper: mapper)
    guard let syntax = source.expression(in: ast) else { return (nil, findings) }
    let lineShift = file.line(of: source.offset) - 1
    return (SpanShift.shiftLines(ASTDump.render(syntax, in: file), by: lineShift), findings)
  }
}

/// The policy's source with `let NAME =` and the expression appended, the expression starting a line.
struct SyntheticSource: Sendable {
  /// The synthetic declaration's name.
  let name: String
  /// The whole source.
  let bytes: [UInt8]
  /// Where the synthetic declaration starts.
  let declarationStart: Int
  /// Where the expression starts.
  let offset: Int
  /// The expression alone, as `<expr>`.
  let expression: SourceFile

  /// Appends `expression` to the policy's source as the value of `let name`.
  init(policy: EvalPolicy, expression text: String, name: String) {
    self.name = name
    var bytes = policy.bytes
    if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    declarationStart = bytes.count
    bytes += Array("let \(name) =\n".utf8)
    offset = bytes.count
    bytes += Array(text.utf8)
    bytes.append(UInt8(ascii: "\n"))
    self.bytes = bytes
    expression = SourceFile(name: "<expr>", text: text)
  }

  /// The mapper from `file` (this source, parsed) into the expression.
  func mapper(for file: SourceFile) -> FindingMapper {
    FindingMapper(synthetic: file, expression: expression, offset: offset, declarationStart: declarationStart)
  }

  /// Whether a diagnostic concerns the expression: the policy's own are reported on load, and
  /// warnings about the synthetic declaration itself (such as "never used") are not the user's.
  func isOwn(_ diagnostic: Diagnostic) -> Bool {
    diagnostic.range.start >= offset
      || (diagnostic.range.start >= declarationStart && diagnostic.severity == .error)
  }

  /// The synthetic declaration's value in a parse of this source.
  func expression(in ast: PolicyFile) -> PlumSyntax.Expression? {
    ast.declarations.lazy.compactMap { declaration -> PlumSyntax.Expression? in
      if case .let(let decl) = declaration, decl.name.name == name { return decl.value }
      return nil
    }.first
  }

  /// The expression's findings among a parse's or check's diagnostics. A declaration parsed after
  /// the expression is text typed after it that is not part of it: that is the one error about it.
  func findings(_ diagnostics: [Diagnostic], ast: PolicyFile, mapper: FindingMapper) -> [Finding] {
    let extra = ast.declarations.first { $0.range.start > offset }
    let end = extra?.range.start ?? Int.max
    var own = diagnostics.filter { isOwn($0) && $0.range.start < end }
    if let extra {
      own.append(
        Diagnostic(
          ParserDiagnostics.expectedDeclaration, "expected the end of the expression, found a declaration",
          at: SourceRange.at(extra.range.start)))
    }
    return own.map(mapper.map)
  }
}

/// Rewrites `@line:col-line:col` spans in a dump so lines count from the expression's first line.
enum SpanShift {
  /// The dump with every span's line numbers reduced by `lines`.
  static func shiftLines(_ dump: String, by lines: Int) -> String {
    guard lines > 0 else { return dump }
    var out = ""
    var rest = Substring(dump)
    while let at = rest.firstIndex(of: "@") {
      out += rest[...at]
      rest = rest[rest.index(after: at)...]
      // `line:col-line:col`: shift the two numbers that precede a colon.
      var numbers: [Substring] = []
      var scan = rest
      for separator in [":", "-", ":", ""] {
        let digits = scan.prefix(while: \.isNumber)
        guard !digits.isEmpty else { break }
        numbers.append(digits)
        scan = scan[digits.endIndex...]
        if separator.isEmpty { break }
        guard scan.first == Character(separator) else { break }
        scan = scan.dropFirst()
      }
      guard numbers.count == 4, let startLine = Int(numbers[0]), let endLine = Int(numbers[2]) else {
        continue
      }
      out += "\(startLine - lines):\(numbers[1])-\(endLine - lines):\(numbers[3])"
      rest = scan
    }
    return out + rest
  }
}

/// Moves diagnostics from the synthetic source into the expression's own source.
struct FindingMapper: Sendable {
  /// The policy with the expression appended.
  let synthetic: SourceFile
  /// The expression alone.
  let expression: SourceFile
  /// Where the expression starts in `synthetic`.
  let offset: Int
  /// Where the synthetic declaration starts: positions from here on belong to the expression.
  let declarationStart: Int

  /// Whether a range lies in the synthetic declaration (so, shown, in the expression).
  func isInExpression(_ range: SourceRange) -> Bool { range.start >= declarationStart }

  /// The range in the expression's source, clamped to it.
  func local(_ range: SourceRange) -> SourceRange {
    let limit = expression.bytes.count
    let start = max(0, min(range.start - offset, limit))
    return SourceRange(start: start, end: max(start, min(range.end - offset, limit)))
  }

  /// A diagnostic about the synthetic source as one about the expression, or about the policy
  /// when it points there.
  func map(_ diagnostic: Diagnostic) -> Finding {
    guard isInExpression(diagnostic.range) else {
      return Finding(diagnostic: diagnostic, file: synthetic)
    }
    var mapped = diagnostic
    mapped.range = local(diagnostic.range)
    // The parser speaks of the synthetic declaration and file; the user typed an expression.
    mapped.message = diagnostic.message
      .replacingOccurrences(of: "the end of the declaration", with: "the end of the expression")
      .replacingOccurrences(of: "end of file", with: "end of input")
    mapped.labels = []
    for label in diagnostic.labels {
      if isInExpression(label.range) {
        mapped.labels.append(Diagnostic.Label(local(label.range), label.message))
      } else {
        let location = synthetic.location(of: label.range.start)
        mapped.notes.append("\(label.message): \(synthetic.name):\(location.line):\(location.column)")
      }
    }
    mapped.fixIts = diagnostic.fixIts.filter { isInExpression($0.range) }.map {
      Diagnostic.FixIt(range: local($0.range), replacement: $0.replacement, message: $0.message)
    }
    return Finding(diagnostic: mapped, file: expression)
  }
}
