import Foundation
import PlumData
import PlumDiagnostics
import PlumDriver
import PlumRuntime
import PlumTestSupport
import Testing

@testable import PlumCLI

/// The diagnostics index files, relative to the repository root; only the first must exist.
private let indexPaths = ["docs/diagnostics.md", "docs/diagnostics-guarantees.md"]

/// The name documented examples are checked under, as if saved to a file of that name.
private let exampleFileName = "policy.plum"

/// Codes a wrong example may show besides its own, because one mistake is reported twice today.
///
/// A chained comparison is refused by the parser and then type-checked as `(a <= b) < c`.
private let knownFollowOnCodes: [String: Set<String>] = ["P0101": ["P0302"]]

/// Whether golden text is being re-recorded rather than compared.
private let isRecording = GoldenFiles.isRecording

/// One code section of one index file, as a test argument.
struct SectionCase: Sendable, CustomTestStringConvertible {
  /// The index file, relative to the repository root.
  var path: String
  /// The section.
  var section: DiagnosticSection

  var testDescription: String { "\(section.code) (\(path):\(section.line))" }
}

/// The index files that exist, parsed.
private func indexDocuments() -> [(path: String, document: DiagnosticsDocument)] {
  indexPaths.compactMap { path in
    let url = repositoryRoot.appendingPathComponent(path)
    return (try? DiagnosticsDocument(contentsOf: url)).map { (path, $0) }
  }
}

/// The bytes of a documented example; `\u{FFFD}` stands for the byte 0xFF, which Markdown cannot hold.
private func exampleBytes(_ text: String) -> [UInt8] {
  var bytes: [UInt8] = []
  for scalar in text.unicodeScalars {
    if scalar == "\u{FFFD}" {
      bytes.append(0xFF)
    } else {
      bytes.append(contentsOf: Array(String(scalar).utf8))
    }
  }
  return bytes
}

/// Runs the front end over an example and renders its diagnostics.
///
/// Lints run only for a lint's own section (`lint` is its code), and then only that lint's warnings
/// are shown beside any errors, so an example is not cluttered by the others.
private func render(
  _ text: String, name: String = exampleFileName, format: DiagnosticRenderer.Format = .text,
  lint: String? = nil
) -> (result: FrontendResult, rendered: String) {
  var result = Frontend.check(name: name, bytes: exampleBytes(text), lints: lint != nil)
  if let lint {
    result.diagnostics = result.diagnostics.filter { $0.severity == .error || $0.code.id == lint }
  }
  return (result, DiagnosticRenderer().render(result.diagnostics, in: result.source, format: format))
}

/// The code of a lint section, whose example runs with lints.
private func lintCode(_ code: String) -> String? { code.hasPrefix("P2") ? code : nil }

/// Tests that keep `docs/diagnostics.md` in step with the diagnostic registry and the checker.
///
/// Each code section holds a wrong example (the first `plum` block), the diagnostics Plum prints
/// for it (the `text` block) and a fixed example (the second `plum` block). `PLUM_RECORD=1`
/// rewrites the `text` and `json` blocks from the front end's output and leaves all else alone.
@Suite struct DiagnosticsDocTests {
  static let cases: [SectionCase] = indexDocuments().flatMap { entry in
    entry.document.sections.map { SectionCase(path: entry.path, section: $0) }
  }

