import Foundation
import Testing

@testable import PlumData

/// Malformed and edge-case inputs from `Fixtures/corpus`, read with many chunk sizes; each must
/// give exactly the outcomes in its golden file, whatever the chunking.
@Suite struct CorpusTests {
  static let corpus = Support.fixtures.appendingPathComponent("corpus")

  static let csvFiles = [
    "unterminated_quote", "short_and_long_rows", "bad_utf8", "wrong_types", "blank_lines", "crlf_bom",
    "quoted", "header_only", "empty", "missing_column",
  ]
  static let jsonlFiles = [
    "surrogates", "duplicates", "overflow", "wrong_types", "malformed", "blank_lines", "bad_utf8", "empty",
  ]
  /// (chunk size, largest read): one byte at a time, odd sizes that split every token, and whole.
  static let chunkings = [(1, 1), (2, 3), (3, 1), (5, 7), (8, 8), (64, 13), (1 << 20, Int.max)]

  private func read(_ kind: String, _ name: String, chunkSize: Int, maximumRead: Int) throws -> String {
    let url = Self.corpus.appendingPathComponent(kind).appendingPathComponent("\(name).\(kind)")
    let bytes = [UInt8](try Data(contentsOf: url))
    do {
      let outcomes =
        kind == "csv"
        ? try Support.csv(bytes: bytes, chunkSize: chunkSize, maximumRead: maximumRead)
        : try Support.jsonl(bytes: bytes, chunkSize: chunkSize, maximumRead: maximumRead)
      let lines = outcomes.map { outcome -> Int in
        switch outcome {
        case .row(let row): row.line
        case .failure(let error): error.line
        }
      }
      #expect(lines == lines.sorted() && Set(lines).count == lines.count, "lines increase: \(lines)")
      return Support.dump(outcomes)
    } catch let error as DataError {
      return "error: \(error)\n"
    }
  }

  @Test(arguments: csvFiles)
  func csvCorpus(_ name: String) throws {
    let whole = try read("csv", name, chunkSize: 1 << 20, maximumRead: .max)
    try Support.assertGolden(whole, named: "csv/\(name).txt")
    for (chunkSize, maximumRead) in Self.chunkings {
      #expect(try read("csv", name, chunkSize: chunkSize, maximumRead: maximumRead) == whole, "\(chunkSize)")
    }
  }

  @Test(arguments: jsonlFiles)
  func jsonlCorpus(_ name: String) throws {
    let whole = try read("jsonl", name, chunkSize: 1 << 20, maximumRead: .max)
    try Support.assertGolden(whole, named: "jsonl/\(name).txt")
    for (chunkSize, maximumRead) in Self.chunkings {
      #expect(
        try read("jsonl", name, chunkSize: chunkSize, maximumRead: maximumRead) == whole, "\(chunkSize)")
    }
  }
}
