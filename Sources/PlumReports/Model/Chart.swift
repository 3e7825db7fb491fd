import Foundation

/// A chart: the kinds every report draws the same way in each output.
public enum Chart: Hashable, Sendable {
  /// One row per item: a value with an interval's whiskers, against vertical reference lines.
  case intervals(IntervalChart)
  /// A grid of values coloured by size, one row and one column per category.
  case heatMap(HeatMap)
}

/// Values with intervals, one row per item, on a shared axis: selection rates with their Wilson
/// intervals, means with confidence intervals, medians with their quartiles.
public struct IntervalChart: Hashable, Sendable, Codable {
  /// One item.
  public struct Point: Hashable, Sendable, Codable {
    /// The item's label.
    public var label: String
    /// The value drawn as a dot; nil draws nothing but the label.
    public var value: Double?
    /// The whiskers' ends, when there is an interval.
    public var lower: Double?
    /// The upper whisker's end.
    public var upper: Double?
    /// How the point stands out.
    public var tone: Tone

    /// Creates a point.
    public init(
      label: String, value: Double?, lower: Double? = nil, upper: Double? = nil, tone: Tone = .normal
    ) {
      self.label = label
      self.value = value
      self.lower = lower
      self.upper = upper
      self.tone = tone
    }
  }

  /// A vertical line across every row, such as four fifths of the top group's rate.
  public struct Reference: Hashable, Sendable, Codable {
    /// Where the line is on the axis.
    public var value: Double
    /// What the line means.
    public var label: String

    /// Creates a reference line.
    public init(value: Double, label: String) {
      self.value = value
      self.label = label
    }
  }

  /// The chart's title.
  public var title: String
  /// The horizontal axis.
  public var axis: Axis
  /// The items, top to bottom.
  public var points: [Point]
  /// Reference lines, drawn behind the points.
  public var references: [Reference]

  /// Creates an interval chart.
  public init(title: String, axis: Axis, points: [Point], references: [Reference] = []) {
    self.title = title
    self.axis = axis
    self.points = points
    self.references = references
  }
}

/// A chart's value axis: its range, its label and how its ticks are written.
public struct Axis: Hashable, Sendable, Codable {
  /// What the axis measures.
  public var label: String
  /// The left end.
  public var lower: Double
  /// The right end (greater than `lower`).
  public var upper: Double
  /// How tick values are written.
  public var style: NumberStyle

  /// Creates an axis.
  public init(label: String, lower: Double, upper: Double, style: NumberStyle) {
    self.label = label
    self.lower = lower
    self.upper = upper
    self.style = style
  }

  /// An axis from `lower` whose upper end is the first tick at or above `highest`, so the ticks
  /// fall on round values.
  public static func rounded(label: String, lower: Double, highest: Double, style: NumberStyle) -> Axis {
    let step = tickStep(span: highest - lower)
    let upper = tidy(lower + (((highest - lower) / step) - 1e-9).rounded(.up) * step)
    return Axis(label: label, lower: lower, upper: Swift.max(upper, tidy(lower + step)), style: style)
  }

  /// A round distance between ticks (1, 2, 2.5 or 5 times a power of ten) giving about five ticks
  /// over `span`.
  public static func tickStep(span: Double) -> Double {
    guard span.isFinite, span > 0 else { return 1 }
    let raw = span / 5
    var magnitude = 1.0
    while magnitude > raw { magnitude /= 10 }
    while magnitude * 10 <= raw { magnitude *= 10 }
    let residual = raw / magnitude
    let factor = [1, 2, 2.5, 5, 10].first { $0 >= residual - 1e-9 } ?? 10
    return factor * magnitude
  }

  /// `value` rounded to 12 significant digits, so `3 × 0.2` is `0.6` in a report, not
  /// `0.6000000000000001`.
  static func tidy(_ value: Double) -> Double {
    guard value != 0, value.isFinite else { return value }
    let scale = pow(10, 11 - log10(abs(value)).rounded(.down))
    return (value * scale).rounded() / scale
  }

  /// The tick values from `lower` to `upper`, one `tickStep` apart.
  public var ticks: [Double] {
    let step = Self.tickStep(span: upper - lower)
    var values: [Double] = []
    var index = 0.0
    while lower + index * step <= upper + step * 1e-9, values.count < 50 {
      values.append(Self.tidy(lower + index * step))
      index += 1
    }
    return values
  }

  /// The style tick labels are written in: the axis's, with enough places for the step.
  public var tickStyle: NumberStyle {
    let step = Self.tickStep(span: upper - lower)
    func places(_ step: Double) -> Int {
      var places = 0
      var scaled = step
      while places < 6, abs(scaled - scaled.rounded()) > 1e-9 {
        scaled *= 10
        places += 1
      }
      return places
    }
    switch style {
    case .percent: return .percent(places: places(step * 100))
    case .decimal, .decimalDown: return .decimal(places: places(step))
    case .text, .integer: return style
    }
  }
}

/// Values on a grid of two categories, coloured by size on a scale.
public struct HeatMap: Hashable, Sendable, Codable {
  /// One cell of the grid.
  public struct Cell: Hashable, Sendable, Codable {
    /// The value that sets the colour; nil leaves the cell uncoloured.
    public var value: Double?
    /// The main text in the cell.
    public var label: String
    /// A second, smaller line (such as the record count), if any.
    public var detail: String?
    /// How the cell stands out.
    public var tone: Tone

    /// Creates a cell.
    public init(value: Double?, label: String, detail: String? = nil, tone: Tone = .normal) {
      self.value = value
      self.label = label
      self.detail = detail
      self.tone = tone
    }
  }

  /// The chart's title.
  public var title: String
  /// What the rows are (such as an attribute's name).
  public var rowTitle: String
  /// What the columns are.
  public var columnTitle: String
  /// The row labels, top to bottom.
  public var rows: [String]
  /// The column labels, left to right.
  public var columns: [String]
  /// `cells[row][column]`; nil where the combination has no records.
  public var cells: [[Cell?]]
  /// The colour scale.
  public var scale: Axis

  /// Creates a heat map.
  public init(
    title: String, rowTitle: String, columnTitle: String, rows: [String], columns: [String], cells: [[Cell?]],
    scale: Axis
  ) {
    self.title = title
    self.rowTitle = rowTitle
    self.columnTitle = columnTitle
    self.rows = rows
    self.columns = columns
    self.cells = cells
    self.scale = scale
  }
}

extension Chart: Codable {
  private enum Key: String, CodingKey {
    case type, intervals, heatMap
  }

  /// Reads a chart from its tagged JSON object (`{"type": "intervals", "intervals": {…}}`).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    switch try container.decode(String.self, forKey: .type) {
    case "intervals": self = .intervals(try container.decode(IntervalChart.self, forKey: .intervals))
    case "heat_map": self = .heatMap(try container.decode(HeatMap.self, forKey: .heatMap))
    case let other:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: container, debugDescription: "unknown chart type `\(other)`")
    }
  }

  /// Writes the chart as a tagged JSON object.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    switch self {
    case .intervals(let chart):
      try container.encode("intervals", forKey: .type)
      try container.encode(chart, forKey: .intervals)
    case .heatMap(let chart):
      try container.encode("heat_map", forKey: .type)
      try container.encode(chart, forKey: .heatMap)
    }
  }
}