  @Test func registryCodesAreUniqueAndInTheirPhaseRanges() {
    let ids = DiagnosticRegistry.all.map(\.id)
    #expect(Set(ids).count == ids.count, "a code is registered twice")
    #expect(ids == ids.sorted())
    for phase in DiagnosticRegistry.phases {
      #expect(!phase.codes.isEmpty, "\(phase.name) registers no codes")
      for code in phase.codes {
        #expect(
          phase.prefixes.contains { code.id.hasPrefix($0) }, "\(code.id) is outside \(phase.name)'s range")
        #expect(!code.title.isEmpty)
        #expect(DiagnosticRegistry.code(code.id) == code)
        #expect(DiagnosticRegistry.phase(of: code.id)?.name == phase.name)
      }
    }
    #expect(DiagnosticRegistry.code("P9999") == nil)
    // The phases list exactly the codes of the registry, so the index and SARIF agree.
    #expect(DiagnosticRegistry.phases.flatMap(\.codes).map(\.id).sorted() == ids)
  }

  @Test func theIndexExists() {
    #expect(indexDocuments().first?.path == indexPaths[0], "missing \(indexPaths[0])")
  }

  @Test func everyRegisteredCodeHasExactlyOneSection() {
    var sectionsByCode: [String: [String]] = [:]
    for item in Self.cases {
      sectionsByCode[item.section.code, default: []].append(item.testDescription)
    }
    let sectioned = DiagnosticRegistry.phases.filter { $0.documentation == .sections }.flatMap(\.codes)
    let missing = sectioned.map(\.id).filter { sectionsByCode[$0] == nil }
    #expect(missing.isEmpty, "codes without a section in \(indexPaths): \(missing)")
    for (code, places) in sectionsByCode where places.count > 1 {
      Issue.record("\(code) has more than one section: \(places)")
    }
  }

  @Test func everyHeadingIsWellFormed() {
    for (path, document) in indexDocuments() {
      #expect(
        document.malformedHeadings.isEmpty,
        "\(path): headings not of the form `## P0000 — title` on lines \(document.malformedHeadings)")
      let codes = document.sections.map(\.code)
      #expect(codes == codes.sorted(), "\(path): sections are not in code order")
    }
  }

  @Test(arguments: cases) func sectionNamesARegisteredCodeWithItsTitle(_ item: SectionCase) throws {
    let section = item.section
    let code = try #require(DiagnosticRegistry.code(section.code), "\(section.code) is not a registered code")
    #expect(section.title == code.title, "the heading's title should be the registry's")
    #expect(
      section.anchor == section.code.lowercased(), "expected <a id=\"\(section.code.lowercased())\"></a>")
    #expect(
      section.blocks.map(\.info) == ["plum", "text", "plum"], "expected wrong example, output, fixed example")
  }

  @Test(arguments: cases) func wrongExampleReportsItsCode(_ item: SectionCase) throws {
    let wrong = try #require(item.section.wrong)
    let codes = render(wrong.text, lint: lintCode(item.section.code)).result.diagnostics.map(\.code.id)
    #expect(codes.contains(item.section.code), "the wrong example reports \(codes)")
    let allowed = knownFollowOnCodes[item.section.code, default: []].union([item.section.code])
    #expect(codes.allSatisfy(allowed.contains), "the wrong example should show only its code: \(codes)")
  }

  @Test(arguments: cases) func fixedExampleIsClean(_ item: SectionCase) throws {
    let fixed = try #require(item.section.fixed)
    let diagnostics = render(fixed.text, lint: lintCode(item.section.code)).result.diagnostics
    #expect(
      !diagnostics.contains { $0.code.id == item.section.code }, "the fixed example still reports its code")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "the fixed example has errors: \(errors.map { "\($0.code): \($0.message)" })")
  }

  /// The printed diagnostics in every index equal what the front end prints today.
  @Test func printedDiagnosticsAreCurrent() throws {
    for (path, document) in indexDocuments() {
      var replacements: [(block: FencedBlock, text: String)] = []
      if let example = document.introduction.first(where: { $0.info == "plum" }) {
        for block in document.introduction {
          guard let format = DiagnosticRenderer.Format(rawValue: block.info) else { continue }
          replacements.append((block, render(example.text, format: format).rendered))
        }
      }
      for section in document.sections {
        guard let wrong = section.wrong, let output = section.output else { continue }
        replacements.append((output, render(wrong.text, lint: lintCode(section.code)).rendered))
      }
      if isRecording {
        let url = repositoryRoot.appendingPathComponent(path)
        try document.replacing(replacements).write(to: url, atomically: true, encoding: .utf8)
        continue
      }
      for (block, expected) in replacements where block.text != expected {
        // The block's first line index, zero-based, is the one-based line of its opening fence.
        let place = "\(path):\(block.lines.lowerBound)"
        let diff = "expected:\n\(expected)found:\n\(block.text)"
        Issue.record("\(place): stale \(block.info) block; run with PLUM_RECORD=1\n\(diff)")
      }
    }
  }

  @Test func introductionShowsTextAndJSON() throws {
    let document = try #require(indexDocuments().first?.document)
    let kinds = document.introduction.map(\.info)
    #expect(kinds.contains("plum") && kinds.contains("text") && kinds.contains("json"))
  }

  @Test func recordErrorTableListsEveryDataCode() throws {
    let document = try #require(indexDocuments().first?.document)
    let listed = Set(
      document.lines.compactMap { line -> String? in
        guard line.hasPrefix("| P06") else { return nil }
        return String(line.dropFirst(2).prefix(5))
      })
    let records = DiagnosticRegistry.phases.filter { $0.name == "records" }.flatMap(\.codes)
    #expect(listed == Set(records.map(\.id)))
  }

  @Test func runTimeTablesListEveryRuntimeCode() throws {
    let document = try #require(indexDocuments().first?.document)
    let listed = Set(
      document.lines.compactMap { line -> String? in
        let row = line.trimmingCharacters(in: .whitespaces)
        guard row.hasPrefix("| P05") || row.hasPrefix("| P07") else { return nil }
        return String(row.dropFirst(2).prefix(5))
      })
    let tabled = DiagnosticRegistry.phases.filter {
      ["compilation", "models", "evaluation"].contains($0.name)
    }
    .flatMap(\.codes)
    #expect(listed == Set(tabled.map(\.id)))
    let titles = Dictionary(uniqueKeysWithValues: RuntimeDiagnostics.all.map { ($0.id, $0.title) })
    for line in document.lines {
      let row = line.trimmingCharacters(in: .whitespaces)
      guard row.hasPrefix("| P05") || row.hasPrefix("| P07") else { continue }
      let id = String(row.dropFirst(2).prefix(5))
      if let title = titles[id] { #expect(row == "| \(id) | \(title) |") }
    }
  }
}

