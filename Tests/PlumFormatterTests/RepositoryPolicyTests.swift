import Foundation
import PlumDiagnostics
import PlumSyntax
import Testing

@testable import PlumFormatter

/// The repository's own policies are kept formatted: every example, and every ```plum block of
/// the documentation (README.md and docs/) that parses.
@Suite struct RepositoryPolicyTests {
  static let examples = Fixtures.repositoryPolicies(under: "examples")

  /// The policies of the syntax tests that parse without errors: more real-world layouts.
  static let syntaxFixtures = Fixtures.repositoryPolicies(under: "Tests/PlumSyntaxTests/Fixtures")

  @Test func thereAreExamples() {
    #expect(Self.examples.count >= 3)
  }

  @Test(arguments: examples)
  func exampleIsFormatted(_ path: String) throws {
    let file = try Fixtures.repositoryFile(path)
    guard let formatted = Format.file(file) else { return }
    let diff = LineDiff.unified(from: file.text, to: formatted, oldName: path, newName: "formatted")
    #expect(diff.isEmpty, "run `plum fmt \(path)`:\n\(diff)")
  }

  @Test func documentationBlocksAreFormatted() throws {
    let docs = try FileManager.default.contentsOfDirectory(
      atPath: Fixtures.repositoryRoot.appendingPathComponent("docs").path
    ).filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    var checked = 0
    var readmeBlocks = 0
    for path in ["README.md"] + docs {
      let text = try Fixtures.repositoryFile(path).text
      for block in PlumBlocks.extract(from: text) {
        let file = SourceFile(name: "\(path):\(block.line)", text: block.source)
        let (_, diagnostics) = Parser.parse(file)
        // Fragments that do not parse on their own (a lone clause, an elided `…`) are left as written.
        guard !diagnostics.contains(where: { $0.severity == .error }) else { continue }
        checked += 1
        if path == "README.md" { readmeBlocks += 1 }
        guard let formatted = Format.file(file) else { continue }
        let diff = LineDiff.unified(
          from: block.source, to: formatted, oldName: file.name, newName: "formatted")
        #expect(diff.isEmpty, "format the ```plum block at \(file.name) with `plum fmt -`:\n\(diff)")
      }
    }
    #expect(checked >= 5, "only \(checked) documentation blocks parse")
    #expect(readmeBlocks >= 1, "the README's tour policy should parse")
  }

  @Test func plumBlocksAreFoundWithTheirLines() {
    let markdown =
      "# T\n\n```plum\nlet a = 1\n```\n\ntext\n\n```\nnot plum\n```\n```plum\nrule r = a\n\n```\n"
    let blocks = PlumBlocks.extract(from: markdown)
    #expect(blocks.map(\.source) == ["let a = 1\n", "rule r = a\n\n"])
    #expect(blocks.map(\.line) == [4, 13])
  }

  @Test(arguments: examples + syntaxFixtures)
  func repositoryPoliciesFormatIdempotentlyAndKeepTheirMeaning(_ path: String) throws {
    let file = try Fixtures.repositoryFile(path)
    let (_, diagnostics) = Parser.parse(file)
    guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
    guard let once = Format.file(file) else { return }
    #expect(Format.text(once, name: path) == once)
    #expect(Preservation.problems(from: file, to: once) == [])
    #expect(LayoutRules.violations(in: once) == [])
  }
}

/// The ```plum code blocks of a Markdown text.
enum PlumBlocks {
  /// Each block's source (its lines, each ending in a line break) and the line it starts on.
  static func extract(from markdown: String) -> [(source: String, line: Int)] {
    var blocks: [(source: String, line: Int)] = []
    var current: (source: String, line: Int)?
    for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if var block = current {
        if line.trimmingCharacters(in: .whitespaces) == "```" {
          blocks.append(block)
          current = nil
        } else {
          block.source += line + "\n"
          current = block
        }
      } else if line.trimmingCharacters(in: .whitespaces) == "```plum" {
        current = ("", index + 2)
      }
    }
    return blocks
  }
}
