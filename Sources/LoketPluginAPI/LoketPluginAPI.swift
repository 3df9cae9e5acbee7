// What a plugin imports: this module, which brings the RPC and message types along, and from the store only its
// libpq-free value types (statements, results, codecs, migrations, errors), never the pool or connections.
@_exported import LoketRPC
@_exported import LoketWire
@_exported import Logging
@_exported import struct LoketStore.CalendarDate
@_exported import enum LoketStore.IsolationLevel
@_exported import struct LoketStore.Migration
@_exported import protocol LoketStore.PostgresArrayElement
@_exported import struct LoketStore.PostgresBinding
@_exported import typealias LoketStore.PostgresCodable
@_exported import struct LoketStore.PostgresColumn
@_exported import struct LoketStore.PostgresDataType
@_exported import protocol LoketStore.PostgresDecodable
@_exported import struct LoketStore.PostgresDecodingFailure
@_exported import protocol LoketStore.PostgresEncodable
@_exported import enum LoketStore.PostgresFormat
@_exported import struct LoketStore.PostgresJSON
@_exported import struct LoketStore.PostgresQuery
@_exported import struct LoketStore.PostgresRow
@_exported import struct LoketStore.PostgresRows
@_exported import struct LoketStore.StoreError
