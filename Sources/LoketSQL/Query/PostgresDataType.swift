/// A PostgreSQL type, identified by its OID (the numbers are fixed for the built-in types; see `pg_type`).
public struct PostgresDataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The type's OID.
    public var rawValue: UInt32

    /// Creates a type from its OID.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Lets the server infer the type from the context, as it does for a quoted literal.
    public static let unspecified = Self(rawValue: 0)
    /// `boolean`.
    public static let bool = Self(rawValue: 16)
    /// `bytea`.
    public static let bytea = Self(rawValue: 17)
    /// `name` (identifiers in the catalogs).
    public static let name = Self(rawValue: 19)
    /// `bigint`.
    public static let int8 = Self(rawValue: 20)
    /// `smallint`.
    public static let int2 = Self(rawValue: 21)
    /// `integer`.
    public static let int4 = Self(rawValue: 23)
    /// `text`.
    public static let text = Self(rawValue: 25)
    /// `oid`.
    public static let oid = Self(rawValue: 26)
    /// `json`.
    public static let json = Self(rawValue: 114)
    /// `real`.
    public static let float4 = Self(rawValue: 700)
    /// `double precision`.
    public static let float8 = Self(rawValue: 701)
    /// The type of an untyped literal.
    public static let unknown = Self(rawValue: 705)
    /// `character(n)`.
    public static let bpchar = Self(rawValue: 1042)
    /// `character varying(n)`.
    public static let varchar = Self(rawValue: 1043)
    /// `date`.
    public static let date = Self(rawValue: 1082)
    /// `timestamp without time zone`.
    public static let timestamp = Self(rawValue: 1114)
    /// `timestamp with time zone`.
    public static let timestamptz = Self(rawValue: 1184)
    /// `numeric`.
    public static let numeric = Self(rawValue: 1700)
    /// `uuid`.
    public static let uuid = Self(rawValue: 2950)
    /// `jsonb`.
    public static let jsonb = Self(rawValue: 3802)

    /// `boolean[]`.
    public static let boolArray = Self(rawValue: 1000)
    /// `smallint[]`.
    public static let int2Array = Self(rawValue: 1005)
    /// `integer[]`.
    public static let int4Array = Self(rawValue: 1007)
    /// `text[]`.
    public static let textArray = Self(rawValue: 1009)
    /// `character varying[]`.
    public static let varcharArray = Self(rawValue: 1015)
    /// `bigint[]`.
    public static let int8Array = Self(rawValue: 1016)
    /// `double precision[]`.
    public static let float8Array = Self(rawValue: 1022)
    /// `uuid[]`.
    public static let uuidArray = Self(rawValue: 2951)

    /// Whether values of this type are character strings.
    var isText: Bool {
        self == .text || self == .varchar || self == .bpchar || self == .name || self == .unknown
    }

    public var description: String {
        switch self {
        case .bool: "boolean"
        case .bytea: "bytea"
        case .int2: "smallint"
        case .int4: "integer"
        case .int8: "bigint"
        case .text: "text"
        case .varchar: "varchar"
        case .float4: "real"
        case .float8: "double precision"
        case .numeric: "numeric"
        case .date: "date"
        case .timestamp: "timestamp"
        case .timestamptz: "timestamptz"
        case .uuid: "uuid"
        case .json: "json"
        case .jsonb: "jsonb"
        default: "oid \(rawValue)"
        }
    }
}
