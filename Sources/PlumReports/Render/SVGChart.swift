/// Inline SVG for a report's charts. Sizes are in SVG units and scale with the page; every text is
/// escaped, and each chart's definitions carry its own id prefix so several charts share a page.
enum SVGChart {
  /// The chart as an `<svg>` element.
  static func render(_ chart: Chart, id: String) -> String {
    switch chart {
    case .intervals(let chart): intervals(chart, id: id)
    case .heatMap(let chart): heatMap(chart, id: id)
    }
  }

  // MARK: Interval charts

  static func intervals(_ chart: IntervalChart, id: String) -> String {
    let width = 480.0
    let left = min(200, max(72, Double(chart.points.map(\.label.count).max() ?? 0) * 7 + 16))
    let right = width - 24
    let rowHeight = 26.0
    let top = 22.0 + 12 * Double(max(1, chart.references.count))
    let bottom = top + rowHeight * Double(chart.points.count)
    let height = bottom + 46
    let axis = chart.axis
    let span = axis.upper > axis.lower ? axis.upper - axis.lower : 1
    func x(_ value: Double) -> Double {
      left + (min(max(value, axis.lower), axis.lower + span) - axis.lower) / span * (right - left)
    }
    var out = open(id: id, width: width, height: height, title: chart.title)
    for value in axis.ticks {
      let position = x(value)
      out += line(position, top - 4, position, bottom + 4, stroke: "#e2e8f0")
      out += text(
        NumberText.format(value, axis.tickStyle), x: position, y: bottom + 20, anchor: "middle", size: 11)
    }
    out += line(left, bottom + 4, right, bottom + 4, stroke: "#718096")
    out += text(axis.label, x: (left + right) / 2, y: bottom + 38, anchor: "middle", size: 12)
    for (index, reference) in chart.references.enumerated() {
      let position = x(reference.value)
      out += line(position, top - 6, position, bottom + 4, stroke: "#c53030", dash: "5 3", width: 1.5)
      let anchor = position > (left + right) / 2 ? "end" : "start"
      out += text(
        reference.label, x: position + (anchor == "end" ? -4 : 4), y: 14 + 12 * Double(index), anchor: anchor,
        size: 11, fill: "#c53030")
    }
    for (index, point) in chart.points.enumerated() {
      let y = top + rowHeight * (Double(index) + 0.5)
      var tip = point.label
      if let value = point.value { tip += ": " + NumberText.format(value, axis.style) }
      if let lower = point.lower, let upper = point.upper {
        tip += " [\(NumberText.format(lower, axis.style)), \(NumberText.format(upper, axis.style))]"
      }
      out += "<g><title>\(HTMLEscape.text(tip))</title>\n"
      let colour = colour(point.tone)
      out += text(
        point.label, x: left - 8, y: y + 4, anchor: "end", size: 12,
        fill: point.tone == .muted ? "#718096" : "#1a202c")
      if let lower = point.lower, let upper = point.upper {
        out += line(x(lower), y, x(upper), y, stroke: colour, width: 2)
        out += line(x(lower), y - 5, x(lower), y + 5, stroke: colour, width: 2)
        out += line(x(upper), y - 5, x(upper), y + 5, stroke: colour, width: 2)
      }
      if let value = point.value {
        out += marker(x: x(value), y: y, tone: point.tone)
      } else {
        out += text("no value", x: left + 4, y: y + 4, anchor: "start", size: 11, fill: "#718096")
      }
      out += "</g>\n"
    }
    return out + "</svg>\n"
  }

  /// A point's mark: a dot, a hollow dot when set apart, a square when it fails.
  private static func marker(x: Double, y: Double, tone: Tone) -> String {
    let colour = colour(tone)
    switch tone {
    case .alert:
      return "<rect x=\"\(n(x - 5.5))\" y=\"\(n(y - 5.5))\" width=\"11\" height=\"11\" fill=\"\(colour)\"/>\n"
    case .muted:
      return
        "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
    case .normal, .warning:
      return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5.5\" fill=\"\(colour)\"/>\n"
    }
  }

  // MARK: Heat maps

