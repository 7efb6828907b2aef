import PostgresNIO

/// A short, data-free description of a PostgreSQL error: SQLSTATE and the server's message, never the
/// query text or its bound values (which may hold personal data).
public enum PostgresErrorText {
    public static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                return "postgres \(info[.sqlState] ?? "?"): \(info[.message] ?? "error")"
            }
            return "postgres: \(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            return describe(error.closureError ?? error.commitError ?? error.beginError ?? error)
        }
        return String(describing: error)
    }
}
