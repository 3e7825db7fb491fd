import PlumModels
import Testing

@testable import PlumServer

/// Parses `text` in one go.
private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
  var parser = HTTPRequestParser(limits: limits)
  return Array(text.utf8).withUnsafeBufferPointer { parser.parse($0) }
}

/// Parses `bytes` as they would arrive in pieces split at `cuts`, returning the last result.
private func parse(_ bytes: [UInt8], cuts: [Int], limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
  var parser = HTTPRequestParser(limits: limits)
  var result = HTTPParseResult.incomplete(head: nil)
  for end in cuts.sorted() + [bytes.count] where end <= bytes.count {
    result = bytes[0..<end].withUnsafeBufferPointer { parser.parse($0) }
    if case .incomplete = result { continue }
    return result
  }
  return result
}

private func failure(_ result: HTTPParseResult) -> HTTPParseError? {
  if case .failed(let error) = result { return error }
  return nil
}

@Suite struct HTTPRequestParserTests {
  @Test func parsesARequestWithABody() throws {
    let text = "POST /v1/decide?as_of=2026-11-23 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
    guard case .complete(let head, let length) = parse(text) else {
      Issue.record("not complete")
      return
    }
    #expect(head.method == .post)
    #expect(head.path == "/v1/decide")
    #expect(head.queryValue("as_of") == "2026-11-23")
    #expect(head.contentLength == 2)
    #expect(head.keepAlive)
    #expect(length == text.utf8.count)
    #expect(head.headLength == text.utf8.count - 2)
  }

  @Test func waitsForTheWholeBody() {
    let result = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab")
    guard case .incomplete(let head) = result else {
      Issue.record("expected incomplete, got \(result)")
      return
    }
    #expect(head?.contentLength == 5)
  }

  @Test func stopsAtTheFirstOfPipelinedRequests() {
    let first = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    guard case .complete(_, let length) = parse(first + "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n") else {
      Issue.record("not complete")
      return
    }
    #expect(length == first.utf8.count)
  }

  @Test func keepAliveFollowsTheVersionAndConnectionHeader() {
    func keepAlive(_ text: String) -> Bool? {
      if case .complete(let head, _) = parse(text) { return head.keepAlive }
      return nil
    }
    #expect(keepAlive("GET / HTTP/1.1\r\nHost: x\r\n\r\n") == true)
    #expect(keepAlive("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") == false)
    #expect(keepAlive("GET / HTTP/1.0\r\n\r\n") == false)
    #expect(keepAlive("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") == true)
  }

  @Test func acceptsBareLineFeedsAndLeadingEmptyLines() {
    guard case .complete(let head, _) = parse("\r\nGET /healthz HTTP/1.1\nHost: x\n\n") else {
      Issue.record("not complete")
      return
    }
    #expect(head.path == "/healthz")
  }

