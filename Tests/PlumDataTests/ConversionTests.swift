import PlumModels
import Testing

@testable import PlumData

@Suite struct ConversionTests {
  private func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    Array(text.utf8).withUnsafeBufferPointer(body)
  }

  private func int(_ text: String, plus: Bool = true) -> String {
    withBytes(text) { bytes in
      switch IntegerText.parse(bytes, allowsPlus: plus) {
      case .value(let value): "\(value)"
      case .invalid: "invalid"
      case .overflow: "overflow"
      }
    }
  }

  @Test func integers() {
    #expect(int("0") == "0")
    #expect(int("-42") == "-42")
    #expect(int("+7") == "7")
    #expect(int("+7", plus: false) == "invalid")
    #expect(int("9223372036854775807") == "9223372036854775807")
    #expect(int("-9223372036854775808") == "-9223372036854775808")
    #expect(int("9223372036854775808") == "overflow")
    #expect(int("-9223372036854775809") == "overflow")
    #expect(int("99999999999999999999999") == "overflow")
    #expect(int("12a") == "invalid")
    #expect(int("99999999999999999999x") == "invalid")
    #expect(int("") == "invalid")
    #expect(int("-") == "invalid")
    #expect(int(" 1") == "invalid")
  }

  private func money(_ text: String, scale: Int = 2) -> String {
    withBytes(text) { bytes in
      switch DecimalText.parse(bytes, scale: scale) {
      case .value(let value): "\(value)"
      case .invalid: "invalid"
      case .tooPrecise: "too precise"
      case .overflow: "overflow"
      }
    }
  }

  @Test func moneyIsExactInMinorUnits() {
    #expect(money("1234.5") == "123450")
    #expect(money("1234.56") == "123456")
    #expect(money("0.01") == "1")
    #expect(money("-0.05") == "-5")
    #expect(money("7") == "700")
    #expect(money("7.") == "700")
    #expect(money(".5") == "50")
    #expect(money("+3.10") == "310")
    #expect(money("0.1") == "10")
    #expect(money("1.234") == "too precise")
    #expect(money("1.230") == "123")
    #expect(money("1.0000000000000000000000000000") == "100")
    #expect(money("1.5e2") == "15000")
    #expect(money("12300e-4") == "123")
    #expect(money("12345e-5") == "too precise")
    #expect(money("92233720368547758.07") == "9223372036854775807")
    #expect(money("-92233720368547758.08") == "-9223372036854775808")
    #expect(money("92233720368547758.08") == "overflow")
    #expect(money("1e30") == "overflow")
    #expect(money("0e999999") == "0")
    #expect(money("12", scale: 0) == "12")
    #expect(money("12.5", scale: 0) == "too precise")
    #expect(money("1.2.3") == "invalid")
    #expect(money("abc") == "invalid")
    #expect(money(".") == "invalid")
    #expect(money("1e") == "invalid")
    #expect(money("") == "invalid")
  }

  private func float(_ text: String) -> Double? {
    withBytes(text) { bytes in
      if case .value(let value) = FloatText.parse(bytes) { return value }
      return nil
    }
  }

  @Test func floatsAreCorrectlyRounded() {
    let cases = [
      "0", "-0", "1", "0.1", "0.2", "0.3", "1.5", "-2.25", "123456.789", "1e10", "1E-5", "2.5e+3",
      "9007199254740993", "9007199254740992.5", "0.30000000000000004", "4.9406564584124654e-324",
      "2.2250738585072011e-308", "1.7976931348623157e308", "123456789012345678901234567890",
      "0.000000000000000000000000000000001", "3.14159265358979323846264338327950288", "1e23", "8.5e37",
      "1e-400",
    ]
    for text in cases {
      #expect(float(text) == Double(text), "\(text)")
    }
    #expect(float("-0")?.sign == .minus)
    #expect(float(".5") == 0.5)
    #expect(float("5.") == 5)
    #expect(float("+1.5") == 1.5)
    #expect(float("1e400") == nil)
    #expect(float("nan") == nil)
    #expect(float("inf") == nil)
    #expect(float("1.2.3") == nil)
    #expect(float("") == nil)
  }

  @Test func floatsMatchTheStandardLibraryOnRandomDecimals() {
    var generator = SplitMix64(seed: 7)
    for _ in 0..<20_000 {
      let digits = Int.random(in: 1...20, using: &generator)
      var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
      let point = Int.random(in: 0...digits, using: &generator)
      text.insert(".", at: text.index(text.startIndex, offsetBy: point))
      if text.hasPrefix(".") { text = "0" + text }
      if Bool.random(using: &generator) { text += "e\(Int.random(in: -40...40, using: &generator))" }
      #expect(float(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
    }
  }

  private func date(_ text: String) -> Int64? {
    withBytes(text) { CivilDate.parse($0) }
  }

  @Test func datesAreValidatedAndCountedFrom1970() {
    #expect(date("1970-01-01") == 0)
    #expect(date("1970-01-02") == 1)
    #expect(date("1969-12-31") == -1)
    #expect(date("2000-03-01") == 11_017)
    #expect(date("2026-11-23") == 20_780)
    #expect(date("2024-02-29") != nil)
    #expect(date("2000-02-29") != nil)
    #expect(date("1900-02-29") == nil)
    #expect(date("2023-02-29") == nil)
    #expect(date("2023-04-31") == nil)
    #expect(date("2023-13-01") == nil)
    #expect(date("2023-00-10") == nil)
    #expect(date("0000-01-01") == nil)
    #expect(date("2023-1-01") == nil)
    #expect(date("2023/01/01") == nil)
    #expect(date("20230101") == nil)
    for days in stride(from: Int64(-800_000), through: 2_900_000, by: 997) {
      let (year, month, day) = CivilDate.components(days)
      #expect(CivilDate.days(year: year, month: month, day: day) == days)
    }
  }

  @Test func utf8Validation() {
    func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { UTF8Text.isValid($0) } }
    #expect(valid(Array("plain ascii text, long enough for words".utf8)))
    #expect(valid(Array("héllo wörld — 日本語 🎉".utf8)))
    #expect(!valid([0x61, 0x80]))
    #expect(!valid([0xC0, 0xAF]))
    #expect(!valid([0xED, 0xA0, 0x80]))
    #expect(!valid([0xF4, 0x90, 0x80, 0x80]))
    #expect(!valid([0xE2, 0x82]))
    #expect(!valid(Array("abcdefgh".utf8) + [0xFF]))
  }

  @Test func moneyFormatting() {
    #expect(MoneyText.format(minorUnits: 123_450, scale: 2) == "1234.50")
    #expect(MoneyText.format(minorUnits: -5, scale: 2) == "-0.05")
    #expect(MoneyText.format(minorUnits: 42, scale: 0) == "42")
    #expect(MoneyText.format(minorUnits: Int64.min, scale: 2) == "-92233720368547758.08")
  }
}
