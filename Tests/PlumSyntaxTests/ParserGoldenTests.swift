import PlumDiagnostics
import Testing

@testable import PlumSyntax

@Suite struct ParserGoldenTests {
  @Test(arguments: GoldenFile.sources(in: "parse"))
  func validPoliciesParseToTheirGoldenTree(_ name: String) throws {
    let file = try GoldenFile.source("parse", name)
    let (policy, diagnostics) = Parser.parse(file)
    #expect(diagnostics.isEmpty, "\(DiagnosticRenderer().render(diagnostics, in: file, format: .text))")
    GoldenFile.check(ASTDump.render(policy, in: file), folder: "parse", name: golden(name, "ast"))
  }

  @Test(arguments: GoldenFile.sources(in: "errors"))
  func brokenPoliciesReportTheirGoldenDiagnostics(_ name: String) throws {
    let file = try GoldenFile.source("errors", name)
    let (_, diagnostics) = Parser.parse(file)
    #expect(!diagnostics.isEmpty)
    let text = DiagnosticRenderer().render(diagnostics, in: file, format: .text)
    GoldenFile.check(text, folder: "errors", name: golden(name, "diag"))
  }

  @Test func theErrorCorpusCoversEveryCode() throws {
    var seen: Set<String> = []
    for name in GoldenFile.sources(in: "errors") {
      let (_, diagnostics) = Parser.parse(try GoldenFile.source("errors", name))
      seen.formUnion(diagnostics.map(\.code.id))
    }
    let all = Set((LexerDiagnostics.all + ParserDiagnostics.all).map(\.id))
    #expect(all.subtracting(seen).sorted() == [])
    #expect(GoldenFile.sources(in: "errors").count >= 30)
  }

  @Test func oneRunReportsManyIndependentErrors() throws {
    let file = try GoldenFile.source("errors", "many_errors.plum")
    let (policy, diagnostics) = Parser.parse(file)
    #expect(diagnostics.count >= 12)
    // Each line with a mistake is reported once: no cascades.
    let lines = diagnostics.map { file.location(of: $0.range.start).line }
    #expect(Set(lines).count == lines.count)
    // The declarations around the mistakes survive.
    let names = policy.declarations.compactMap { declaration -> String? in
      switch declaration {
      case .reward(let d): d.name.name
      case .rule(let d): d.name.name
      case .test(let d): d.name
      default: nil
      }
    }
    #expect(names == ["adult", "range", "first", "second", "smoke"])
  }

  @Test func diagnosticMessagesFollowTheHouseStyle() throws {
    for name in GoldenFile.sources(in: "errors") {
      let (_, diagnostics) = Parser.parse(try GoldenFile.source("errors", name))
      for diagnostic in diagnostics {
        let first = diagnostic.message.unicodeScalars.first ?? "A"
        #expect(!CharacterSetLike.uppercase(first), "\(name): \(diagnostic.message)")
        #expect(!diagnostic.message.hasSuffix("."), "\(name): \(diagnostic.message)")
        #expect(!diagnostic.message.contains("\n"), "\(name): \(diagnostic.message)")
      }
    }
  }

  func golden(_ name: String, _ suffix: String) -> String {
    String(name.dropLast(".plum".count)) + "." + suffix
  }
}

/// Character tests without Foundation.
enum CharacterSetLike {
  static func uppercase(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isUppercase }
}