  @Test(arguments: [
    ("GET / HTTP/1.1\r\n\r\n", "an HTTP/1.1 request needs a Host header"),
    ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "folded header lines are not accepted"),
    ("GET / HTTP/1.1\r\nHost: x\r\nBad Name: y\r\n\r\n", "a header name is not a token"),
    ("GET / HTTP/1.1\r\nHost: x\r\nX: a\u{1}b\r\n\r\n", "a header value holds a control character"),
    ("GET nowhere HTTP/1.1\r\nHost: x\r\n\r\n", "the target is not an absolute path of visible ASCII"),
    ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n", "Content-Length is not a number"),
    (
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      "Content-Length is given twice with different values"
    ),
    ("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", "Host is given twice"),
    ("GET / FTP/1.1\r\nHost: x\r\n\r\n", "the request line does not end with an HTTP version"),
  ])
  func refusesMalformedHeads(text: String, reason: String) {
    #expect(failure(parse(text)) == .malformed(reason))
  }

  @Test func refusesInvalidUTF8InTheTarget() {
    var bytes = Array("GET /v1/".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
    #expect(
      failure(parse(bytes, cuts: [])) == .malformed("the target is not an absolute path of visible ASCII"))
  }

  @Test func mapsFramingProblemsToTheirStatuses() {
    #expect(failure(parse("GET / HTTP/2.0\r\nHost: x\r\n\r\n"))?.status == .versionNotSupported)
    #expect(
      failure(parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"))?.status
        == .lengthRequired)
    #expect(
      failure(parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n\r\n"))?.status == .expectationFailed)
    let limits = HTTPLimits(maximumBodyBytes: 10)
    #expect(
      failure(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", limits: limits))
        == .bodyTooLarge)
  }

  @Test func countsHeadersBeforeTheHeadEnds() {
    var text = "GET / HTTP/1.1\r\nHost: x\r\n"
    for index in 0..<10_000 { text += "X-\(index): y\r\n" }
    // No empty line yet: the count alone decides, without waiting for the head's end.
    #expect(failure(parse(text)) == .headersTooLarge)
  }

  /// `maximumHeaderCount` headers are allowed, one more is not (the empty line that ends the head
  /// is not a header).
  @Test(arguments: [1, 8, 100])
  func allowsExactlyTheHeaderCountLimit(count: Int) {
    let limits = HTTPLimits(maximumHeaderCount: count)
    let request = { (headers: Int) in
      "GET / HTTP/1.1\r\nHost: x\r\n" + (1..<headers).map { "X-\($0): y\r\n" }.joined() + "\r\n"
    }
    guard case .complete = parse(request(count), limits: limits) else {
      Issue.record("\(count) headers refused with a limit of \(count)")
      return
    }
    #expect(failure(parse(request(count + 1), limits: limits)) == .headersTooLarge)
    let bare = "GET / HTTP/1.0\n" + (0..<count).map { "X-\($0): y\n" }.joined() + "\n"
    guard case .complete = parse(bare, limits: limits) else {
      Issue.record("\(count) headers ending in bare line feeds refused with a limit of \(count)")
      return
    }
  }

  @Test func boundsTheHeadAndTheRequestLine() {
    let limits = HTTPLimits(maximumRequestLineBytes: 64, maximumHeadBytes: 256)
    #expect(failure(parse("GET /" + String(repeating: "a", count: 100), limits: limits)) == .targetTooLong)
    #expect(
      failure(parse("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 300), limits: limits))
        == .headersTooLarge)
  }

  @Test func expectsContinueOnlyWithABody() {
    let withBody = parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
    guard case .incomplete(let head) = withBody else {
      Issue.record("expected incomplete")
      return
    }
    #expect(head?.expectsContinue == true)
  }

  @Test func decodesQueryValues() {
    guard case .complete(let head, _) = parse("GET /x?policy=win%62ack&a=b+c HTTP/1.1\r\nHost: x\r\n\r\n")
    else {
      Issue.record("not complete")
      return
    }
    #expect(head.queryValue("policy") == "winback")
    #expect(head.queryValue("a") == "b c")
    #expect(head.queryValue("missing") == nil)
  }

  /// The law the connection relies on: however the bytes are split into reads, the parser gives
  /// the result it gives for all of them at once.
  @Test(arguments: 0..<200)
  func splittingTheInputDoesNotChangeTheResult(seed: Int) {
    var random = SplitMix64(seed: UInt64(seed))
    let samples = [
      "POST /v1/decide HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nPlum-As-Of: 2026-01-01\r\n\r\n{}\r\n",
      "GET /metrics HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nX: \u{1}\r\n\r\n",
      "\r\n\r\nGET /healthz HTTP/1.1\nHost: x\n\n",
    ]
    var bytes = Array(samples[seed % samples.count].utf8)
    if seed % 3 == 0 {
      // Damage one byte so that failures are split too.
      bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
    }
    let whole = parse(bytes, cuts: [])
    let cuts = (0..<Int(random.next() % 6)).map { _ in Int(random.next() % UInt64(bytes.count + 1)) }
    #expect(parse(bytes, cuts: cuts) == whole)
    #expect(parse(bytes, cuts: Array(1..<bytes.count)) == whole)
  }
}

/// Damaged and random input, as a fuzzer would send it: the parser and the body framing never
/// trap, agree with themselves however the bytes are split, and stay within the bytes given.
@Suite struct HTTPRobustnessTests {
  private static let seeds = [
    "POST /v1/decide?as_of=2026-01-01 HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n[{\"a\":1}]GET / HTTP/1.0\r\n\r\n",
    "GET /healthz HTTP/1.1\nHost: a\nExpect: 100-continue\nContent-Length: 3\n\n{}\n",
    "POST /v1/explain HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 12\r\n\r\n{\"a\":\n[1,2]}",
  ]

  @Test(arguments: 0..<400)
  func survivesMutatedRequests(seed: Int) {
    var random = SplitMix64(seed: UInt64(seed) &* 7919)
    var bytes = Array(Self.seeds[seed % Self.seeds.count].utf8)
    for _ in 0..<(1 + random.nextInt(below: 6)) {
      let position = random.nextInt(below: bytes.count)
      switch random.nextInt(below: 4) {
      case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
      case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
      case 2: bytes.remove(at: position)
      default: bytes.insert(contentsOf: bytes[position...].prefix(8), at: position)
      }
      if bytes.isEmpty { bytes = [0] }
    }
    let limits = HTTPLimits(maximumRequestLineBytes: 64, maximumHeadBytes: 256, maximumHeaderCount: 8)
    var offset = 0
    while offset < bytes.count {
      let rest = Array(bytes[offset...])
      let whole = parse(rest, cuts: [], limits: limits)
      #expect(parse(rest, cuts: Array(1..<rest.count), limits: limits) == whole)
      guard case .complete(let head, let length) = whole else { break }
      #expect(length > 0 && length <= rest.count && head.headLength <= length)
      rest[head.headLength..<length].withUnsafeBufferPointer { body in
        if case .success(let found) = RequestRecords.scan(body) {
          #expect(found.records.allSatisfy { $0.range.lowerBound >= 0 && $0.range.upperBound <= body.count })
        }
      }
      offset += length
    }
  }

  @Test(arguments: 0..<200)
  func framesRandomBodiesWithinTheirBytes(seed: Int) {
    var random = SplitMix64(seed: UInt64(seed) &+ 1_000_003)
    let alphabet = Array("{}[]\",:\\ \n\rab1".utf8)
    let bytes = (0..<random.nextInt(below: 200)).map { _ in alphabet[random.nextInt(below: alphabet.count)] }
    bytes.withUnsafeBufferPointer { body in
      switch RequestRecords.scan(body) {
      case .success(let found):
        #expect(
          found.records.allSatisfy { !$0.range.isEmpty && $0.range.upperBound <= body.count && $0.line >= 1 })
      case .failure(let malformed):
        #expect(malformed.line >= 1 && malformed.column >= 1)
      }
    }
  }
}
