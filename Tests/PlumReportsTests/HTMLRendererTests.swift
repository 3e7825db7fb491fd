import Foundation
import PlumModels
import Testing

@testable import PlumReports

@Suite struct HTMLRendererTests {
  @Test func aReportIsOneSelfContainedPage() {
    let html = HTMLRenderer().render(SampleReports.everything)
    expectGolden(html, "everything.html")
    #expect(html.hasPrefix("<!DOCTYPE html>\n"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("src="))
    #expect(!html.contains("@import"))
    #expect(!html.contains("@font-face"))
    // The only URL is the SVG namespace, which names and never fetches; links stay in the page.
    let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
    #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") || $0.hasPrefix("-equiv") }, "\(urls)")
    for link in html.components(separatedBy: "href=\"").dropFirst() { #expect(link.hasPrefix("#")) }
    for reference in html.components(separatedBy: "url(").dropFirst() { #expect(reference.hasPrefix("#")) }
    #expect(html.contains("default-src 'none'"))
  }

  @Test func everyChartHasItsTableBesideIt() {
    let html = HTMLRenderer().render(SampleReports.everything)
    let figures = html.components(separatedBy: "<figure class=\"figure\">").dropFirst()
    #expect(figures.count == 2)
    for figure in figures {
      let body = figure.components(separatedBy: "</figure>")[0]
      #expect(body.contains("<svg"))
      #expect(body.contains("<table>"))
      for label in ["bronze", "platinum", "tiny"] {
        #expect(body.contains("<th scope=\"row\">\(label)</th>"))
      }
    }
  }

  @Test func everyTextIsEscaped() {
    let hostile = "<script>alert('x')</script> & \"quoted\""
    var generator = SplitMix64(seed: 7)
    var report = SampleReports.random(&generator)
    report.title = hostile
    report.facts = [Fact(hostile, hostile)]
    report.flags = [Flag(.alert, hostile, section: "a\"><script>")]
    report.guide = [hostile]
    report.sections = [
      Section(
        id: hostile, title: hostile,
        blocks: [
          .paragraph(hostile), .note(Note(.warning, hostile)),
          .figure(
            Figure(
              chart: .intervals(
                IntervalChart(
                  title: hostile, axis: Axis(label: hostile, lower: 0, upper: 1, style: .percent(places: 0)),
                  points: [.init(label: hostile, value: 0.5, lower: 0.4, upper: 0.6)],
                  references: [.init(value: 0.4, label: hostile)])),
              table: Table(
                title: hostile, columns: [Column(hostile)], rows: [Row([.text(hostile)])], notes: [hostile]),
              caption: hostile)),
          .figure(
            Figure(
              chart: .heatMap(
                HeatMap(
                  title: hostile, rowTitle: hostile, columnTitle: hostile, rows: [hostile],
                  columns: [hostile],
                  cells: [[.init(value: 0.5, label: hostile, detail: hostile)]],
                  scale: Axis(label: hostile, lower: 0, upper: 1, style: .decimal(places: 1)))),
              table: Table(columns: [Column(hostile)]))),
        ])
    ]
    let html = HTMLRenderer().render(report)
    #expect(!html.contains("<script"))
    #expect(!html.contains("'x'"))
    #expect(!html.contains("\"quoted\""))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
    for id in html.components(separatedBy: " id=\"").dropFirst() {
      let value = id.prefix { $0 != "\"" }
      #expect(value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, "\(value)")
    }
  }

  @Test func randomReportsRenderWithoutRawMarkupFromTheirText() {
    var generator = SplitMix64(seed: 11)
    for _ in 0..<100 {
      let html = HTMLRenderer().render(SampleReports.random(&generator))
      // The sample texts carry `<b>`, quotes and ampersands; none may reach the page raw.
      #expect(!html.contains("<b>"))
      #expect(!html.contains("&\""))
      #expect(html.hasSuffix("</html>\n"))
    }
  }
}
