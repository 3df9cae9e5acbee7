// Users of the store use its statements, rows and codecs, which live in LoketSQL (no libpq there).
@_exported import LoketSQL
