import Foundation
import Testing

@testable import PlumData

/// The record size limit is exact, and a record over it is skipped whole: its inside never becomes
/// records of its own.
@Suite struct RecordSizeLimitTests {
  let schema = Support.loyaltySchema
  let header = "id,age,tier,spend,score,last_order,consent.marketing,note\n"
  let prefix = "p1,30,gold,1,,,true,"

  @Test(arguments: [64, 4096, 1 << 20])
  func csvAcceptsARecordOfExactlyTheLimitAndNoMore(chunkSize: Int) throws {
    for (extra, ending) in [(0, "\n"), (0, "\r\n"), (1, "\n"), (1, "\r\n"), (0, ""), (1, "")] {
      let note = String(repeating: "x", count: 1000 - prefix.utf8.count + extra)
      let text = header + prefix + note + ending + (ending.isEmpty ? "" : "p2,30,gold,1,,,true,ok\n")
      let outcomes = try Support.csv(
        bytes: Array(text.utf8), chunkSize: chunkSize, maximumRecordSize: 1000)
      let errors = Support.errors(outcomes)
      #expect(outcomes.count == (ending.isEmpty ? 1 : 2))
      if extra == 0 {
        #expect(errors[0] == nil, "\(extra) \(ending.debugDescription)")
      } else {
        #expect(errors[0]?.message == "record is longer than 1000 bytes")
        #expect(errors[0]?.line == 2)
      }
      if !ending.isEmpty { #expect(errors[1] == nil) }
    }
  }

  /// A quoted field opened on the last line and never closed makes the rest of the input one
  /// record: over the limit it is the too-long record, whether the reader saw the end of the input
  /// at once or in small reads (a read in pieces reaches the limit before it sees the end).
  @Test func csvUnterminatedLastRecordOverTheLimitIsTooLongHoweverItIsRead() throws {
    for extra in [-1, 0, 1, 2, 40] {
      let open = "p2,30,gold,1,,,true,\""
      let text =
        header + prefix + "ok\n" + open + String(repeating: "x", count: 100 - open.utf8.count + extra)
      var dumps: [String] = []
      for (chunkSize, maximumRead) in [(1 << 20, Int.max), (64, 2), (8, 1), (100, 7)] {
        let outcomes = try Support.csv(
          bytes: Array(text.utf8), chunkSize: chunkSize, maximumRead: maximumRead, maximumRecordSize: 100)
        let errors = Support.errors(outcomes)
        #expect(outcomes.count == 2)
        #expect(errors[0] == nil)
        #expect(
          errors[1]?.message
            == (extra > 0 ? "record is longer than 100 bytes" : "unterminated quoted field"), "\(extra)")
        #expect(errors[1]?.line == 3)
        dumps.append(Support.dump(outcomes))
      }
      #expect(Set(dumps).count == 1, "\(extra): \(dumps)")
    }
  }

  @Test(arguments: [64, 4096, 1 << 20])
  func jsonLinesAcceptsARecordOfExactlyTheLimitAndNoMore(chunkSize: Int) throws {
    let record = #"{"id":"p1","age":30,"tier":"gold","spend":1,"consent":{"marketing":true},"note":""#
    for (extra, ending) in [(0, "\n"), (0, "\r\n"), (1, "\n"), (1, "\r\n"), (0, ""), (1, "")] {
      let note = String(repeating: "x", count: 1000 - record.utf8.count - 2 + extra)
      let next = #"{"id":"p2","age":30,"tier":"gold","spend":1,"consent":{"marketing":true}}"#
      let text = record + note + "\"}" + ending + (ending.isEmpty ? "" : next + "\n")
      let outcomes = try Support.jsonl(
        bytes: Array(text.utf8), chunkSize: chunkSize, maximumRecordSize: 1000)
      let errors = Support.errors(outcomes)
      #expect(outcomes.count == (ending.isEmpty ? 1 : 2))
      if extra == 0 {
        #expect(errors[0] == nil, "\(extra) \(ending.debugDescription)")
      } else {
        #expect(errors[0]?.message == "record is longer than 1000 bytes")
      }
      if !ending.isEmpty {
        #expect(errors[1] == nil)
        #expect(Support.rows([outcomes[1]]).first?.line == 2)
      }
    }
  }

