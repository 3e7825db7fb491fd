/// Calendar arithmetic on dates stored as days since 1970-01-01 (proleptic Gregorian): the one
/// implementation, used by the readers, the writer and the runtime.
///
/// The algorithms are Howard Hinnant's `days_from_civil` and `civil_from_days`: exact for every
/// date, branch-light, and free of Foundation's time zones and calendars.
public enum CivilDate {
  /// The day number of 0001-01-01, the first date Plum reads, writes or computes.
  public static let first: Int64 = -719_162
  /// The day number of 9999-12-31, the last date Plum reads, writes or computes.
  public static let last: Int64 = 2_932_896
  /// The dates Plum supports: a date computed outside them is a record's runtime error.
  public static let supported: ClosedRange<Int64> = first...last

  /// The day number of a calendar date (the year must be within ±10^12, far beyond any date
  /// Plum accepts).
  public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The calendar date of a day number; total over `Int64` (no day number traps).
  public static func components(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    // The Gregorian calendar repeats every 400 years (146 097 days): take whole cycles out first,
    // so the arithmetic below never leaves ±146 097 + 719 468 and cannot overflow.
    let cycles = days / 146_097
    let date = cyclicComponents(days - cycles * 146_097)
    return (date.year + cycles * 400, date.month, date.day)
  }

  private static func cyclicComponents(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The ISO weekday of a day number: 1 = Monday … 7 = Sunday.
  public static func weekday(_ days: Int64) -> Int64 {
    // 1970-01-01 was a Thursday (4).
    let offset = (days % 7 + 3) % 7
    return (offset < 0 ? offset + 7 : offset) + 1
  }

  /// Whether a year is a Gregorian leap year.
  public static func isLeapYear(_ year: Int64) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in a month of a year.
  public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// The day number of exactly `YYYY-MM-DD` with year 0001–9999 and a day that exists in that
  /// month; nil otherwise.
  public static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-") else { return nil }
    func number(_ from: Int, _ to: Int) -> Int64? {
      var value: Int64 = 0
      for index in from..<to {
        let digit = text[index] &- UInt8(ascii: "0")
        guard digit <= 9 else { return nil }
        value = value * 10 + Int64(digit)
      }
      return value
    }
    guard let year = number(0, 4), let month = number(5, 7), let day = number(8, 10) else { return nil }
    guard year >= 1, (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else {
      return nil
    }
    return days(year: year, month: month, day: day)
  }

  /// The day number of a `YYYY-MM-DD` text, or nil when it is not a real calendar date.
  public static func parse(_ text: String) -> Int64? {
    var text = text
    return text.withUTF8 { parse($0) }
  }

  /// The date as `YYYY-MM-DD` (years outside 0…9999 are written with as many digits as needed).
  public static func format(_ days: Int64) -> String {
    let (year, month, day) = components(days)
    func padded(_ value: Int64, _ width: Int) -> String {
      let digits = String(value.magnitude)
      let padding = String(repeating: "0", count: max(0, width - digits.count))
      return (value < 0 ? "-" : "") + padding + digits
    }
    return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
  }
}
