import Testing

@testable import PlumServer

private func scan(_ text: String) -> Result<RequestRecords, RequestRecords.Malformed> {
  Array(text.utf8).withUnsafeBufferPointer { RequestRecords.scan($0) }
}

/// The records' texts and lines, or the failure.
private func texts(_ text: String) -> [String] {
  let bytes = Array(text.utf8)
  switch scan(text) {
  case .success(let found):
    return found.records.map { "\($0.line):" + String(decoding: bytes[$0.range], as: UTF8.self) }
  case .failure(let malformed):
    return ["error \(malformed.line):\(malformed.column) \(malformed.message)"]
  }
}

@Suite struct RequestRecordsTests {
  @Test func findsOneObjectEvenOverSeveralLines() throws {
    #expect(try scan("{\"a\": 1}\n").get().shape == .single)
    #expect(texts("\n  {\n \"a\": {\"b\": [1, 2]}\n}\n") == ["2:{\n \"a\": {\"b\": [1, 2]}\n}"])
  }

  @Test func takesOneLineAsOneRecordEvenWhenItIsNotJSON() throws {
    #expect(try scan("{\"a\": 1} trailing\n").get().shape == .single)
    #expect(texts("{\"a\": ") == ["1:{\"a\":"])
  }

  @Test func splitsJSONLinesAsPlumRunDoes() throws {
    let body = "{\"a\":1}\n\n  \n{\"a\":2}\r\n{\"a\":\n"
    #expect(try scan(body).get().shape == .lines)
    #expect(texts(body) == ["1:{\"a\":1}", "4:{\"a\":2}\r", "5:{\"a\":"])
  }

  @Test func findsArrayElementsWithBracketsInStrings() throws {
    let body = "[{\"a\":\"]}\\\"[\"},\n {\"b\":[{}]} ]"
    #expect(try scan(body).get().shape == .array)
    #expect(texts(body) == ["1:{\"a\":\"]}\\\"[\"}", "2:{\"b\":[{}]}"])
    #expect(texts("[]") == [])
    #expect(texts("[1, \"x\"]") == ["1:1", "1:\"x\""])
  }

  @Test(arguments: [
    ("[{\"a\":1}", "error 1:9 the array is not closed"),
    ("[{\"a\":1} {\"b\":2}]", "error 1:10 expected `,` or `]` after an array element"),
    ("[{\"a\":1}] x", "error 1:11 unexpected text after the array"),
    ("[{\"a\":[1}", "error 1:2 an array element is not complete JSON"),
    ("  \n ", "error 1:1 the body holds no record"),
    // Found by the http fuzz target: an empty element was a record of no bytes.
    ("[1,]", "error 1:4 an array element is missing"),
    ("[ , 1]", "error 1:3 an array element is missing"),
    ("[1,\n,2]", "error 2:1 an array element is missing"),
  ])
  func reportsBrokenFraming(body: String, expected: String) {
    #expect(texts(body) == [expected])
  }

  @Test func copesWithDeepNestingWithoutRecursion() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(try scan("[" + deep + "]").get().records.count == 1)
    #expect(try scan("{\"a\":" + deep + "}").get().shape == .single)
    #expect(
      texts(String(repeating: "[", count: 100_000)) == ["error 1:2 an array element is not complete JSON"])
  }
}
