import Foundation
import PlumModels
import PlumTestSupport
import Testing

@testable import PlumCLI

/// One field value as CSV text and as JSON text; nil JSON leaves the key out.
private struct Cell {
  var csv: String
  var json: String?

  static func text(_ value: String) -> Cell { Cell(csv: csvQuoted(value), json: jsonQuoted(value)) }
  static func number(_ value: String) -> Cell { Cell(csv: value, json: value) }
  static let missing = Cell(csv: "", json: "null")
  static let absent = Cell(csv: "", json: nil)

  private static func csvQuoted(_ value: String) -> String {
    value.contains(",") || value.contains("\"")
      ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
  }

  private static func jsonQuoted(_ value: String) -> String {
    "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }
}

/// Random winback members, a few of them malformed, written as CSV and as JSON Lines.
private struct MemberGenerator {
  var random: SplitMix64
  static let columns = [
    "id", "age", "country", "tier", "orders_90d", "spend_90d", "last_order", "gender", "email",
    "consent.marketing", "consent.profiling",
  ]

  /// The cells of one member, in `columns` order; about one in eight has one bad value.
  mutating func member(_ number: Int) -> [Cell] {
    let day = 1 + random.below(28)
    var cells: [Cell] = [
      .text("m\(number)"),
      .number(String(10 + random.below(70))),
      .text(random.pick(["FR", "BE", "DE", "NL", "US", "Zoë, \"UK\""])),
      .text(random.pick(["bronze", "silver", "gold", "platinum"])),
      .number(String(random.chance(30) ? 0 : random.below(40))),
      spend(),
      random.chance(15)
        ? random.pick([Cell.missing, Cell.absent])
        : .text(
          "202\(5 + random.below(2))-\(random.pick(["01", "03", "07", "10", "11"]))-\(day < 10 ? "0" : "")\(day)"
        ),
      .text(random.pick(["female", "male", "non-binary, other"])),
      .text(random.chance(10) ? "o\"brien\(number)@example.org" : "member\(number)@example.org"),
      .number(random.chance(85) ? "true" : "false"),
      .number(random.chance(50) ? "true" : "false"),
    ]
    if random.chance(12) {
      let malformed: [(Int, Cell)] = [
        (1, .missing), (1, .number("9223372036854775808")), (3, .text("purple")),
        (5, .number("1.234")), (6, .text("2026-02-30")), (9, .missing), (4, .absent),
      ]
      let (column, cell) = random.pick(malformed)
      cells[column] = cell
    }
    return cells
  }

  /// Money as a number or as decimal text, which JSON Lines both accept.
  private mutating func spend() -> Cell {
    let text = "\(random.below(5_000)).\(random.below(10))\(random.below(10))"
    return random.chance(50) ? .number(text) : Cell(csv: text, json: "\"\(text)\"")
  }

  static func csv(_ members: [[Cell]]) -> String {
    (columns.joined(separator: ",") + "\n")
      + members.map { $0.map(\.csv).joined(separator: ",") + "\n" }.joined()
  }

  static func jsonLines(_ members: [[Cell]]) -> String {
    members.map { cells in
      var top: [String] = []
      var consent: [String] = []
      for (column, cell) in zip(columns, cells) {
        guard let json = cell.json else { continue }
        if column.hasPrefix("consent.") {
          consent.append("\"\(column.dropFirst(8))\":\(json)")
        } else {
          top.append("\"\(column)\":\(json)")
        }
      }
      top.append("\"consent\":{" + consent.joined(separator: ",") + "}")
      return "{" + top.joined(separator: ",") + "}\n"
    }.joined()
  }
}

/// The same records decide the same way from CSV and from JSON Lines: decisions byte for byte, and
/// record errors alike but for their line (CSV counts its header line).
struct FormatAgreementTests {
  private static let policy = inspectPath("examples/winback/winback.plum")

  private static func run(_ data: String, named name: String, explain: Bool) -> (PlumCLI.ExitStatus, [String])
  {
    let io = CapturedIO(files: [name: data])
    var arguments = ["run", policy, name, "--as-of", "2026-11-23"]
    if explain { arguments.append("--explain") }
    let status = PlumCommand.run(arguments, io: io)
    return (status, io.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
  }

  /// A CSV error line with its line number moved back by the header.
  private static func withoutHeaderLine(_ line: String) -> String {
    guard line.contains("\"error\":"),
      let range = line.range(of: #""line":[0-9]+"#, options: .regularExpression)
    else { return line }
    let number = Int(line[range].dropFirst(7)) ?? 0
    return line.replacingCharacters(in: range, with: "\"line\":\(number - 1)")
  }

  @Test(arguments: [(20_261_126, false), (7, true), (99, false)])
  func csvAndJSONLinesGiveTheSameDecisions(seed: UInt64, explain: Bool) {
    var generator = MemberGenerator(random: SplitMix64(seed: seed))
    let members = (1...300).map { generator.member($0) }
    let (csvStatus, csv) = Self.run(MemberGenerator.csv(members), named: "members.csv", explain: explain)
    let (jsonStatus, json) = Self.run(
      MemberGenerator.jsonLines(members), named: "members.jsonl", explain: explain)
    #expect(csvStatus == jsonStatus)
    // The generator makes some bad records, and most are decided.
    #expect(csvStatus == .findings)
    #expect(csv.count == 301)
    let errors = csv.filter { $0.contains("\"error\":") }.count
    #expect(errors > 10 && errors < 100, "\(errors) errors")
    #expect(csv.filter { $0.contains("\"rewards\":[{") }.count > 20)
    #expect(csv.count == json.count)
    for (index, (fromCSV, fromJSON)) in zip(csv, json).enumerated() {
      #expect(Self.withoutHeaderLine(fromCSV) == fromJSON, "record \(index + 1)")
    }
  }
}
