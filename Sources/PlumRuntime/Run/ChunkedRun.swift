import Foundation
import PlumData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `plum run --jobs N`: one input decided on several threads, written as `run` writes it.
///
/// A reader thread cuts the input into chunks at line feeds; `jobs` worker threads, each with a
/// runner (and machine) of its own, read and decide whole chunks into memory; the calling thread
/// takes the chunks in input order and writes them. Everything that depends on order happens there,
/// record by record: record numbers, the duplicate-key check, the statistics, `strict`'s stop and
/// the progress calls. So the output is byte for byte what `run(_:to:explain:strict:firstRecord:progress:)`
/// writes. At most `2 × jobs + 2` chunks are held at once.
///
/// A CSV record may span lines inside quotes, so a chunk may end inside one. When a chunk's
/// reader says that a record may have gone on past the chunk (`ChunkEnding`), that chunk and
/// everything after it are read on the calling thread as one input, as `run` reads it. So is the
/// rest of an input after a line longer than the reader's record limit.
extension DecisionRunner {
  /// The chunk size `run(_:jobs:...)` uses unless told otherwise: 512 KiB.
  public static let defaultChunkSize = 1 << 19

  /// Decides every record of `reader` on `jobs` threads and writes each line in input order,
  /// exactly as `run(_:to:explain:strict:firstRecord:progress:)` does (which is what `jobs` ≤ 1
  /// calls).
  ///
  /// - Parameters:
  ///   - chunkSize: about how many bytes of input a chunk holds (a chunk always holds whole lines);
  ///     small values are for tests of chunk boundaries.
  public func run(
    _ reader: any ChunkedRecordReader, jobs: Int, chunkSize: Int = defaultChunkSize,
    to writer: JSONLinesWriter,
    explain: Bool = false, strict: Bool = false, firstRecord: Int = 1, progress: ((Int) -> Void)? = nil
  ) throws(DataError) -> Bool {
    guard jobs > 1 else {
      return try run(
        reader, to: writer, explain: explain, strict: strict, firstRecord: firstRecord, progress: progress)
    }
    let format = reader.chunkFormat
    let pipeline = ChunkPipeline(capacity: 2 * jobs + 2, remainder: reader.detachRemainder())
    let work = ChunkWork(
      program: program, asOf: machine.asOf, schema: schema, format: format, explain: explain,
      inputName: inputName, tracksKeys: keys != nil)
    pipeline.start(jobs: jobs, chunkSize: max(1, chunkSize), work: work)
    var record = firstRecord
    var allDecided = true
    var index = 0
    while true {
      switch pipeline.next(index) {
      case .chunk(let chunk, let outcome):
        if outcome.ending != .clean && !(outcome.ending == .insideRecord && chunk.isFinal) {
          let rest = pipeline.stop(collectingFrom: index + 1)
          let source = ChainedSource(
            pieces: [chunk.bytes] + rest.pieces, then: rest.source, base: chunk.offset)
          let sequential = format.reader(over: source, line: chunk.line, atStart: chunk.atStart)
          let decided = try run(
            sequential, to: writer, explain: explain, strict: strict, firstRecord: record, progress: progress)
          return allDecided && decided
        }
        if !write(
          outcome, record: &record, allDecided: &allDecided, strict: strict, to: writer, progress: progress)
        {
          pipeline.cancel()
          return false
        }
        index += 1
      case .end(.endOfInput):
        pipeline.cancel()
        return allDecided
      case .end(.remainder(let remainder)):
        pipeline.cancel()
        let source = ChainedSource(
          pieces: [remainder.pending], then: remainder.source, base: remainder.offset)
        let sequential = format.reader(over: source, line: remainder.line, atStart: remainder.atStart)
        let decided = try run(
          sequential, to: writer, explain: explain, strict: strict, firstRecord: record, progress: progress)
        return allDecided && decided
      }
    }
  }