  @Test(arguments: [64, 1 << 20])
  func anOversizedQuotedFieldIsSkippedWholeAndInventsNoRecords(chunkSize: Int) throws {
    // Lines inside the field look like records; none of them may be read as one.
    let inside = String(repeating: "p9,30,gold,1,,,true,\"\"500 points\"\"\n", count: 100)
    let text = header + prefix + "\"" + inside + "end\"\n" + "p2,30,gold,1,,,true,ok\n"
    let outcomes = try Support.csv(bytes: Array(text.utf8), chunkSize: chunkSize, maximumRecordSize: 1000)
    #expect(outcomes.count == 2)
    let error = try #require(Support.errors(outcomes)[0])
    #expect(error.message == "record is longer than 1000 bytes")
    #expect(error.line == 2)
    let row = try #require(Support.rows([outcomes[1]]).first)
    #expect(row.value(ofField: 0, in: schema) == .string("p2"))
    #expect(row.line == 103)
  }

  @Test func anOversizedUnquotedLineIsSkippedToItsEnd() throws {
    let text = header + prefix + String(repeating: "y", count: 5000) + "\r\np2,30,gold,1,,,true,ok\n"
    let outcomes = try Support.csv(bytes: Array(text.utf8), chunkSize: 64, maximumRecordSize: 1000)
    #expect(Support.errors(outcomes).map { $0?.message } == ["record is longer than 1000 bytes", nil])
    #expect(Support.rows([outcomes[1]]).first?.line == 3)
  }

  /// Records of `count` plain lines, `p2` onwards.
  private func plainRecords(_ count: Int) -> String {
    (2...(count + 1)).map { "p\($0),30,gold,1,,,true,ok\n" }.joined()
  }

  @Test func aStrayQuoteRunningPastTheLimitCostsOnlyItsLine() throws {
    let text = header + prefix + "\"oops\n" + plainRecords(100)
    let outcomes = try Support.csv(bytes: Array(text.utf8), chunkSize: 64, maximumRecordSize: 1000)
    #expect(outcomes.count == 101)
    let error = try #require(Support.errors(outcomes)[0])
    #expect(error.message == "unterminated quoted field")
    #expect(error.line == 2)
    #expect(error.field == "note")
    let rows = Support.rows(Array(outcomes.dropFirst()))
    #expect(rows.map(\.line) == Array(3...102))
  }

