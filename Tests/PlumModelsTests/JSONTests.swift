import Testing

@testable import PlumModels

@Test func parsesEscapesUnicodeAndNumbers() throws {
  let text = #"{"a": "q\"\\\/\n\u00e9\ud83d\ude00", "b": [-0.5e-3, 12, 1E2, true, false, null], "c": {}}"#
  let value = try JSONParser.parse(Array(text.utf8))
  #expect(value["a"] == .string("q\"\\/\né😀"))
  #expect(
    value["b"] == .array([.number(-0.0005), .number(12), .number(100), .bool(true), .bool(false), .null]))
  #expect(value["c"] == .object([]))
}

@Test(arguments: [
  "", "{", "[1,]", "{\"a\" 1}", "01x", "[1 2]", "\"abc", "\"\\x\"", "tru", "-", "1.", "1e", "[1e999]",
  "{\"a\":1} x", "\"\u{01}\"",
])
func rejectsMalformedJSON(text: String) {
  #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
}

@Test func deepNestingIsAnErrorNotACrash() {
  let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
  #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
}

@Test func writerRoundTripsStringsAndNumbersExactly() throws {
  let value = JSONValue.object([
    ("text", .string("tab\t quote\" back\\ bell\u{07} é")),
    ("numbers", .array([.number(0.1), .number(-1e-300), .number(1.7976931348623157e308), .number(42)])),
    ("nested", .array([.object([("x", .null)]), .array([])])),
  ])
  let written = JSONWriter.write(value)
  #expect(try JSONParser.parse(Array(written.utf8)) == value)
  #expect(written.contains("\"numbers\": [0.1, -1e-300, 1.7976931348623157e+308, 42]"))
}
