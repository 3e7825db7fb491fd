import Foundation
import PlumModels
import Testing

@testable import PlumData

@Suite struct JSONLinesWriterTests {
  @Test func escapesStrings() {
    let writer = JSONLinesWriter()
    writer.append(jsonString: "plain \"quoted\" back\\slash\n\r\t\u{8}\u{C}\u{0}\u{1F}\u{7F} é 日本 🎉 /")
    #expect(
      writer.text == #""plain \"quoted\" back\\slash\n\r\t\b\f\u0000\u001f"# + "\u{7F} é 日本 🎉 /\"")
  }

  @Test func escapedStringsReadBackThroughTheReader() throws {
    let schema = try RecordSchema(fields: [FieldSpec(path: "s", type: .string)])
    var generator = SplitMix64(seed: 99)
    var expected: [String] = []
    let writer = JSONLinesWriter()
    for _ in 0..<500 {
      let scalars = (0..<Int.random(in: 0...20, using: &generator)).compactMap { _ in
        Unicode.Scalar(UInt32.random(in: 0...0x2FF, using: &generator))
      }
      let text = String(String.UnicodeScalarView(scalars))
      expected.append(text)
      writer.append(raw: #"{"s":"#)
      writer.append(jsonString: text)
      writer.append(byte: UInt8(ascii: "}"))
      writer.endLine()
    }
    let rows = Support.rows(try Support.jsonl(writer.text, schema: schema))
    #expect(rows.map { $0.strings[0] } == expected)
  }

  @Test func writesNumbersBoolsMoneyAndDates() {
    let writer = JSONLinesWriter()
    writer.append(int: 0)
    writer.append(byte: 32)
    writer.append(int: -42)
    writer.append(byte: 32)
    writer.append(int: .min)
    writer.append(byte: 32)
    writer.append(int: .max)
    writer.append(byte: 32)
    writer.append(bool: true)
    writer.append(byte: 32)
    writer.append(bool: false)
    writer.append(byte: 32)
    writer.append(money: 123_450, scale: 2)
    writer.append(byte: 32)
    writer.append(money: -5, scale: 2)
    writer.append(byte: 32)
    writer.append(money: 7, scale: 0)
    writer.append(byte: 32)
    writer.append(money: .min, scale: 3)
    writer.append(byte: 32)
    writer.append(date: 20_780)
    writer.append(byte: 32)
    writer.append(date: -719_162)
    writer.append(byte: 32)
    writer.append(date: .max)
    #expect(
      writer.text
        == "0 -42 -9223372036854775808 9223372036854775807 true false 1234.50 -0.05 7 -9223372036854775.808 "
        + "\"2026-11-23\" \"0001-01-01\" null")
  }

  @Test func doublesAreShortestAndRoundTrip() {
    func written(_ value: Double) -> String {
      let writer = JSONLinesWriter()
      writer.append(double: value)
      return writer.text
    }
    #expect(written(0.1) == "0.1")
    #expect(written(1) == "1.0")
    #expect(written(-0.0) == "-0.0")
    #expect(written(1e-5) == "1e-05")
    #expect(written(1e16) == "1e+16")
    #expect(written(123_456_789_012_345) == "123456789012345.0")
    #expect(written(.nan) == "null")
    #expect(written(.infinity) == "null")
    #expect(written(-.infinity) == "null")
    var generator = SplitMix64(seed: 3)
    for index in 0..<20_000 {
      let value =
        index % 2 == 0
        ? Double(bitPattern: generator.next())
        : Double(Int64.random(in: -1 << 53...1 << 53, using: &generator)) / [1, 10, 1e3, 1e7][index % 4]
      guard value.isFinite else { continue }
      let text = written(value)
      #expect(Double(text)?.bitPattern == value.bitPattern, "\(text)")
      #expect(text == value.description, "\(text)")
    }
  }

  @Test func outputIsDeterministic() {
    func render() -> [UInt8] {
      let writer = JSONLinesWriter()
      for index in 0..<1000 {
        writer.append(raw: #"{"i":"#)
        writer.append(int: Int64(index))
        writer.append(raw: #","x":"#)
        writer.append(double: Double(index) / 7)
        writer.append(raw: #","s":"#)
        writer.append(jsonString: "r\(index)\n")
        writer.append(byte: UInt8(ascii: "}"))
        writer.endLine()
      }
      return writer.bytes
    }
    #expect(render() == render())
  }

  @Test func writesToAFileDescriptorInBlocks() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("plum-writer-\(getpid()).jsonl")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    let handle = try #require(FileHandle(forWritingAtPath: path))
    let writer = JSONLinesWriter(fileHandle: handle, bufferSize: 100)
    var expected = ""
    let long = String(repeating: "z", count: 1000)
    for index in 0..<200 {
      writer.append(jsonString: "line \(index)")
      if index % 50 == 0 {
        writer.append(raw: long)
        expected += "\"line \(index)\"" + long + "\n"
      } else {
        expected += "\"line \(index)\"\n"
      }
      writer.endLine()
    }
    try writer.flush()
    try handle.close()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
  }

  @Test func reportsWriteFailuresOnFlush() {
    let writer = JSONLinesWriter(fileDescriptor: -1, bufferSize: 64)
    writer.append(raw: "{}")
    writer.endLine()
    #expect(throws: DataError.writeFailed(errno: EBADF)) { try writer.flush() }
  }
}