/// Golden diagnostics for the codes that no other target's fixtures show, and the check that every
/// registered code has at least one golden case somewhere under `Tests/*/Fixtures`.
@Suite struct DiagnosticGoldenCoverageTests {
  static let folder = "diagdocs"
  static let cases: [String] = {
    let url = fixturesDirectory.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.filter { $0.hasSuffix(".plum") }.map { String($0.dropLast(5)) }.sorted()
  }()

  /// The codes shown in every `.diag` golden file under `Tests/*/Fixtures`.
  static func codesInGoldenFiles() -> Set<String> {
    let tests = repositoryRoot.appendingPathComponent("Tests")
    guard let walker = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil) else {
      return []
    }
    var codes: Set<String> = []
    for case let url as URL in walker where url.pathExtension == "diag" && url.path.contains("/Fixtures/") {
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
      for piece in text.split(separator: "[").dropFirst() {
        let code = piece.prefix(6)
        if code.count == 6, code.hasSuffix("]"), code.first == "P",
          code.dropFirst().dropLast().allSatisfy(\.isNumber)
        {
          codes.insert(String(code.dropLast()))
        }
      }
    }
    return codes
  }

  @Test func everyRegisteredCodeHasAGoldenCase() {
    let seen = Self.codesInGoldenFiles()
    let shown = DiagnosticRegistry.phases.filter { $0.documentation == .sections }.flatMap(\.codes)
    let missing = shown.map(\.id).filter { !seen.contains($0) }
    #expect(missing.isEmpty, "codes without a .diag golden under Tests/*/Fixtures: \(missing)")
  }

  @Test func corpusCoversTheLexerAndParser() {
    let named = Set(Self.cases.map { $0.prefix(5).uppercased() })
    let syntax = DiagnosticRegistry.phases.filter { $0.name == "lexer" || $0.name == "parser" }
    let missing = syntax.flatMap(\.codes).map(\.id).filter { !named.contains($0) }
    #expect(missing.isEmpty, "no \(Self.folder) fixture for \(missing)")
  }

  @Test(arguments: cases) func renderedDiagnosticsMatchGolden(_ name: String) throws {
    let url = fixturesDirectory.appendingPathComponent(Self.folder).appendingPathComponent(name + ".plum")
    let bytes = [UInt8](try Data(contentsOf: url))
    let result = Frontend.check(name: name + ".plum", bytes: bytes)
    let code = name.prefix(5).uppercased()
    #expect(DiagnosticRegistry.code(code) != nil, "fixture names start with a registered code")
    #expect(result.diagnostics.contains { $0.code.id == code }, "\(name) does not report \(code)")
    let rendered = DiagnosticRenderer().render(result.diagnostics, in: result.source, format: .text)
    expectGolden(rendered, "\(Self.folder)/\(name).diag")
  }
}