  static func heatMap(_ chart: HeatMap, id: String) -> String {
    let left = min(200, max(70, Double(chart.rows.map(\.count).max() ?? 0) * 7 + 18))
    let cellWidth = min(150, max(84, Double(chart.columns.map(\.count).max() ?? 0) * 7 + 14))
    let cellHeight = 46.0
    let top = 48.0
    let bottom = top + cellHeight * Double(chart.rows.count)
    let legendWidth = 210 + Double(chart.scale.label.count) * 6.5 + 8
    let width = max(legendWidth + left, left + cellWidth * Double(chart.columns.count) + 16)
    let height = bottom + 60
    let scale = chart.scale
    let span = scale.upper > scale.lower ? scale.upper - scale.lower : 1
    var out = open(id: id, width: width, height: height, title: chart.title)
    out += "<defs><linearGradient id=\"\(id)-scale\">"
    out += "<stop offset=\"0\" stop-color=\"\(ramp(0))\"/><stop offset=\"1\" stop-color=\"\(ramp(1))\"/>"
    out += "</linearGradient></defs>\n"
    let columnsWidth = cellWidth * Double(chart.columns.count)
    out += text(
      chart.columnTitle, x: left + columnsWidth / 2, y: 14, anchor: "middle", size: 12, fill: "#4a5568")
    out += text(chart.rowTitle, x: left - 8, y: 38, anchor: "end", size: 12, fill: "#4a5568")
    for (column, label) in chart.columns.enumerated() {
      out += text(label, x: left + cellWidth * (Double(column) + 0.5), y: 38, anchor: "middle", size: 12)
    }
    for (row, label) in chart.rows.enumerated() {
      let y = top + cellHeight * Double(row)
      out += text(label, x: left - 8, y: y + cellHeight / 2 + 4, anchor: "end", size: 12)
      for column in chart.columns.indices {
        let x = left + cellWidth * Double(column)
        let cell = row < chart.cells.count && column < chart.cells[row].count ? chart.cells[row][column] : nil
        out += heatCell(cell, x: x, y: y, width: cellWidth, height: cellHeight, scale: scale, span: span)
      }
    }
    let legendY = bottom + 16
    out +=
      "<rect x=\"\(n(left))\" y=\"\(n(legendY))\" width=\"200\" height=\"10\" fill=\"url(#\(id)-scale)\" "
    out += "stroke=\"#cbd5e0\"/>\n"
    out += text(
      NumberText.format(scale.lower, scale.style), x: left, y: legendY + 24, anchor: "start", size: 11)
    out += text(
      NumberText.format(scale.upper, scale.style), x: left + 200, y: legendY + 24, anchor: "end", size: 11)
    out += text(scale.label, x: left + 210, y: legendY + 9, anchor: "start", size: 11, fill: "#4a5568")
    return out + "</svg>\n"
  }

  private static func heatCell(
    _ cell: HeatMap.Cell?, x: Double, y: Double, width: Double, height: Double, scale: Axis, span: Double
  ) -> String {
    let centre = x + width / 2
    guard let cell else {
      return
        "<rect x=\"\(n(x + 1))\" y=\"\(n(y + 1))\" width=\"\(n(width - 2))\" height=\"\(n(height - 2))\" "
        + "fill=\"#ffffff\" stroke=\"#cbd5e0\" stroke-dasharray=\"3 3\"/>\n"
        + text("no records", x: centre, y: y + height / 2 + 4, anchor: "middle", size: 11, fill: "#718096")
    }
    let share = cell.value.map { min(max(($0 - scale.lower) / span, 0), 1) }
    let fill = cell.tone == .muted ? "#edf2f7" : share.map(ramp) ?? "#ffffff"
    let ink = cell.tone == .muted ? "#718096" : (share ?? 0) > 0.55 ? "#ffffff" : "#1a202c"
    var out = "<g><title>\(HTMLEscape.text(cell.label + (cell.detail.map { ", " + $0 } ?? "")))</title>\n"
    out += "<rect x=\"\(n(x + 1))\" y=\"\(n(y + 1))\" width=\"\(n(width - 2))\" height=\"\(n(height - 2))\" "
    out += "fill=\"\(fill)\""
    if cell.tone == .alert {
      out += " stroke=\"#c53030\" stroke-width=\"3\""
    } else if cell.tone == .warning {
      out += " stroke=\"#b7791f\" stroke-width=\"2\""
    }
    out += "/>\n"
    let mark = cell.tone == .alert ? "✗ " : ""
    out += text(
      mark + cell.label, x: centre, y: y + (cell.detail == nil ? height / 2 + 4 : 20), anchor: "middle",
      size: 13, fill: ink, weight: "600")
    if let detail = cell.detail {
      out += text(detail, x: centre, y: y + 36, anchor: "middle", size: 10.5, fill: ink)
    }
    return out + "</g>\n"
  }

  /// The colour at `share` (0…1) of the scale: from a pale to a deep blue.
  static func ramp(_ share: Double) -> String {
    let from = (239.0, 246.0, 255.0)
    let to = (43.0, 108.0, 176.0)
    func channel(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * share).rounded()) }
    return hex(channel(from.0, to.0), channel(from.1, to.1), channel(from.2, to.2))
  }

  // MARK: Pieces

  private static func open(id: String, width: Double, height: Double, title: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" "
      + "height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title\" "
      + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\">\n"
      + "<title id=\"\(id)-title\">\(HTMLEscape.text(title))</title>\n"
  }

  private static func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, dash: String? = nil,
    width: Double = 1
  ) -> String {
    var out = "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\""
    if width != 1 { out += " stroke-width=\"\(n(width))\"" }
    if let dash { out += " stroke-dasharray=\"\(dash)\"" }
    return out + "/>\n"
  }

  private static func text(
    _ content: String, x: Double, y: Double, anchor: String, size: Double, fill: String = "#1a202c",
    weight: String? = nil
  ) -> String {
    var out =
      "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(n(size))\" fill=\"\(fill)\""
    if let weight { out += " font-weight=\"\(weight)\"" }
    return out + ">\(HTMLEscape.text(content))</text>\n"
  }

  private static func colour(_ tone: Tone) -> String {
    switch tone {
    case .normal: "#2b6cb0"
    case .alert: "#c53030"
    case .warning: "#b7791f"
    case .muted: "#a0aec0"
    }
  }

  private static func hex(_ red: Int, _ green: Int, _ blue: Int) -> String {
    let digits = Array("0123456789abcdef")
    var out = "#"
    for value in [red, green, blue] {
      let clamped = min(max(value, 0), 255)
      out.append(digits[clamped / 16])
      out.append(digits[clamped % 16])
    }
    return out
  }

  /// A coordinate with at most one decimal (`12`, `12.5`).
  private static func n(_ value: Double) -> String {
    let text = NumberText.fixed(value, places: 1)
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }
}