  @Test func aStrayQuoteClosedFarAwayPastTheLimitCostsOnlyItsLine() throws {
    let text = header + prefix + "\"oops\n" + plainRecords(100) + "p102,30,gold,1,,,true,\"late\"\n"
    let outcomes = try Support.csv(bytes: Array(text.utf8), chunkSize: 64, maximumRecordSize: 1000)
    #expect(outcomes.count == 102)
    #expect(
      Support.errors(outcomes)[0]?.message
        == "quoted field spans lines and the record does not fit the header")
    #expect(Support.rows(Array(outcomes.dropFirst())).count == 101)
  }

  @Test func onAPipeAStrayQuotePastTheLimitNamesTheLinesItCost() throws {
    let text = header + prefix + "\"oops\n" + plainRecords(100) + "p102,30,gold,1,,,true,\"late\"\n"
    let reader = try CSVReader(
      schema: schema, source: PipeSource(MemorySource(text: text, maximumReadSize: 64)),
      options: ReaderOptions(chunkSize: 64, maximumRecordSize: 1000))
    let outcomes = try reader.readAll()
    #expect(outcomes.count == 1)
    #expect(
      Support.errors(outcomes)[0]?.message
        == "quoted field spans lines and the record does not fit the header; "
        + "the input cannot be read again, so lines 3-103 were skipped")
  }

  @Test func csvHeaderOverTheLimitIsAFileError() {
    let header = "id,age,tier,spend,score,last_order,consent.marketing,note,"
    let fits = header + String(repeating: "z", count: 100 - header.utf8.count)
    #expect(throws: Never.self) {
      _ = try Support.csv(bytes: Array((fits + "\n").utf8), maximumRecordSize: 100)
    }
    #expect(throws: DataError.malformedHeader(reason: "longer than 100 bytes")) {
      _ = try Support.csv(bytes: Array((fits + "z\n").utf8), maximumRecordSize: 100)
    }
  }

  /// The real limit, 64 MiB, holds to the byte; the bytes are made as they are read.
  @Test(arguments: [0, 1])
  func theDefaultLimitIsSixtyFourMebibytesExactly(extra: Int) throws {
    let header = "id,age,tier,spend,score,last_order,consent.marketing,note,blob\n"
    let prefix = "p1,30,gold,1,,,true,,"
    let blob = (64 << 20) - prefix.utf8.count + extra
    let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 16)
    let source = GeneratedSource(parts: [
      (Array((header + prefix).utf8), 1), (block, blob >> 16), (Array(block[0..<(blob & 0xFFFF)]), 1),
      (Array("\np2,30,gold,1,,,true,,b\n".utf8), 1),
    ])
    let reader = try CSVReader(schema: schema, source: source)
    let outcomes = try reader.readAll()
    #expect(outcomes.count == 2)
    let errors = Support.errors(outcomes)
    #expect(errors[0]?.message == (extra == 0 ? nil : "record is longer than 67108864 bytes"))
    #expect(errors[1] == nil)
  }
}

/// A source that cannot be rewound, like a pipe.
private struct PipeSource: ByteSource {
  var inner: MemorySource

  init(_ inner: MemorySource) { self.inner = inner }

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    try inner.read(into: buffer)
  }
}

/// A source that produces each part's bytes repeated a number of times, without holding them.
private struct GeneratedSource: ByteSource {
  let parts: [(bytes: [UInt8], count: Int)]
  private var part = 0
  private var repetition = 0
  private var offset = 0

  init(parts: [([UInt8], Int)]) {
    self.parts = parts.filter { !$0.0.isEmpty && $0.1 > 0 }.map { (bytes: $0.0, count: $0.1) }
  }

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    var written = 0
    while written < buffer.count && part < parts.count {
      let bytes = parts[part].bytes
      let count = min(buffer.count - written, bytes.count - offset)
      bytes.withUnsafeBytes { from in
        guard let from = from.baseAddress, let to = buffer.baseAddress else { return }
        (to + written).copyMemory(from: from + offset, byteCount: count)
      }
      written += count
      offset += count
      if offset == bytes.count {
        offset = 0
        repetition += 1
        if repetition == parts[part].count {
          repetition = 0
          part += 1
        }
      }
    }
    return written
  }
}

@Suite struct RecordSizeLimitFileTests {
  @Test func aFileIsReadAgainAfterAStrayQuotePastTheLimit() throws {
    var text = "id,age,tier,spend,score,last_order,consent.marketing,note\np1,30,gold,1,,,true,\"oops\n"
    for number in 2...101 { text += "p\(number),30,gold,1,,,true,ok\n" }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("plum-stray-\(getpid()).csv")
      .path
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try CSVReader(
      schema: Support.loyaltySchema, path: path,
      options: ReaderOptions(chunkSize: 64, maximumRecordSize: 1000))
    let outcomes = try reader.readAll()
    #expect(outcomes.count == 101)
    #expect(Support.errors(outcomes)[0]?.message == "unterminated quoted field")
    #expect(Support.rows(Array(outcomes.dropFirst())).map(\.line) == Array(3...102))
  }
}
