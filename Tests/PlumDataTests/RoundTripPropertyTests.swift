import PlumModels
import Testing

@testable import PlumData

/// Randomly generated records, written as CSV and as JSON Lines, must read back to the same rows.
@Suite struct RoundTripPropertyTests {
  static let schema: RecordSchema = {
    do {
      return try RecordSchema(
        fields: [
          FieldSpec(path: "id", type: .string),
          FieldSpec(path: "n", type: .int),
          FieldSpec(path: "f", type: .float, isOptional: true),
          FieldSpec(path: "m", type: .money(scale: 3)),
          FieldSpec(path: "d", type: .date, isOptional: true),
          FieldSpec(path: "e", type: .enumeration(["red", "green", "blue"])),
          FieldSpec(path: "b", type: .bool),
          FieldSpec(path: "s", type: .string, isOptional: true),
          FieldSpec(path: "g.x", type: .int, isOptional: true),
          FieldSpec(path: "g.h.y", type: .string),
          FieldSpec(path: "g.h.z", type: .bool, isOptional: true),
        ],
        keyPath: "id")
    } catch {
      preconditionFailure("the test schema is valid: \(error)")
    }
  }()

  private static let alphabet: [String] = [
    "a", "b", "Z", "0", " ", ",", "\"", "\n", "\r\n", "\\", "/", "\t", "\u{1}", "é", "日", "🎉", "{", "}", "'",
  ]

  private static func randomString(_ generator: inout SplitMix64) -> String {
    let length = Int.random(in: 0...12, using: &generator)
    return (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }.joined()
  }

  private static func randomValue(_ field: FieldSpec, _ generator: inout SplitMix64) -> FieldValue? {
    if field.isOptional && Int.random(in: 0..<4, using: &generator) == 0 { return nil }
    switch field.type {
    case .bool: return .bool(Bool.random(using: &generator))
    case .int:
      let extremes: [Int64] = [.min, .max, 0, -1]
      if Int.random(in: 0..<8, using: &generator) == 0 {
        return .int(extremes[Int.random(in: 0..<4, using: &generator)])
      }
      return .int(Int64.random(in: -1_000_000...1_000_000, using: &generator))
    case .float:
      while true {
        let value =
          Bool.random(using: &generator)
          ? Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
          : Double(Int.random(in: -100_000...100_000, using: &generator)) / 100
        if value.isFinite { return .float(value) }
      }
    case .money(let scale):
      return .money(minorUnits: Int64.random(in: .min ... .max, using: &generator), scale: scale)
    case .string: return .string(randomString(&generator))
    case .date: return .date(daysSince1970: Int64.random(in: -719_162...2_932_896, using: &generator))
    case .enumeration(let cases):
      return .enumeration(caseIndex: Int.random(in: 0..<cases.count, using: &generator))
    }
  }

  /// A value's text in CSV or inside a JSON string, via the writer's own formatting.
  private static func text(_ value: FieldValue, _ field: FieldSpec) -> String {
    let writer = JSONLinesWriter()
    switch value {
    case .bool(let value): writer.append(bool: value)
    case .int(let value): writer.append(int: value)
    case .float(let value): writer.append(double: value)
    case .money(let minorUnits, let scale): writer.append(money: minorUnits, scale: scale)
    case .string(let value): return value
    case .date(let days):
      writer.append(date: days)
      return String(writer.text.dropFirst().dropLast())
    case .enumeration(let index):
      guard case .enumeration(let cases) = field.type else { return "" }
      return cases[index]
    }
    return writer.text
  }

