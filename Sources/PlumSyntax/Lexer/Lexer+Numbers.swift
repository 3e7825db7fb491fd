import PlumDiagnostics

extension Lexer {
  /// What may follow a number and change its kind: `15%`, `10.50 EUR`, `30 days`.
  enum NumberSuffix {
    case none
    case percent
    case currency(String)
    case duration(daysPerUnit: Int64)
  }

  /// Lexes an int, float, percentage, money amount, duration or date.
  mutating func lexNumber() {
    let start = position
    if isDateShape(at: start) {
      lexDate()
      return
    }
    var problem: String?
    var isFloat = false
    var hasExponent = false
    skipDigits()
    let integerEnd = position
    var fractionRange = integerEnd..<integerEnd
    if peek() == UInt8(ascii: ".") {
      if let next = peek(1), next.isASCIIDigit {
        position += 1
        let fractionStart = position
        skipDigits()
        fractionRange = fractionStart..<position
        isFloat = true
      } else {
        position += 1
        problem = "expected digits after the decimal point"
      }
    }
    if let marker = peek(), marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
      let signed = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
      if let digit = peek(signed ? 2 : 1), digit.isASCIIDigit {
        position += signed ? 2 : 1
        skipDigits()
        isFloat = true
        hasExponent = true
      }
    }
    if let byte = peek(), byte.isIdentifierContinue {
      while let byte = peek(), byte.isIdentifierContinue { position += 1 }
      problem = problem ?? "a number cannot run into letters"
    }
    let numberEnd = position
    if problem == nil { problem = underscoreProblem(start, numberEnd) }
    let suffix = lexNumberSuffix()
    let written = text(start, numberEnd)
    if let problem {
      report(
        LexerDiagnostics.malformedNumber, "malformed number `\(displayed(written))`: \(problem)",
        at: SourceRange(start: start, end: numberEnd))
      emit(.invalid, from: start)
      return
    }
    let digits = written.filter { $0 != "_" }
    let kind: Token.Kind?
    switch suffix {
    case .percent:
      kind = finiteDouble(digits, written, start, numberEnd).map { .percent($0) }
    case .currency(let code):
      kind = money(
        integer: text(start, integerEnd), fraction: text(fractionRange.lowerBound, fractionRange.upperBound),
        code: code, hasExponent: hasExponent, start: start)
    case .duration(let daysPerUnit):
      kind = duration(digits, isFloat: isFloat, daysPerUnit: daysPerUnit, start: start, numberEnd: numberEnd)
    case .none where isFloat:
      kind = finiteDouble(digits, written, start, numberEnd).map { .float($0) }
    case .none:
      kind = integer(digits, written, start, numberEnd).map { .int($0) }
    }
    emit(kind ?? .invalid, from: start)
  }

  mutating func skipDigits() {
    while let byte = peek(), byte.isASCIIDigit || byte == UInt8(ascii: "_") { position += 1 }
  }

  /// Every `_` must sit between two digits: `1_000` but not `1__0`, `1_` or `1_.5`.
  func underscoreProblem(_ start: Int, _ stop: Int) -> String? {
    for index in start..<stop where bytes[index] == UInt8(ascii: "_") {
      let before = bytes[index - 1]
      let after = index + 1 < stop ? bytes[index + 1] : 0
      if !before.isASCIIDigit || !after.isASCIIDigit {
        return "`_` may only separate digits"
      }
    }
    return nil
  }

  /// Reads a `%`, a currency code or a duration unit right after a number, if one is there.
  mutating func lexNumberSuffix() -> NumberSuffix {
    if peek() == UInt8(ascii: "%") {
      position += 1
      return .percent
    }
    var index = position
    while index < end, bytes[index].isBlank { index += 1 }
    guard index > position, index < end, bytes[index].isASCIILetter else { return .none }
    var wordEnd = index
    while wordEnd < end, bytes[wordEnd].isIdentifierContinue { wordEnd += 1 }
    let word = text(index, wordEnd)
    if word.utf8.count == 3, word.utf8.allSatisfy(\.isASCIIUppercase) {
      position = wordEnd
      return .currency(word)
    }
    let daysPerUnit: Int64
    switch word {
    case "day", "days": daysPerUnit = 1
    case "week", "weeks": daysPerUnit = 7
    default: return .none
    }
    position = wordEnd
    return .duration(daysPerUnit: daysPerUnit)
  }

  mutating func finiteDouble(_ digits: String, _ written: String, _ start: Int, _ stop: Int) -> Double? {
    if let value = Double(digits), value.isFinite { return value }
    report(
      LexerDiagnostics.floatOutOfRange, "float literal `\(written)` is too large",
      at: SourceRange(start: start, end: stop))
    return nil
  }

  mutating func integer(_ digits: String, _ written: String, _ start: Int, _ stop: Int) -> Int64? {
    if let value = Int64(digits) { return value }
    // 2^63 fits only negated, as `-9223372036854775808`: after a minus it is kept as `Int64.min`
    // for the parser, which accepts it under a unary minus and reports it anywhere else.
    if digits == "9223372036854775808", tokens.last?.kind == .symbol(.minus) { return .min }
    report(
      LexerDiagnostics.integerOverflow, "integer literal `\(written)` does not fit in 64 bits",
      at: SourceRange(start: start, end: stop), notes: ["the largest integer is 9223372036854775807"])
    return nil
  }

  /// The exact minor units of `10.50 EUR`: the digits as an integer at the written scale.
  mutating func money(
    integer: String, fraction: String, code: String, hasExponent: Bool, start: Int
  ) -> Token.Kind? {
    let range = SourceRange(start: start, end: position)
    if hasExponent {
      report(
        LexerDiagnostics.moneyExponent, "money amount `\(text(start, position))` cannot use an exponent",
        at: range, notes: ["write the amount with plain digits so its minor units stay exact"])
      return nil
    }
    let digits = (integer + fraction).filter { $0 != "_" }
    guard let units = Int64(digits) else {
      report(
        LexerDiagnostics.moneyOverflow, "money amount `\(text(start, position))` is too large",
        at: range, notes: ["amounts are exact integers of minor units and must fit in 64 bits"])
      return nil
    }
    return .money(MoneyLiteral(units: units, scale: fraction.count, currency: code))
  }

  mutating func duration(
    _ digits: String, isFloat: Bool, daysPerUnit: Int64, start: Int, numberEnd: Int
  ) -> Token.Kind? {
    let range = SourceRange(start: start, end: position)
    if isFloat {
      report(
        LexerDiagnostics.fractionalDuration, "duration `\(text(start, position))` is not a whole number",
        at: range, notes: ["durations count whole days or weeks"])
      return nil
    }
    guard let count = integer(digits, text(start, numberEnd), start, numberEnd) else { return nil }
    let (days, overflow) = count.multipliedReportingOverflow(by: daysPerUnit)
    if overflow {
      report(
        LexerDiagnostics.durationOverflow, "duration `\(text(start, position))` is too long",
        at: range, notes: ["a duration's number of days must fit in 64 bits"])
      return nil
    }
    return .duration(days: days)
  }

  /// `dddd-dd-dd` not followed by more of a number or a name.
  func isDateShape(at start: Int) -> Bool {
    guard start + 10 <= end else { return false }
    for offset in 0..<10 {
      let byte = bytes[start + offset]
      let ok = offset == 4 || offset == 7 ? byte == UInt8(ascii: "-") : byte.isASCIIDigit
      if !ok { return false }
    }
    return start + 10 == end || !bytes[start + 10].isIdentifierContinue
  }

  /// A date literal, checked against the calendar (leap years included).
  mutating func lexDate() {
    let start = position
    func number(_ offset: Int, _ count: Int) -> Int {
      (0..<count).reduce(0) { $0 * 10 + Int(bytes[start + offset + $1] - UInt8(ascii: "0")) }
    }
    let year = number(0, 4)
    let month = number(5, 2)
    let day = number(8, 2)
    position += 10
    let written = text(start, position)
    var note: String?
    if year == 0 {
      note = "years start at 0001"
    } else if !(1...12).contains(month) {
      note = "months run from 01 to 12"
    } else if !(1...daysIn(month: month, year: year)).contains(day) {
      note = "\(monthNames[month - 1]) \(year) has \(daysIn(month: month, year: year)) days"
    }
    if let note {
      report(
        LexerDiagnostics.invalidDate, "invalid date `\(written)`",
        at: SourceRange(start: start, end: position),
        notes: [note])
      emit(.invalid, from: start)
    } else {
      emit(.date(DateLiteral(year: year, month: month, day: day)), from: start)
    }
  }
}

private let monthNames = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December",
]

/// The number of days in a month of the proleptic Gregorian calendar.
func daysIn(month: Int, year: Int) -> Int {
  switch month {
  case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
  case 4, 6, 9, 11: 30
  default: 31
  }
}
