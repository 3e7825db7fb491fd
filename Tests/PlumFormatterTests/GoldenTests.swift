import Foundation
import PlumDiagnostics
import Testing

@testable import PlumFormatter

/// Each `Fixtures/fmt/NAME.plum` formats to `Fixtures/fmt/NAME.formatted`.
@Suite struct GoldenTests {
  static let names = Fixtures.sources(in: "fmt")

  @Test func thereAreGoldenFixtures() {
    #expect(Self.names.count >= 8)
  }

  @Test(arguments: names)
  func formatsAsRecorded(_ name: String) throws {
    let file = try Fixtures.source("fmt", name)
    guard let formatted = Format.file(file) else { return }
    Fixtures.checkGolden(formatted, "fmt", name.replacingOccurrences(of: ".plum", with: ".formatted"))
  }

  @Test(arguments: names)
  func goldenOutputIsAFixedPoint(_ name: String) throws {
    let file = try Fixtures.source("fmt", name)
    guard let once = Format.file(file) else { return }
    #expect(Format.text(once, name: name) == once)
    #expect(Preservation.problems(from: file, to: once) == [])
    #expect(LayoutRules.violations(in: once) == [])
  }
}