  /// Writes one chunk's records in order with their record numbers, checking keys and counting as
  /// `run` does; false when `strict` stops at a record that was not decided.
  private func write(
    _ outcome: ChunkOutcome, record: inout Int, allDecided: inout Bool, strict: Bool,
    to writer: JSONLinesWriter,
    progress: ((Int) -> Void)?
  ) -> Bool {
    var outputStart = 0
    var keyStart = 0
    var giftStart = 0
    var observationStart = 0
    var codeIndex = 0
    for entry in outcome.entries {
      defer {
        outputStart = entry.outputEnd
        keyStart = entry.keyEnd
        giftStart = entry.giftEnd
        observationStart = entry.observationEnd
      }
      var duplicate: RecordError?
      if let keys, entry.hasKey {
        outcome.keys.withUnsafeBufferPointer { all in
          let key = UnsafeBufferPointer(rebasing: all[keyStart..<entry.keyEnd])
          if entry.kind == .readFailure {
            keys.admitFailed(key: key, record: record)
          } else {
            duplicate = keys.admit(key: key, line: entry.line, record: record)
          }
        }
      }
      if let duplicate {
        if entry.kind != .decided { codeIndex += 1 }
        reject(duplicate, record: record, to: writer)
        allDecided = false
      } else {
        writer.append(raw: "{\"record\":")
        writer.append(int: Int64(record))
        outcome.output.withUnsafeBytes { all in
          writer.append(bytes: UnsafeRawBufferPointer(rebasing: all[outputStart..<entry.outputEnd]))
        }
        counters[0] += 1
        if entry.kind == .decided {
          counters[1] += 1
          for gift in outcome.gifts[giftStart..<entry.giftEnd] {
            counters[3 + gift.reward] += 1
            switch gift.kind {
            case .points: totals[0] = saturatingAdd(totals[0], gift.amount)
            case .voucher: totals[1] = saturatingAdd(totals[1], gift.amount)
            default: break
            }
          }
          for (index, observation) in outcome.observations[observationStart..<entry.observationEnd]
            .enumerated()
          {
            constraintTallies[index].add(group: observation.group, selected: observation.selected)
          }
        } else {
          errorsByCode[outcome.codes[codeIndex], default: 0] += 1
          codeIndex += 1
          allDecided = false
        }
      }
      if !allDecided && strict { return false }
      if let progress, record & 0xFFFF == 0 { progress(record) }
      record += 1
    }
    return true
  }

  /// Reads and decides one chunk into memory, on a worker thread; lines leave out their record
  /// numbers, which only the writing thread knows.
  fileprivate func decide(_ chunk: InputChunk, work: ChunkWork, writer: JSONLinesWriter) -> ChunkOutcome {
    writer.removeAll()
    var outcome = ChunkOutcome()
    let reader = work.format.reader(
      over: ChunkSource(storage: chunk.storage, count: chunk.count), line: chunk.line,
      atStart: chunk.atStart, chunkSize: chunk.count + 1)
    let registry = work.tracksKeys ? keys : nil
    var row = schema.makeRow()
    do {
      while let status = try reader.next(into: &row) {
        var entry = ChunkOutcome.Entry()
        switch status {
        case .record:
          entry.line = row.line
          if let registry {
            entry.hasKey = registry.withKey(of: row) { outcome.keys.append(contentsOf: $0) } != nil
          }
          if decide(row, record: 0, explain: work.explain, to: writer) {
            entry.kind = .decided
            for reward in current.pointee.rewards {
              outcome.gifts.append(
                ChunkOutcome.Gift(reward: reward.index, kind: reward.gift.kind, amount: reward.gift.amount))
            }
            for index in constraintTallies.indices {
              let (group, selected) = constraintObservation(index, row: row)
              outcome.observations.append(ChunkOutcome.Observation(group: group, selected: selected))
            }
          } else {
            entry.kind = .fault
            outcome.codes.append((current.pointee.error ?? RuntimeFault(.overflow, site: -1)).code.rawValue)
          }
        case .failure(let error):
          entry.line = error.line
          entry.kind = .readFailure
          if registry != nil, var key = error.key {
            key.withUTF8 { outcome.keys.append(contentsOf: $0) }
            entry.hasKey = true
          }
          reject(error, record: 0, to: writer)
          outcome.codes.append(error.code.rawValue)
        }
        entry.outputEnd = writer.byteCount
        entry.keyEnd = outcome.keys.count
        entry.giftEnd = outcome.gifts.count
        entry.observationEnd = outcome.observations.count
        outcome.entries.append(entry)
      }
      outcome.ending = reader.chunkEnding
    } catch {
      // Reading memory cannot fail; should it, the chunk is read again on the writing thread.
      outcome.ending = .oversized
    }
    outcome.output = writer.bytes
    return outcome
  }
}

