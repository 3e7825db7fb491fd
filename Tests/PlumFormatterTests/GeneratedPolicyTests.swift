import PlumDiagnostics
import PlumSyntax
import PlumTestSupport
import Testing

@testable import PlumFormatter

/// Properties over a corpus of generated, badly laid out policies.
@Suite struct GeneratedPolicyTests {
  static let seeds: [UInt64] = Array(1...200)

  /// The generated corpus: every policy that parses without errors, with its seed.
  static let corpus: [(seed: UInt64, text: String)] = seeds.compactMap { seed in
    var generator = LayoutPolicyGenerator(seed: seed)
    let text = generator.policy()
    let (_, diagnostics) = Parser.parse(SourceFile(name: "generated-\(seed).plum", text: text))
    return diagnostics.contains { $0.severity == .error } ? nil : (seed, text)
  }

  @Test func mostGeneratedPoliciesParse() {
    #expect(Self.corpus.count >= Self.seeds.count * 9 / 10, "only \(Self.corpus.count) parse")
  }

  @Test func theGeneratorRepeatsForASeed() {
    var first = LayoutPolicyGenerator(seed: 7)
    var second = LayoutPolicyGenerator(seed: 7)
    var other = LayoutPolicyGenerator(seed: 8)
    let text = first.policy()
    #expect(text == second.policy())
    #expect(text != other.policy())
  }

  @Test func formattingIsIdempotentAndKeepsThePolicy() {
    for (seed, text) in Self.corpus {
      let file = SourceFile(name: "generated-\(seed).plum", text: text)
      guard let once = Format.file(file) else { continue }
      let twice = Format.text(once, name: "generated-\(seed).plum")
      #expect(twice == once, "seed \(seed) is not idempotent:\n\(once)")
      #expect(Preservation.problems(from: file, to: once) == [], "seed \(seed):\n\(text)\n---\n\(once)")
      #expect(LayoutRules.violations(in: once) == [], "seed \(seed):\n\(once)")
    }
  }
}

/// Blanks within lines never matter: re-spacing a policy at random leaves its formatting unchanged.
@Suite struct RespacingTests {
  static let policies: [String] =
    RepositoryPolicyTests.examples + RepositoryPolicyTests.syntaxFixtures
    + GoldenTests.names.map { "Tests/PlumFormatterTests/Fixtures/fmt/\($0)" }

  @Test func respacingKeepsEveryTokenAndLine() throws {
    let file = SourceFile(name: "a.plum", text: "rule r = a.b(c) >= 1 // x\n  and d\n")
    let respaced = Respacer.respace(file, seed: 3)
    #expect(respaced != file.text)
    #expect(respaced.filter { $0 == "\n" }.count == 2)
    #expect(
      Preservation.code(Lexer.tokenize(file).tokens)
        == Preservation.code(Lexer.tokenize(SourceFile(name: "b", text: respaced)).tokens))
  }

  @Test(arguments: policies)
  func respacedPoliciesFormatTheSame(_ path: String) throws {
    let file = try Fixtures.repositoryFile(path)
    let (_, diagnostics) = Parser.parse(file)
    guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
    guard let expected = Format.file(file) else { return }
    for seed in 1...5 as ClosedRange<UInt64> {
      let respaced = SourceFile(name: path, text: Respacer.respace(file, seed: seed))
      #expect(Format.file(respaced) == expected, "seed \(seed):\n\(respaced.text)")
    }
  }

  @Test func respacedGeneratedPoliciesFormatTheSame() {
    for (seed, text) in GeneratedPolicyTests.corpus.prefix(60) {
      let file = SourceFile(name: "generated-\(seed).plum", text: text)
      guard let expected = Format.file(file) else { continue }
      let respaced = SourceFile(name: file.name, text: Respacer.respace(file, seed: seed))
      #expect(Format.file(respaced) == expected, "seed \(seed)")
    }
  }
}
