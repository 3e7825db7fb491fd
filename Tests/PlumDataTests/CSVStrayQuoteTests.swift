import Testing

@testable import PlumData

/// A quote that opens a field by mistake must cost its own line, never the records after it.
@Suite struct CSVStrayQuoteTests {
  let schema = Support.loyaltySchema
  let header = "id,age,tier,spend,score,last_order,consent.marketing,note\n"

  private func record(_ number: Int, note: String = "ok") -> String {
    "p\(number),\(20 + number % 50),gold,\(number).50,,,true,\(note)\n"
  }

  /// The key of every outcome, `!` marking errors, as `p1 p2 !p3 …`.
  private func keys(_ outcomes: [RecordOutcome]) -> [String] {
    outcomes.map { outcome in
      switch outcome {
      case .row(let row): row.text(ofField: 0, in: schema) ?? "?"
      case .failure(let error): "!" + (error.key ?? "?")
      }
    }
  }

  @Test(arguments: [
    // A later quoted field closes the stray quote: the old reader swallowed everything up to it.
    #""quoted, later""#,
    // No other quote in the file: the quote is never closed.
    "plain",
  ])
  func oneStrayQuoteAmongFourHundredRecordsLosesNoRecord(laterNote: String) throws {
    var text = header
    for number in 1...400 {
      text += record(number, note: number == 37 ? "\"oops" : number == 350 ? laterNote : "ok")
    }
    for (chunkSize, maximumRead) in [(1 << 20, Int.max), (64, 7), (16, 1)] {
      let outcomes = try Support.csv(text, chunkSize: chunkSize, maximumRead: maximumRead)
      #expect(outcomes.count == 400)
      let errors = Support.errors(outcomes).enumerated().compactMap { index, error in
        error.map { (index, $0) }
      }
      #expect(errors.count == 1)
      let (index, error) = try #require(errors.first)
      #expect(index == 36)
      #expect(error.line == 38)
      #expect(error.key == "p37")
      #expect(error.field == "note")
      #expect(error.code == .malformed)
      let expected = (1...400).map { $0 == 37 ? "!p37" : "p\($0)" }
      #expect(keys(outcomes) == expected)
      let lines = outcomes.map { outcome -> Int in
        switch outcome {
        case .row(let row): row.line
        case .failure(let error): error.line
        }
      }
      #expect(lines == Array(2...401))
    }
  }

  @Test func twoStrayQuotesInTenRecordsGiveTenOutcomes() throws {
    var text = header
    for number in 1...10 {
      text += record(number, note: number == 3 ? "\"oops" : number == 7 ? "\"again" : "ok")
    }
    let outcomes = try Support.csv(text)
    #expect(outcomes.count == 10)
    #expect(keys(outcomes) == ["p1", "p2", "!p3", "p4", "p5", "p6", "!p7", "p8", "p9", "p10"])
    let errors = Support.errors(outcomes).compactMap { $0 }
    #expect(errors.map(\.line) == [4, 8])
    #expect(
      errors.map(\.message) == [
        "quoted field spans lines and text follows its closing quote", "unterminated quoted field",
      ])
  }

  @Test func aStrayQuoteThatLeavesTooFewFieldsIsReportedOnItsLine() throws {
    // The quote on line 3 closes at the end of line 4, leaving a record of 9 fields.
    let text = header + record(1) + "p2,30,gold,1,,,true,\"oops\np3,31,gold,1,,,true,x\",y\n" + record(4)
    let outcomes = try Support.csv(text)
    #expect(keys(outcomes) == ["p1", "!p2", "!?", "p4"])
    let errors = Support.errors(outcomes)
    #expect(errors[1]?.message == "quoted field spans lines and the record would have 9 fields, expected 8")
    #expect(errors[1]?.line == 3)
    // Line 4, read on its own, has nine fields too, and so no key it could be named by.
    #expect(errors[2]?.line == 4)
    #expect(errors[2]?.code == .fieldCount)
  }

  @Test func theKeyOfAStrayLineIsNeverTakenFromTheLinesAfterIt() throws {
    let header = "note,id,age,tier,spend,score,last_order,consent.marketing\n"
    let text = header + "\"oops,p1,30,gold,1,,,true\nx,p2,31,gold,1,,,true\n\"a\",p3,32,gold,1,,,true\n"
    let outcomes = try Support.csv(text)
    #expect(outcomes.count == 3)
    let error = try #require(Support.errors(outcomes)[0])
    #expect(error.key == nil)
    #expect(error.line == 2)
    #expect(keys(Array(outcomes.dropFirst())) == ["p2", "p3"])
  }

  @Test func quotedFieldsSpanningLinesThatFitTheHeaderStillWork() throws {
    let text =
      header + record(1) + "\"p\n2\",30,gold,1,,,true,\"two\nlines, and \"\"quotes\"\"\"\n" + record(3)
      + "p4,30,gold,1,,,true,\"\n\n\"\r\n" + record(5)
    for (chunkSize, maximumRead) in [(1 << 20, Int.max), (8, 3)] {
      let rows = Support.rows(try Support.csv(text, chunkSize: chunkSize, maximumRead: maximumRead))
      #expect(rows.map(\.line) == [2, 3, 6, 7, 10])
      #expect(rows[1].value(ofField: 0, in: schema) == .string("p\n2"))
      #expect(rows[1].value(ofField: 7, in: schema) == .string("two\nlines, and \"quotes\""))
      #expect(rows[3].value(ofField: 7, in: schema) == .string("\n\n"))
    }
  }
}
