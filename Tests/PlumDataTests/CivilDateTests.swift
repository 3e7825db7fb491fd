import PlumModels
import PlumTestSupport
import Testing

@testable import PlumData

/// `CivilDate`: the supported range and calendar functions that never trap, whatever the day number.
@Suite struct CivilDateTests {
  @Test func theSupportedRangeIsYearsOneToNineThousandNineHundredNinetyNine() {
    #expect(CivilDate.first == CivilDate.days(year: 1, month: 1, day: 1))
    #expect(CivilDate.last == CivilDate.days(year: 9999, month: 12, day: 31))
    #expect(CivilDate.format(CivilDate.first) == "0001-01-01")
    #expect(CivilDate.format(CivilDate.last) == "9999-12-31")
    #expect(CivilDate.parse("9999-12-31") == CivilDate.last)
    #expect(CivilDate.parse("0000-12-31") == nil)
  }

  /// Day numbers far outside the calendar (a huge duration added to a date) give an answer, not a
  /// trap: the 400-year cycle keeps the arithmetic inside 64 bits.
  @Test(arguments: [Int64.max, Int64.min, Int64.max - 719_468, Int64.min + 146_096, 0, -1, 146_097])
  func componentsAndWeekdayAreTotal(days: Int64) {
    let (year, month, day) = CivilDate.components(days)
    #expect((1...12).contains(month))
    #expect(day >= 1 && day <= CivilDate.daysInMonth(year: year, month: month))
    #expect((1...7).contains(CivilDate.weekday(days)))
    #expect(!CivilDate.format(days).isEmpty)
  }

  @Test func componentsAgreeWithDaysAcrossCycles() {
    var random = SplitMix64(seed: 9)
    for _ in 0..<2_000 {
      let days = Int64.random(in: -3_000_000_000...3_000_000_000, using: &random)
      let (year, month, day) = CivilDate.components(days)
      #expect(CivilDate.days(year: year, month: month, day: day) == days)
      // A whole 400-year cycle later is the same date 400 years on, on the same weekday.
      let later = CivilDate.components(days + 146_097)
      #expect(later.year == year + 400 && later.month == month && later.day == day)
      #expect(CivilDate.weekday(days) == CivilDate.weekday(days + 146_097))
    }
  }

  @Test func knownWeekdays() {
    #expect(CivilDate.weekday(0) == 4)  // 1970-01-01, a Thursday
    #expect(CivilDate.weekday(-1) == 3)
    #expect(CivilDate.weekday(CivilDate.first) == 1)  // 0001-01-01, a Monday
    #expect(CivilDate.weekday(CivilDate.last) == 5)  // 9999-12-31, a Friday
  }
}
