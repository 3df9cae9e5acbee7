// What a plugin imports: this module, which brings along the RPC and message types and the SQL value types
// (statements with bound parameters, rows, codecs, migrations, store errors) and the working-day calendar —
// nothing of NIO, nghttp2 or libpq.
@_exported import LoketCalendar
@_exported import LoketRPC
@_exported import LoketSQL
@_exported import LoketWire
@_exported import Logging
