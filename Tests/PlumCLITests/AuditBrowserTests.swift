import Foundation
import PlumTestSupport
import Testing

@testable import PlumCLI

/// The HTML audit as a person sees it: a real headless Chromium renders the winback audit to a
/// screenshot that must not be blank, and its DOM must hold a row for every group of the data.
///
/// `.ci/run` installs Chromium from Debian's packages; with `CI` set, a missing browser (or the
/// python3 that decodes the screenshot) fails the test instead of skipping it.
@Suite(.serialized) struct AuditBrowserTests {
  /// The first Chromium found on the usual paths or `PLUM_CHROMIUM`.
  static var chromium: String? {
    let candidates =
      [ProcessInfo.processInfo.environment["PLUM_CHROMIUM"]].compactMap { $0 } + [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
      ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Records a failure in CI, where the tools must be there; elsewhere says the test is skipped.
  static func missing(_ tool: String) {
    _ = RequiredTool.available([tool], for: "the browser test (`apt-get install -y chromium python3`)")
  }

  /// Runs a program, returning its exit status and standard output; gives up after `timeout` seconds.
  static func run(_ executable: String, _ arguments: [String], timeout: Double = 180) throws -> (Int32, Data)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    deadline.cancel()
    return (process.terminationStatus, data)
  }

  /// Every group the report must show a row for, read from the data file itself: each gender, each
  /// tier and each gender × tier pair that occurs.
  static func expectedGroups() throws -> [String] {
    let text = try String(
      contentsOf: repositoryRoot.appendingPathComponent("examples/winback/data/followup.csv"), encoding: .utf8
    )
    let lines = text.split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let gender = try #require(header.firstIndex(of: "gender"))
    let tier = try #require(header.firstIndex(of: "tier"))
    var groups: Set<String> = []
    for line in lines.dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      groups.formUnion([cells[gender], cells[tier], "\(cells[gender]) × \(cells[tier])"])
    }
    return groups.sorted()
  }

  /// Decodes a PNG with python3's zlib and prints `width height colours inked`, where `inked` counts
  /// pixels that are not the page's white.
  static let pngCheck = #"""
    import struct, sys, zlib
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat = 8, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b'IHDR':
            width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
    assert depth == 8 and colour in (2, 6) and interlace == 0, 'unexpected PNG layout'
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    previous, colours, inked, offset = bytearray(stride), set(), 0, 0
    for y in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 2 == 0:
            for x in range(0, stride, bpp * 2):
                pixel = bytes(line[x:x + 3])
                colours.add(pixel)
                if pixel != b'\xff\xff\xff': inked += 1
        previous = line
    print(width, height, len(colours), inked)
    """#

  @Test func chromiumRendersTheAuditWithARowForEveryGroup() throws {
    guard let chromium = Self.chromium else { return Self.missing("chromium") }
    guard RequiredTool.python3 != nil else { return Self.missing("python3") }
    let (status, html, err) = inspectPlum(winbackAudit + ["--format", "html"])
    #expect(status == .findings, "\(err)")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plum-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = directory.appendingPathComponent("audit.html")
    try html.write(to: page, atomically: true, encoding: .utf8)
    let screenshot = directory.appendingPathComponent("audit.png")
    let browser = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
      "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
    ]
    let (shot, _) = try Self.run(
      chromium, browser + ["--screenshot=\(screenshot.path)", "--window-size=1280,2400", page.absoluteString])
    #expect(shot == 0)
    #expect(FileManager.default.fileExists(atPath: screenshot.path), "no screenshot was written")
    let script = directory.appendingPathComponent("png.py")
    try Self.pngCheck.write(to: script, atomically: true, encoding: .utf8)
    let (checked, figures) = try Self.run(
      RequiredTool.python3?.path ?? "/usr/bin/python3", [script.path, screenshot.path])
    #expect(checked == 0, "the screenshot is not a PNG python3 can read")
    let numbers = String(decoding: figures, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap {
      Int($0)
    }
    try #require(numbers.count == 4, "\(String(decoding: figures, as: UTF8.self))")
    #expect(numbers[0] == 1280 && numbers[1] == 2400)
    // Not blank: text, rules, tables and chart marks give many colours and plenty of ink.
    #expect(numbers[2] > 10, "only \(numbers[2]) colours in the screenshot")
    #expect(numbers[3] > 1280 * 2400 / 4 / 100, "only \(numbers[3]) sampled pixels are not white")

    let (dumped, dom) = try Self.run(chromium, browser + ["--dump-dom", page.absoluteString])
    #expect(dumped == 0)
    let text = String(decoding: dom, as: UTF8.self)
    #expect(text.contains("<h1>Fairness audit: winback 2026.11</h1>"))
    for group in try Self.expectedGroups() {
      #expect(text.contains("<th scope=\"row\">\(group)</th>"), "no row for \(group) in the rendered page")
    }
    // Every chart was parsed as SVG and has its table beside it.
    let figuresShown = text.components(separatedBy: "<figure class=\"figure\">").count - 1
    #expect(figuresShown > 0)
    #expect(text.components(separatedBy: "<svg ").count - 1 == figuresShown)
    #expect(!text.contains("<script"))
  }
}
