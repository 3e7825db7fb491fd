import PlumChecker
import PlumDiagnostics
import PlumSyntax

/// The state of lowering one policy: register files, constant pools, code blocks and labels.
///
/// Code is emitted into blocks (the main block, one per declaration, one per `because`) that refer
/// to each other through labels; `link()` lays the blocks out and resolves labels to addresses.
final class Lowerer {
  let policy: CheckedPolicy
  /// The policy's source.
  let policySource: SourceFile
  /// The source of an expression of its own being lowered (a REPL line, `plum eval`'s argument),
  /// whose spans are positions in it; nil while lowering the policy's own expressions.
  var foreign: SourceFile?
  /// The sites made for the foreign expression: their spans are positions in its source.
  var foreignSites: Set<Int32> = []
  /// The tables keyed by span that belong to the other source than the one being lowered: spans of
  /// two sources are not comparable, so each has its own.
  private var otherSiteIndexes: [SourceRange: Int32] = [:]
  private var otherFolded: [FoldKey: Constant?] = [:]
  private var otherReportedRanges: Set<SourceRange> = []
  /// The diagnostics lowering the policy itself gave, before any probe.
  var policyDiagnostics: [Diagnostic] = []
  /// Diagnostics about the policy's declarations met while lowering a foreign expression.
  var policyDiagnosticsWhileForeign: [Diagnostic] = []
  /// The source the spans being lowered point into.
  var source: SourceFile { foreign ?? policySource }
  let options: LoweringOptions
  var diagnostics = DiagnosticBag()
  private var reportedRanges: Set<SourceRange> = []

  // Register files and their initial (constant) contents.
  var initialInts: [Int64] = []
  var initialFloats: [Double] = []
  var initialStrings: [String] = []
  var initialLists: [ListValue] = []
  var intConstants: [Int64: Register] = [:]
  var floatConstants: [UInt64: Register] = [:]
  // Keyed by bytes: strings that differ in their scalars are different constants.
  var stringConstants: [[UInt8]: Register] = [:]

  // Tables the program carries.
  var intSets: [[Int64]] = []
  var floatSets: [[Double]] = []
  var stringSets: [[String]] = []
  var strings: [String] = []
  var displays: [Display] = []
  var enumerations: [[String]] = []
  var sites: [Site] = []
  var siteIndexes: [SourceRange: Int32] = [:]

  // Code.
  var blocks: [[Instruction]] = [[]]
  var currentBlock = 0
  private var labels: [(block: Int, offset: Int)?] = []

  // Declarations.
  var declarations: [DeclarationInfo] = []
  var declarationEntries: [Int] = []
  var loweredDeclarations: [DeclarationReference: LoweredDeclaration] = [:]
  var inProgress: Set<DeclarationReference> = []
  var models: [ModelProgram] = []
  var foldCache: [DeclarationReference: Constant?] = [:]
  /// Folded values by expression, so folding stays linear in the size of the policy.
  var folded: [FoldKey: Constant?] = [:]
  var folding: Set<DeclarationReference> = []
  /// While folding a constant subtree in one machine run: where each operation already lowered for
  /// that run left its value, so its parent reads it instead of folding or lowering it again.
  var foldOperands: [FoldKey: Operand] = [:]
  /// Which values carry personal data (redacted from `because` texts, explanations and eval), by
  /// the analysis's rule.
  lazy var personalData = PersonalDataFlow(policy: policy)
  /// The float register each k-means model writes its distance to the nearest centre into, by name.
  var segmentDistances: [String: Register] = [:]
  /// Whether running a declaration may meet a consent gate.
  var requiresConsent: [DeclarationReference: Bool] = [:]
  /// Whether the code lowered since the current reward began may meet a consent gate.
  var consentReachable = false
  /// How deep lowering is inside declaration bodies (0: main and `because` blocks).
  var declarationDepth = 0
  /// Whether the main-block code being emitted runs for every record (no conditional jump yet).
  var unconditional = false
  /// Declarations already run unconditionally earlier in the main block.
  var computedInMain: Set<Int32> = []

  // Fixed registers.
  var inputs = InputLayout(
    fields: [], intSlots: 0, floatSlots: 0, stringSlots: 0, visibleKey: nil, keyField: nil)
  var asOfRegister: Register = 0
  /// Whether any code lowered so far reads the as-of date.
  var readsAsOf = false
  var consentFailureRegister: Register = 0
  /// Whether code may read the record's decision (`rewards`, `reason`, reward names): only probes
  /// may, as they run after the runner filled `decisionSlots`.
  var readsDecision = false
  /// The registers holding the decision, once some probe reads it.
  var decisionSlots: DecisionSlots?

  /// The decision's registers, made on first use.
  func decisionSlot() -> DecisionSlots {
    if let decisionSlots { return decisionSlots }
    let slots = DecisionSlots(
      decided: freshInt(), rewards: freshList(), reason: freshString(),
      given: policy.rewards.map { _ in freshInt() })
    decisionSlots = slots
    return slots
  }

  init(policy: CheckedPolicy, source: SourceFile, options: LoweringOptions) {
    self.policy = policy
    self.policySource = source
    self.options = options
  }

  // MARK: Diagnostics

  /// How many problems lowering has met, counting repeats at one span.
  var problemCount = 0
  /// The message of the last problem met.
  var lastProblem: String?

  /// Reports a diagnostic once per span.
  func reportOnce(_ code: DiagnosticCode, _ message: String, at range: SourceRange) {
    problemCount += 1
    lastProblem = message
    guard reportedRanges.insert(range).inserted else { return }
    diagnostics.report(code, message, at: range)
  }

  // MARK: Registers

  func freshInt(_ initial: Int64 = 0) -> Register {
    initialInts.append(initial)
    return Register(initialInts.count - 1)
  }

