import Foundation

extension String: PostgresArrayElement {
    /// `text`.
    public static var postgresElementType: PostgresDataType { .text }
    /// `text[]`.
    public static var postgresArrayType: PostgresDataType { .textArray }
}

extension Int: PostgresArrayElement {
    /// `bigint`.
    public static var postgresElementType: PostgresDataType { .int8 }
    /// `bigint[]`.
    public static var postgresArrayType: PostgresDataType { .int8Array }
}

extension Int64: PostgresArrayElement {
    /// `bigint`.
    public static var postgresElementType: PostgresDataType { .int8 }
    /// `bigint[]`.
    public static var postgresArrayType: PostgresDataType { .int8Array }
}

extension Int32: PostgresArrayElement {
    /// `integer`.
    public static var postgresElementType: PostgresDataType { .int4 }
    /// `integer[]`.
    public static var postgresArrayType: PostgresDataType { .int4Array }
}

extension Int16: PostgresArrayElement {
    /// `smallint`.
    public static var postgresElementType: PostgresDataType { .int2 }
    /// `smallint[]`.
    public static var postgresArrayType: PostgresDataType { .int2Array }
}

extension Bool: PostgresArrayElement {
    /// `boolean`.
    public static var postgresElementType: PostgresDataType { .bool }
    /// `boolean[]`.
    public static var postgresArrayType: PostgresDataType { .boolArray }
}

extension Double: PostgresArrayElement {
    /// `double precision`.
    public static var postgresElementType: PostgresDataType { .float8 }
    /// `double precision[]`.
    public static var postgresArrayType: PostgresDataType { .float8Array }
}

extension UUID: PostgresArrayElement {
    /// `uuid`.
    public static var postgresElementType: PostgresDataType { .uuid }
    /// `uuid[]`.
    public static var postgresArrayType: PostgresDataType { .uuidArray }
}
