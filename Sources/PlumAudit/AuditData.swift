import PlumStatistics

/// Everything a fairness audit measures, as plain columns: one entry per audited record in each.
///
/// Whoever makes the decisions (a run of the policy now, or a decision file joined with the data)
/// fills it with `append`; `FairnessAudit` then measures it. Nothing here is a Plum language type.
public struct AuditData: Sendable {
  /// A grouping attribute, such as a protected field.
  public struct Attribute: Sendable, Hashable {
    /// The field's name as the report shows it.
    public var name: String
    /// Whether the policy declares it `protected` (an attribute that is not is audited all the same,
    /// with a note).
    public var isProtected: Bool

    /// Creates an attribute.
    public init(name: String, isProtected: Bool) {
      self.name = name
      self.isProtected = isProtected
    }
  }

  /// Something that selects records: any reward given, one reward, or a rule.
  public struct Subject: Sendable, Hashable {
    /// What kind of selection it is.
    public enum Kind: String, Sendable, Hashable {
      /// Whether the record received any reward.
      case rewarded
      /// Whether the record received one reward.
      case reward
      /// Whether a rule held for the record.
      case rule
      /// Whether a k-means model put the record in one segment.
      case segment
    }

    /// The subject's name (`rewarded`, a reward's or a rule's name, a segment's name).
    public var name: String
    /// Its kind.
    public var kind: Kind
    /// For a segment, the k-means model's name.
    public var model: String?

    /// Creates a subject.
    public init(name: String, kind: Kind, model: String? = nil) {
      self.name = name
      self.kind = kind
      self.model = model
    }

    /// Whether an impact ratio under four fifths makes the audit fail: true for what the programme
    /// gives (any reward, each reward); rules and segments are the reasons behind it and are only
    /// reported.
    public var isGate: Bool { kind == .rewarded || kind == .reward }
  }

  /// A model whose scores are summarised by group.
  public struct Model: Sendable, Hashable {
    /// The model's name.
    public var name: String
    /// Its kind, as the policy names it (`logistic`, `trees`…).
    public var kind: String
    /// The consent purpose it needs, if any: records without that consent are never scored.
    public var purpose: String?

    /// Creates a model.
    public init(name: String, kind: String, purpose: String?) {
      self.name = name
      self.kind = kind
      self.purpose = purpose
    }
  }

  /// The grouping attributes, in the order given.
  public let attributes: [Attribute]
  /// The selections audited, in report order.
  public let subjects: [Subject]
  /// The models audited, in report order.
  public let models: [Model]
  /// The outcome column's name, when error rates are measured against one.
  public let outcomeName: String?

  /// Each attribute's value per audited record (nil where missing), one column per attribute.
  public private(set) var groups: [[String?]]
  /// Each subject's value per audited record (nil where it was not evaluated).
  public private(set) var selections: [[Bool?]]
  /// Each model's score per audited record (nil where it was not scored).
  public private(set) var scores: [[Double?]]
  /// The outcome per audited record (nil where missing or when there is no outcome column).
  public private(set) var outcomes: [Bool?] = []
  /// Records read, audited or not.
  public private(set) var recordsRead = 0
  /// Records that could not be audited, by reason (an error code and its summary).
  public private(set) var notAudited: [String: Int] = [:]
  /// Caveats about the whole audit from whoever filled it (decisions that matched no record),
  /// each called out in the report.
  public var remarks: [String] = []

  /// Creates empty data for these attributes, subjects and models.
  public init(attributes: [Attribute], subjects: [Subject], models: [Model], outcomeName: String?) {
    self.attributes = attributes
    self.subjects = subjects
    self.models = models
    self.outcomeName = outcomeName
    groups = Array(repeating: [], count: attributes.count)
    selections = Array(repeating: [], count: subjects.count)
    scores = Array(repeating: [], count: models.count)
  }

  /// The number of records audited.
  public var count: Int { outcomes.count }

  /// Adds one audited record; each array has one entry per attribute, subject or model (missing
  /// entries count as nil, extra ones are ignored).
  public mutating func append(
    groups values: [String?], selections selected: [Bool?], scores scored: [Double?], outcome: Bool?
  ) {
    recordsRead += 1
    for index in groups.indices { groups[index].append(index < values.count ? values[index] : nil) }
    for index in selections.indices {
      selections[index].append(index < selected.count ? selected[index] : nil)
    }
    for index in scores.indices { scores[index].append(index < scored.count ? scored[index] : nil) }
    outcomes.append(outcome)
  }

  /// Counts a record that could not be audited (a read error, an evaluation error, a repeated key).
  public mutating func reject(reason: String) {
    recordsRead += 1
    notAudited[reason, default: 0] += 1
  }
}