/// What a worker needs to decide chunks: all values, shared by the worker threads.
private struct ChunkWork: Sendable {
  let program: Program
  let asOf: Int64
  let schema: RecordSchema
  let format: RecordChunkFormat
  let explain: Bool
  let inputName: String?
  let tracksKeys: Bool
}

/// Some whole lines of an input.
private struct InputChunk: Sendable {
  /// The chunk's position in the input, from 0.
  var index: Int
  /// The chunk's bytes are the first `count` of `storage`.
  var storage: [UInt8]
  var count: Int
  /// The line number of the first byte.
  var line: Int
  /// The source's offset of the first byte.
  var offset: Int
  /// Whether the chunk starts the input.
  var atStart: Bool
  /// Whether the input ends with this chunk.
  var isFinal: Bool
}

extension InputChunk {
  /// The chunk's bytes.
  var bytes: [UInt8] { count == storage.count ? storage : Array(storage[0..<count]) }
}

/// A source over the first `count` bytes of an array, without copying them out first.
private struct ChunkSource: ByteSource {
  let storage: [UInt8]
  let count: Int
  var offset = 0

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    let size = min(buffer.count, count - offset)
    guard size > 0, let to = buffer.baseAddress else { return 0 }
    storage.withUnsafeBytes { from in
      if let start = from.baseAddress { to.copyMemory(from: start + offset, byteCount: size) }
    }
    offset += size
    return size
  }

  mutating func rewind(toOffset offset: Int) -> Bool {
    guard (0...count).contains(offset) else { return false }
    self.offset = offset
    return true
  }
}

/// One chunk's records as a worker decided them, to be written in order.
private struct ChunkOutcome: Sendable {
  enum Kind: UInt8, Sendable {
    case decided, fault, readFailure
  }

  /// One record: where its line (after the record number), its key text and its rewards end.
  struct Entry: Sendable {
    var outputEnd = 0
    var line = 0
    var keyEnd = 0
    var hasKey = false
    var kind = Kind.decided
    var giftEnd = 0
    var observationEnd = 0
  }

  /// A decided record's group and selection for one measured constraint.
  struct Observation: Sendable {
    var group: [String]?
    var selected: Bool
  }

  /// A reward given, for the statistics.
  struct Gift: Sendable {
    var reward: Int
    var kind: RewardKind
    var amount: Int64
  }

  var output: [UInt8] = []
  var entries: [Entry] = []
  var keys: [UInt8] = []
  var gifts: [Gift] = []
  /// For each decided record, one observation per measured constraint.
  var observations: [Observation] = []
  /// The error code of every record not decided, in order.
  var codes: [String] = []
  var ending = ChunkEnding.clean
}

/// How the reader thread stopped.
private enum ReaderEnd {
  /// It read the whole input; the source is kept, as a record read again may rewind it.
  case endOfInput(any ByteSource)
  /// It stopped before the end, when asked to, at a line too long for a chunk, or at a read that
  /// failed (then the remainder's source fails with the same error after its pending bytes);
  /// this is the rest.
  case remainder(InputRemainder)
}

