import CLibPQ

/// Gathers an exchange's results as libpq parses them: for a plain exchange, PQexec's rule (the first failure,
/// else the last result); for a pipeline, one such result per segment (the statements up to a sync point), in
/// order, until every sync point is in.
///
/// Used under the channel's lock or by the sender that owns the connection, never by two threads at once.
struct ExchangeCollector {
    /// The result kept so far for the exchange or the current segment.
    private var kept: OpaquePointer?
    /// A pipeline: sync points still to come. Nil for a plain exchange.
    private var syncsLeft: Int?
    /// The pipeline's finished segments, in order.
    private var segments: [LibPQChannel.Exchange] = []
    /// NULLs from `PQgetResult` in a row: in a pipeline one ends each statement's results, a second means libpq
    /// has nothing more although sync points are missing.
    private var nulls = 0
    /// Results read since the connection was found lost.
    private var readsAfterLoss = 0

    /// A collector for a plain exchange.
    init() {}

    /// A collector for a pipeline of `segments` sync points.
    init(pipelineSegments segments: Int) {
        syncsLeft = segments
        self.segments.reserveCapacity(segments)
    }

    /// Reads what libpq has parsed; the whole exchange once it is complete (or the connection broke), nil while
    /// more input must arrive.
    mutating func collect(_ handle: OpaquePointer) -> LibPQChannel.Exchange? {
        syncsLeft == nil ? collectPlain(handle) : collectPipeline(handle)
    }

    /// Frees whatever was collected but not handed out (a channel closing during an exchange).
    mutating func discard() {
        if let kept { PQclear(kept) }
        kept = nil
        for segment in segments {
            if let result = segment.result { PQclear(result) }
        }
        segments = []
    }

    private mutating func collectPlain(_ handle: OpaquePointer) -> LibPQChannel.Exchange? {
        // PQisBusy is false on a broken connection, so PQgetResult then reports the failure and ends.
        while PQisBusy(handle) == 0 {
            guard let next = PQgetResult(handle) else { return finish(handle) }
            Self.keep(next, in: &kept)
        }
        // Busy yet broken should not happen; never leave the task waiting on a dead socket.
        return PQstatus(handle) == CONNECTION_OK ? nil : finish(handle)
    }

    private mutating func finish(_ handle: OpaquePointer) -> LibPQChannel.Exchange {
        defer { kept = nil }
        return LibPQChannel.finished(handle, result: kept)
    }

    private mutating func collectPipeline(_ handle: OpaquePointer) -> LibPQChannel.Exchange? {
        while let left = syncsLeft, left > 0 {
            if PQstatus(handle) == CONNECTION_OK {
                guard PQisBusy(handle) == 0 else { return nil }
            } else {
                // Lost, perhaps in the same read that brought the last answers: libpq still hands out what it
                // had buffered (then an error and NULLs, which end the loop). A bound, in case it never stops.
                readsAfterLoss += 1
                if readsAfterLoss > 4 * left + 16 { return failRemaining(handle) }
            }
            guard let next = PQgetResult(handle) else {
                nulls += 1
                if nulls > 1 { return failRemaining(handle) }
                continue
            }
            nulls = 0
            guard PQresultStatus(next) == PGRES_PIPELINE_SYNC else {
                // PGRES_PIPELINE_ABORTED follows a failure in the same segment, which `keep` holds on to.
                Self.keep(next, in: &kept)
                continue
            }
            PQclear(next)
            // A segment whose sync point arrived is complete, even if the connection broke after it.
            segments.append(LibPQChannel.Exchange(
                result: kept, connectionOK: true, transactionStatus: PQTRANS_IDLE,
                errorMessage: kept.map(LibPQ.isFailure) == false ? nil : LibPQ.errorMessage(handle)))
            kept = nil
            syncsLeft = left - 1
        }
        // Every sync point is in, so nothing is pending and the connection can leave pipeline mode.
        let exited = PQexitPipelineMode(handle) == 1
        return summary(handle, connectionOK: exited && PQstatus(handle) == CONNECTION_OK)
    }

    /// The connection broke (or libpq lost track) before every sync point arrived: the segments still open fail
    /// with the connection's error, and the connection is reported lost so that it is not used again.
    private mutating func failRemaining(_ handle: OpaquePointer) -> LibPQChannel.Exchange {
        let message = LibPQ.errorMessage(handle)
        while let left = syncsLeft, left > 0 {
            segments.append(LibPQChannel.Exchange(
                result: kept, connectionOK: false, transactionStatus: PQTRANS_UNKNOWN, errorMessage: message))
            kept = nil
            syncsLeft = left - 1
        }
        return summary(handle, connectionOK: false)
    }

    private mutating func summary(_ handle: OpaquePointer, connectionOK: Bool) -> LibPQChannel.Exchange {
        defer { segments = [] }
        var exchange = LibPQChannel.Exchange(
            result: nil, connectionOK: connectionOK,
            transactionStatus: connectionOK ? PQtransactionStatus(handle) : PQTRANS_UNKNOWN,
            errorMessage: connectionOK ? nil : LibPQ.errorMessage(handle))
        exchange.segments = segments
        return exchange
    }

    /// PQexec's rule for several results: the first failure wins, otherwise the last result.
    private static func keep(_ next: OpaquePointer, in kept: inout OpaquePointer?) {
        guard let current = kept else {
            kept = next
            return
        }
        switch PQresultStatus(current) {
        case PGRES_FATAL_ERROR, PGRES_BAD_RESPONSE:
            PQclear(next)
        default:
            PQclear(current)
            kept = next
        }
    }
}
