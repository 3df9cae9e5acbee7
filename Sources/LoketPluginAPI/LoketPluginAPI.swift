// What a plugin imports: this module, which brings the RPC and message types along.
@_exported import LoketRPC
@_exported import LoketWire
@_exported import Logging