/// The queues between the reader thread, the workers and the writing thread.
///
/// Every mutable property is read and written only while `condition` is locked, which is what
/// makes sharing the pipeline between threads safe.
private final class ChunkPipeline: @unchecked Sendable {
  enum Next {
    case chunk(InputChunk, ChunkOutcome)
    case end(ReaderEnd)
  }

  private let condition = NSCondition()
  private let capacity: Int
  /// The input to cut into chunks, until the reader thread takes it.
  private var remainder: InputRemainder?
  /// Chunks waiting for a worker, in order.
  private var waiting: [InputChunk] = []
  /// Chunks handed out and not yet written, by index: their bytes are read again if the input has
  /// to be read on the writing thread from one of them on.
  private var held: [Int: InputChunk] = [:]
  private var outcomes: [Int: ChunkOutcome] = [:]
  private var produced = 0
  private var written = 0
  private var end: ReaderEnd?
  private var stopping = false

  init(capacity: Int, remainder: InputRemainder) {
    self.capacity = capacity
    self.remainder = remainder
  }

  private func locked<Result>(_ body: () -> Result) -> Result {
    condition.lock()
    defer { condition.unlock() }
    return body()
  }

  /// Starts the reader thread and the workers.
  func start(jobs: Int, chunkSize: Int, work: ChunkWork) {
    let reader = Thread { [self] in read(chunkSize: chunkSize, limit: work.format.options.maximumRecordSize) }
    reader.stackSize = 1 << 20
    reader.start()
    for _ in 0..<jobs {
      let worker = Thread { [self] in decide(work) }
      worker.stackSize = 16 << 20
      worker.start()
    }
  }

  // MARK: The writing thread

  /// The outcome of chunk `index`, or how the input ended when there is no such chunk; waits.
  func next(_ index: Int) -> Next {
    locked {
      while true {
        if let outcome = outcomes.removeValue(forKey: index), let chunk = held.removeValue(forKey: index) {
          written += 1
          condition.broadcast()
          return .chunk(chunk, outcome)
        }
        if let end, index >= produced { return .end(end) }
        condition.wait()
      }
    }
  }

  /// Stops reading and deciding and returns the bytes from chunk `index` on (those not handed to
  /// the writing thread yet): the chunks' bytes, then the source the rest comes from.
  func stop(collectingFrom index: Int) -> (pieces: [[UInt8]], source: any ByteSource) {
    locked {
      stopping = true
      condition.broadcast()
      while end == nil { condition.wait() }
      var pieces = (index..<produced).compactMap { held[$0]?.bytes }
      held = [:]
      outcomes = [:]
      switch end {
      case .remainder(let rest)?:
        pieces.append(rest.pending)
        return (pieces, rest.source)
      case .endOfInput(let source)?:
        return (pieces, source)
      case nil:
        return (pieces, FailedSource(error: nil))
      }
    }
  }

  /// Stops reading and deciding without waiting for the threads.
  func cancel() {
    locked {
      stopping = true
      waiting = []
      condition.broadcast()
    }
  }

  // MARK: The reader thread