  private static func csv(_ records: [[FieldValue?]], _ generator: inout SplitMix64) -> String {
    let fields = schema.fields
    var out = fields.map(\.path).joined(separator: ",") + (Bool.random(using: &generator) ? "\r\n" : "\n")
    for record in records {
      let cells = zip(record, fields).map { value, field -> String in
        guard let value else { return "" }
        let raw = text(value, field)
        let mustQuote =
          raw.isEmpty || raw.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) })
        if mustQuote || Int.random(in: 0..<5, using: &generator) == 0 {
          return "\"" + raw.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return raw
      }
      out += cells.joined(separator: ",") + (Bool.random(using: &generator) ? "\r\n" : "\n")
      if Int.random(in: 0..<10, using: &generator) == 0 { out += "\n" }
    }
    return out
  }

  /// Writes a record as a JSON object, nesting dotted paths, with keys in a shuffled order.
  private static func jsonl(_ records: [[FieldValue?]], _ generator: inout SplitMix64) -> String {
    let writer = JSONLinesWriter()
    indirect enum Node {
      case leaf(Int)
      case group([(String, Node)])
    }
    func build(_ prefix: [Substring], _ indices: [Int]) -> [(String, Node)] {
      var order: [String] = []
      var groups: [String: [Int]] = [:]
      var leaves: [String: Int] = [:]
      for index in indices {
        let components = schema.fields[index].components.dropFirst(prefix.count)
        let head = String(components.first ?? "")
        if !order.contains(head) { order.append(head) }
        if components.count == 1 { leaves[head] = index } else { groups[head, default: []].append(index) }
      }
      return order.map { head in
        if let leaf = leaves[head] { return (head, .leaf(leaf)) }
        let first = schema.fields[groups[head]?[0] ?? 0].components
        return (head, .group(build(Array(first.prefix(prefix.count + 1)), groups[head] ?? [])))
      }
    }
    let tree = build([], Array(schema.fields.indices))
    func write(_ members: [(String, Node)], _ record: [FieldValue?], _ generator: inout SplitMix64) {
      writer.append(byte: UInt8(ascii: "{"))
      var first = true
      for (key, node) in members.shuffled(using: &generator) {
        var value: FieldValue?
        if case .leaf(let index) = node {
          value = record[index]
          if value == nil && Bool.random(using: &generator) { continue }
        }
        if !first { writer.append(raw: Bool.random(using: &generator) ? "," : " , ") }
        first = false
        writer.append(jsonString: key)
        writer.append(byte: UInt8(ascii: ":"))
        switch node {
        case .group(let children): write(children, record, &generator)
        case .leaf(let index):
          guard let value else {
            writer.append(raw: "null")
            continue
          }
          switch value {
          case .string, .date, .enumeration: writer.append(jsonString: text(value, schema.fields[index]))
          default: writer.append(raw: text(value, schema.fields[index]))
          }
        }
      }
      writer.append(byte: UInt8(ascii: "}"))
    }
    for record in records {
      write(tree, record, &generator)
      writer.endLine()
      if Int.random(in: 0..<10, using: &generator) == 0 { writer.append(raw: "  \n") }
    }
    return writer.text
  }

  @Test(arguments: [1, 2, 3, 4, 5])
  func recordsSurviveCSVAndJSONLines(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let records = (0..<300).map { index -> [FieldValue?] in
      var values = Self.schema.fields.map { Self.randomValue($0, &generator) }
      values[0] = .string("k\(index)")
      return values
    }
    let csvText = Self.csv(records, &generator)
    let jsonText = Self.jsonl(records, &generator)
    for (chunkSize, maximumRead) in [(1 << 20, Int.max), (7, 5), (64, 1000), (1, 1)] {
      let fromCSV = Support.rows(
        try Support.csv(csvText, schema: Self.schema, chunkSize: chunkSize, maximumRead: maximumRead))
      #expect(fromCSV.map { $0.values(in: Self.schema) } == records, "csv \(chunkSize)")
      let fromJSON = Support.rows(
        try Support.jsonl(jsonText, schema: Self.schema, chunkSize: chunkSize, maximumRead: maximumRead))
      #expect(fromJSON.map { $0.values(in: Self.schema) } == records, "jsonl \(chunkSize)")
    }
  }
}
