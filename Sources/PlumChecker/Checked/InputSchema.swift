import PlumDiagnostics
import PlumSyntax

/// The input schema flattened: every value field with its dotted path and a dense index.
public struct InputSchema: Hashable, Sendable {
  /// The input's name, such as `participant`; it is the record root in expressions.
  public var name: Identifier
  /// Every value field (not groups), depth first in declaration order; a field's position is its index.
  public var fields: [SchemaField]
  /// The whole record's type, with groups as nested records.
  public var recordType: RecordType

  /// Creates a schema.
  public init(name: Identifier, fields: [SchemaField], recordType: RecordType) {
    self.name = name
    self.fields = fields
    self.recordType = recordType
  }

  /// The index of the field with a dotted path such as `consent.marketing`.
  public func index(ofPath path: String) -> Int? { fields.firstIndex { $0.path == path } }

  /// The index of the `key` field, if one is declared.
  public var keyField: Int? { fields.firstIndex { $0.attributes.isKey } }
}

/// One value field of the input.
public struct SchemaField: Hashable, Sendable {
  /// The dotted path below the input root, such as `consent.marketing`.
  public var path: String
  /// The field's own name as written.
  public var name: Identifier
  /// The field's type (optional fields have `.optional`).
  public var type: PlumType
  /// The field's attributes.
  public var attributes: FieldAttributes
  /// The documentation comment, if any.
  public var doc: String?

  /// Creates a field.
  public init(path: String, name: Identifier, type: PlumType, attributes: FieldAttributes, doc: String?) {
    self.path = path
    self.name = name
    self.type = type
    self.attributes = attributes
    self.doc = doc
  }
}

/// The attributes written after a field's type.
public struct FieldAttributes: Hashable, Sendable {
  /// `key`: identifies the record in output and errors.
  public var isKey: Bool = false
  /// `protected`: may be audited, never decided on.
  public var isProtected: Bool = false
  /// `pii`: never echoed in output or explanations.
  public var isPII: Bool = false
  /// `purpose NAME`: reading the field needs `consent.NAME`.
  public var purpose: Identifier?

  /// Creates attributes; all off by default.
  public init(isKey: Bool = false, isProtected: Bool = false, isPII: Bool = false, purpose: Identifier? = nil)
  {
    self.isKey = isKey
    self.isProtected = isProtected
    self.isPII = isPII
    self.purpose = purpose
  }
}
