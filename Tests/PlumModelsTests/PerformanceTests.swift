import Foundation
import PlumModels
import Testing

/// Training speed on a million rows. Opt-in and meaningful only in release builds:
/// `PLUM_BENCH=1 swift test -c release --filter PlumModelsTests.logisticTrainsAMillionRowsInFiveSeconds`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["PLUM_BENCH"] == "1"))
func logisticTrainsAMillionRowsInFiveSeconds() throws {
  let rows = 1_000_000
  let width = 10
  var generator = SplitMix64(seed: 1)
  var values = [Double](repeating: 0, count: rows * width)
  var target = [Double](repeating: 0, count: rows)
  for row in 0..<rows {
    var eta = -0.3
    for column in 0..<width {
      let value = generator.nextUnit() * 2 - 1
      values[row * width + column] = value + Double(column)
      eta += (Double(column % 3) - 1 + 0.1 * Double(column)) * value
    }
    target[row] = generator.nextUnit() < 1 / (1 + exp(-eta)) ? 1 : 0
  }
  let data = try FeatureMatrix(rowCount: rows, columnCount: width, values: values)
  let clock = ContinuousClock()
  var fit: LogisticRegression.Fit?
  let elapsed = try clock.measure { fit = try LogisticRegression.fit(data, target: target) }
  print("logistic regression, \(rows) rows × \(width) features: \(elapsed)")
  #expect(elapsed < .seconds(5))
  #expect((fit?.report.metrics["iterations"] ?? 100) < 20)
}
