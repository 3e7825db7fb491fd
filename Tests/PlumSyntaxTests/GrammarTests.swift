import Foundation
import Testing

/// `grammar/plum.ebnf` is the single source of truth for the syntax: each of its productions is
/// named by a `/// grammar:` line on the parser function that parses it, and nothing else is.
@Suite struct GrammarTests {
  static let grammarURL = GoldenFile.repositoryRoot.appendingPathComponent("grammar/plum.ebnf")
  static let parserURL = GoldenFile.repositoryRoot.appendingPathComponent("Sources/PlumSyntax/Parser")

  func productions() throws -> [String] {
    let text = try String(contentsOf: GrammarTests.grammarURL, encoding: .utf8)
    return text.split(separator: "\n").compactMap { line -> String? in
      let name = line.prefix { $0.isLetter || $0 == "_" }
      guard !name.isEmpty, line.dropFirst(name.count).drop(while: { $0 == " " }).first == "=" else {
        return nil
      }
      return String(name)
    }
  }

  func namedInParser() throws -> [String] {
    let files = try FileManager.default.contentsOfDirectory(atPath: GrammarTests.parserURL.path)
    var names: [String] = []
    for file in files.sorted() where file.hasSuffix(".swift") {
      let text = try String(contentsOf: GrammarTests.parserURL.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("/// grammar: ") {
          names.append(String(trimmed.dropFirst("/// grammar: ".count)).trimmingCharacters(in: .whitespaces))
        }
      }
    }
    return names
  }

  @Test func everyProductionIsParsedByANamedFunction() throws {
    let grammar = try productions()
    let parser = try namedInParser()
    #expect(grammar.count >= 40)
    #expect(Set(grammar).subtracting(parser).sorted() == [], "productions with no parser function")
    #expect(Set(parser).subtracting(grammar).sorted() == [], "parser functions naming no production")
    #expect(parser.count == Set(parser).count, "a production named twice")
    #expect(grammar.count == Set(grammar).count, "a production defined twice")
  }
}