  private func read(chunkSize: Int, limit: Int) {
    guard
      var rest = locked({ () -> InputRemainder? in
        defer { remainder = nil }; return remainder
      })
    else {
      return
    }
    var pending = rest.pending
    var ended = false
    var searched = 0
    var block = [UInt8](repeating: 0, count: chunkSize)
    let longest = limit > Int.max / 2 ? Int.max / 2 : limit + 2
    var index = 0
    while true {
      if locked({ stopping }) { return finish(.remainder(rest.with(pending))) }
      var cut = 0
      while true {
        if ended {
          cut = pending.count
          break
        }
        if pending.count >= chunkSize, let found = Self.lastLineFeed(in: pending, from: searched) {
          cut = found + 1
          break
        }
        if pending.count > longest, Self.lastLineFeed(in: pending, from: searched) == nil {
          // A line too long for any record: the rest is read on the writing thread.
          return finish(.remainder(rest.with(pending)))
        }
        var failure: DataError?
        let received = block.withUnsafeMutableBytes { buffer -> Int in
          do throws(DataError) {
            return try rest.source.read(into: buffer)
          } catch {
            failure = error
            return 0
          }
        }
        if let failure {
          var failed = rest.with(pending)
          failed.source = FailedSource(error: failure)
          return finish(.remainder(failed))
        }
        if received == 0 {
          ended = true
        } else {
          if Self.lastLineFeed(in: pending, from: searched) == nil { searched = pending.count }
          pending.append(contentsOf: block[0..<received])
        }
      }
      if cut == 0 { return finish(.endOfInput(rest.source)) }
      let chunk = InputChunk(
        index: index, storage: pending, count: cut, line: rest.line, offset: rest.offset,
        atStart: rest.atStart,
        isFinal: ended && cut == pending.count)
      guard hand(chunk) else { return finish(.remainder(rest.with(pending))) }
      // The chunk keeps the old storage; the rest of the line goes to new storage with room for a chunk.
      var next: [UInt8] = []
      next.reserveCapacity(2 * chunkSize)
      next.append(contentsOf: pending[cut...])
      pending = next
      searched = 0
      rest.line += Self.lineFeeds(in: chunk.storage, count: cut)
      rest.offset += cut
      rest.atStart = false
      index += 1
      if chunk.isFinal { return finish(.endOfInput(rest.source)) }
    }
  }

  /// Queues a chunk for the workers once fewer than `capacity` are held; false when stopping.
  private func hand(_ chunk: InputChunk) -> Bool {
    locked {
      while produced - written >= capacity && !stopping { condition.wait() }
      if stopping { return false }
      held[chunk.index] = chunk
      waiting.append(chunk)
      produced += 1
      condition.broadcast()
      return true
    }
  }

  private func finish(_ end: ReaderEnd) {
    locked {
      self.end = end
      condition.broadcast()
    }
  }

  private static func lastLineFeed(in bytes: [UInt8], from start: Int) -> Int? {
    bytes.withUnsafeBufferPointer { buffer in
      var index = buffer.count - 1
      while index >= start {
        if buffer[index] == 0x0A { return index }
        index -= 1
      }
      return nil
    }
  }

  /// The line feeds among the first `count` bytes.
  private static func lineFeeds(in bytes: [UInt8], count: Int) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      guard var position = buffer.baseAddress else { return 0 }
      let end = position + min(count, buffer.count)
      var count = 0
      while position < end, let found = memchr(position, 0x0A, end - position) {
        count += 1
        position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
      }
      return count
    }
  }

  // MARK: The workers

  private func decide(_ work: ChunkWork) {
    let runner = DecisionRunner(program: work.program, asOf: work.asOf, schema: work.schema)
    runner.encoder.writesRecordNumbers = false
    runner.inputName = work.inputName
    let writer = JSONLinesWriter()
    while let chunk = take() {
      let outcome = runner.decide(chunk, work: work, writer: writer)
      locked {
        if !stopping || held[chunk.index] != nil { outcomes[chunk.index] = outcome }
        condition.broadcast()
      }
    }
  }

  /// The next chunk to decide, waiting for one; nil when there will be none.
  private func take() -> InputChunk? {
    locked {
      while true {
        if stopping { return nil }
        if !waiting.isEmpty { return waiting.removeFirst() }
        if end != nil { return nil }
        condition.wait()
      }
    }
  }
}

extension InputRemainder {
  /// The same remainder with other pending bytes.
  fileprivate func with(_ pending: [UInt8]) -> InputRemainder {
    var copy = self
    copy.pending = pending
    return copy
  }
}
