// libFuzzer target: bytes a client sends, through `plum serve`'s HTTP/1.x request parser the way a
// connection drives it (pipelined requests one after another), received in one read and in reads
// split at points the input picks; each request's body then through the scan that finds its
// records. Built by Fuzz/run.sh.
// The body scan is internal to PlumServer; Fuzz/run.sh's debug build allows testable imports.
@testable import PlumServer

/// One request the connection would answer: its head and its body's bytes.
struct Served: Equatable {
  var head: HTTPRequestHead
  var body: [UInt8]
}

/// Everything a connection makes of a byte stream: the requests it answers, in order, and how it
/// stands once the bytes run out.
struct Exchange: Equatable {
  enum End: Equatable {
    /// Waiting for more of the current request: the head if complete, and the bytes held.
    case waiting(HTTPRequestHead?, held: Int)
    /// The request is refused with this error and the connection closes.
    case failed(HTTPParseError)
  }

  var served: [Served] = []
  var end = End.waiting(nil, held: 0)
}

/// A small generator for the read sizes, seeded by the input.
struct ReadSizes {
  var state: UInt64

  mutating func next(below bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    mixed ^= mixed >> 31
    return Int(mixed % UInt64(bound))
  }
}

/// The limits an input picks: the server's defaults, or small ones that inputs of a few hundred
/// bytes can exceed (so the 413, 414 and 431 paths are reached).
func limits(_ choice: UInt8) -> HTTPLimits {
  switch choice & 0x03 {
  case 0: HTTPLimits()
  case 1:
    HTTPLimits(
      maximumRequestLineBytes: 64, maximumHeadBytes: 256, maximumHeaderCount: 8, maximumBodyBytes: 64)
  case 2:
    HTTPLimits(maximumRequestLineBytes: 16, maximumHeadBytes: 40, maximumHeaderCount: 1, maximumBodyBytes: 0)
  default:
    HTTPLimits(maximumRequestLineBytes: 32, maximumHeadBytes: 128, maximumHeaderCount: 3, maximumBodyBytes: 8)
  }
}

/// Feeds `bytes` to a parser as a connection does: after each read, every complete request is
/// taken off the front (the parser reset for the next), until one is incomplete or refused. The
/// properties every answer must have are checked on the way.
func exchange(_ bytes: [UInt8], limits: HTTPLimits, readSizes: inout ReadSizes?, largestRead: Int) -> Exchange
{
  var parser = HTTPRequestParser(limits: limits)
  var result = Exchange()
  // The bytes of the current request start at `start`; `received` have arrived.
  var start = 0
  var received = 0
  var lastHead: HTTPRequestHead?
  while received < bytes.count || received == 0 {
    // Reads of zero bytes happen too (a wake-up with nothing new) and must change nothing.
    let size = readSizes?.next(below: largestRead + 1) ?? bytes.count
    received = min(bytes.count, received + size)
    while true {
      let outcome = bytes[start..<received].withUnsafeBufferPointer { parser.parse($0) }
      switch outcome {
      case .incomplete(let head):
        if let head { check(head, limits: limits, available: received - start) }
        lastHead = head
      case .complete(let head, let length):
        check(head, limits: limits, available: received - start)
        guard length == head.headLength + head.contentLength, length <= received - start, length > 0 else {
          fuzzFailure(
            "a request of \(length) bytes with a \(head.headLength)-byte head in \(received - start)")
        }
        let body = Array(bytes[(start + head.headLength)..<(start + length)])
        checkRecords(body)
        result.served.append(Served(head: head, body: body))
        start += length
        parser.reset()
        lastHead = nil
        continue
      case .failed(let error):
        result.end = .failed(error)
        return result
      }
      break
    }
    if bytes.isEmpty { break }
  }
  result.end = .waiting(lastHead, held: received - start)
  return result
}

/// What every parsed head must satisfy, whatever the bytes.
func check(_ head: HTTPRequestHead, limits: HTTPLimits, available: Int) {
  guard head.headLength > 0, head.headLength <= available else {
    fuzzFailure("a head of \(head.headLength) bytes in \(available)")
  }
  // Up to eight empty lines may precede the request line; they are not part of the head's limit.
  guard head.headLength <= limits.maximumHeadBytes + 8 else {
    fuzzFailure("a head of \(head.headLength) bytes passed the \(limits.maximumHeadBytes)-byte limit")
  }
  guard head.contentLength >= 0, head.contentLength <= limits.maximumBodyBytes else {
    fuzzFailure("a body of \(head.contentLength) bytes passed the \(limits.maximumBodyBytes)-byte limit")
  }
  guard head.path.utf8.first == UInt8(ascii: "/"), head.path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
    !head.path.utf8.contains(UInt8(ascii: "?"))
  else { fuzzFailure("the path \(head.path.debugDescription) is not an absolute path of visible ASCII") }
  guard !head.expectsContinue || head.contentLength > 0 else {
    fuzzFailure("100 Continue is expected for a request without a body")
  }
  _ = head.queryValue("as_of")
  _ = head.queryValue("policy")
}

/// What the records found in a body must satisfy: each a non-empty range of the body (a lone
/// object or an array element starting with no whitespace), on the line it says, in order and not overlapping; a framing error points
/// into the body.
func checkRecords(_ body: [UInt8]) {
  body.withUnsafeBufferPointer { buffer in
    let lineCount = 1 + body.lazy.filter { $0 == 0x0A }.count
    switch RequestRecords.scan(buffer) {
    case .success(let found):
      // `[]` is a batch of none; any other accepted body holds a record.
      guard !found.records.isEmpty || found.shape == .array else {
        fuzzFailure("a body with no records was accepted")
      }
      var previousEnd = 0
      for record in found.records {
        let range = record.range
        guard !range.isEmpty, range.lowerBound >= previousEnd, range.upperBound <= body.count else {
          fuzzFailure("record \(range) in a body of \(body.count) bytes: \(found.records)")
        }
        // A JSON Lines record is the whole line, as `plum run` reads it; the others are trimmed.
        guard found.shape == .lines || ![0x20, 0x09, 0x0D, 0x0A].contains(body[range.lowerBound]) else {
          fuzzFailure("record \(range) starts with whitespace")
        }
        let line = 1 + body[..<range.lowerBound].lazy.filter { $0 == 0x0A }.count
        guard line == record.line else {
          fuzzFailure("record \(range) is on line \(line), not \(record.line)")
        }
        previousEnd = range.upperBound
      }
    case .failure(let malformed):
      guard malformed.line >= 1, malformed.line <= lineCount, malformed.column >= 1,
        malformed.column <= body.count + 1
      else { fuzzFailure("a framing error at \(malformed.line):\(malformed.column) in \(body.count) bytes") }
    }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  guard size >= 2 else { return 0 }
  // The first byte picks the limits (bits 0–1) and the largest read (bits 2–7, 1–64 bytes); the
  // second seeds the read sizes; the rest is what the client sends.
  let control = data[0]
  let bytes = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
  let limits = limits(control)
  let largestRead = Int(control >> 2) + 1
  var whole: ReadSizes? = nil
  var pieces: ReadSizes? = ReadSizes(state: UInt64(data[1]) &* 0x1000_0000_01B3)
  let inOneRead = exchange(bytes, limits: limits, readSizes: &whole, largestRead: largestRead)
  let inPieces = exchange(bytes, limits: limits, readSizes: &pieces, largestRead: largestRead)
  if inOneRead != inPieces {
    fuzzFailure("reads of up to \(largestRead) bytes give another exchange:\n\(inOneRead)\n\(inPieces)")
  }
  return 0
}