  func freshFloat() -> Register {
    initialFloats.append(0)
    return Register(initialFloats.count - 1)
  }

  func freshString() -> Register {
    initialStrings.append("")
    return Register(initialStrings.count - 1)
  }

  func freshList() -> Register {
    initialLists.append(.ints([]))
    return Register(initialLists.count - 1)
  }

  /// A register holding `value` for the whole run.
  func constantInt(_ value: Int64) -> Register {
    if let register = intConstants[value] { return register }
    let register = freshInt(value)
    intConstants[value] = register
    return register
  }

  func constantFloat(_ value: Double) -> Register {
    if let register = floatConstants[value.bitPattern] { return register }
    initialFloats.append(value)
    let register = Register(initialFloats.count - 1)
    floatConstants[value.bitPattern] = register
    return register
  }

  func constantString(_ value: String) -> Register {
    if let register = stringConstants[Array(value.utf8)] { return register }
    initialStrings.append(value)
    let register = Register(initialStrings.count - 1)
    stringConstants[Array(value.utf8)] = register
    return register
  }

  // MARK: Tables

  func text(_ value: String) -> Int32 {
    if let index = strings.firstIndex(where: { Text.same($0, value) }) { return Int32(index) }
    strings.append(value)
    return Int32(strings.count - 1)
  }

  func display(_ kind: DisplayKind, _ format: DisplayFormat) -> Int32 {
    let display = Display(kind: kind, format: format)
    if let index = displays.firstIndex(of: display) { return Int32(index) }
    displays.append(display)
    return Int32(displays.count - 1)
  }

  func enumeration(_ type: EnumType) -> Int32 {
    if let index = enumerations.firstIndex(of: type.cases) { return Int32(index) }
    enumerations.append(type.cases)
    return Int32(enumerations.count - 1)
  }

  func intSet(_ values: [Int64]) -> Int32 {
    let set = Array(Set(values)).sorted()
    if let index = intSets.firstIndex(of: set) { return Int32(index) }
    intSets.append(set)
    return Int32(intSets.count - 1)
  }

  func floatSet(_ values: [Double]) -> Int32 {
    floatSets.append(values)
    return Int32(floatSets.count - 1)
  }

  func stringSet(_ values: [String]) -> Int32 {
    var seen = Set<String>()
    let set = values.filter { seen.insert($0).inserted }
    if let index = stringSets.firstIndex(of: set) { return Int32(index) }
    stringSets.append(set)
    return Int32(stringSets.count - 1)
  }

  /// The site index for an expression's span, for runtime error messages.
  func site(_ range: SourceRange) -> Int32 {
    if let index = siteIndexes[range] { return index }
    let location = source.location(of: range.start)
    sites.append(
      Site(range: range, line: location.line, column: location.column, text: sourceText(range, limit: 60)))
    let index = Int32(sites.count - 1)
    siteIndexes[range] = index
    if foreign != nil { foreignSites.insert(index) }
    return index
  }

  /// Starts (a source) or ends (nil) lowering an expression of its own, switching the tables
  /// keyed by span to that source's.
  func setForeign(_ file: SourceFile?) {
    if (file == nil) != (foreign == nil) {
      swap(&siteIndexes, &otherSiteIndexes)
      swap(&folded, &otherFolded)
      swap(&reportedRanges, &otherReportedRanges)
    }
    foreign = file
  }

  /// The source text of a span on one line, whitespace runs collapsed, shortened past `limit`
  /// (see `collapsedSourceText`).
  func sourceText(_ range: SourceRange, limit: Int = 200) -> String {
    collapsedSourceText(source, range, limit: limit)
  }

  // MARK: Code and labels

  func emit(_ instruction: Instruction) {
    if declarationDepth == 0 && instruction.opcode.branches { unconditional = false }
    blocks[currentBlock].append(instruction)
  }

  /// Removes the instruction at `offset` of the current block, moving later labels back.
  func removeInstruction(at offset: Int) {
    blocks[currentBlock].remove(at: offset)
    for index in labels.indices {
      if let position = labels[index], position.block == currentBlock, position.offset > offset {
        labels[index] = (position.block, position.offset - 1)
      }
    }
  }

  /// Starts a new block and makes it current; returns the previous block to restore.
  func beginBlock() -> Int {
    let previous = currentBlock
    blocks.append([])
    currentBlock = blocks.count - 1
    return previous
  }

  /// How many labels exist.
  var labelCount: Int { labels.count }

  /// Forgets the labels made after the first `count`.
  func truncateLabels(to count: Int) { labels.removeLast(labels.count - count) }

  func newLabel() -> Address {
    labels.append(nil)
    return Address(labels.count - 1)
  }

  func place(_ label: Address) {
    labels[Int(label)] = (currentBlock, blocks[currentBlock].count)
  }

  /// Lays out the blocks (main first) and replaces labels with addresses.
  func link() -> (code: [Instruction], addresses: [Address]) {
    var starts: [Int] = []
    var offset = 0
    for block in blocks {
      starts.append(offset)
      offset += block.count
    }
    let addresses: [Address] = labels.map { position in
      guard let position else { return 0 }
      return Address(starts[position.block] + position.offset)
    }
    var code: [Instruction] = []
    code.reserveCapacity(offset)
    for block in blocks {
      for instruction in block {
        code.append(instruction.relocated { addresses[Int($0)] })
      }
    }
    return (code, addresses)
  }
}

/// A let, rule or model after lowering: an alias of registers computed elsewhere, or a block.
enum LoweredDeclaration {
  /// No code of its own: its value is in these registers (constants or input fields).
  case alias(Operand)
  /// A block run by `ensure` at `entry` (a label), leaving its value in these registers.
  case block(index: Int32, entry: Address, Operand)
}
