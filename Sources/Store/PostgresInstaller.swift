import Foundation

/// Installs PostgreSQL from Debian's packages when its server tools are missing, so that a fresh
/// machine runs the demo and the tests with no manual step. Only as root with apt-get present, and
/// never when `PLUMBERLEADS_NO_INSTALL=1`.
public enum PostgresInstaller {
    /// Makes sure `initdb` and `pg_ctl` can be found; returns what it did, or nil if nothing was needed.
    @discardableResult
    public static func ensureInstalled(log: (String) -> Void = { _ in }) throws -> String? {
        if (try? LocalCluster.tool("initdb")) != nil, (try? LocalCluster.tool("pg_ctl")) != nil { return nil }
        let environment = ProcessInfo.processInfo.environment
        guard geteuid() == 0, environment["PLUMBERLEADS_NO_INSTALL"] != "1",
              FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get")
        else {
            throw StoreError(.postgresNotFound, "PostgreSQL's server tools are not installed: run `apt-get install postgresql` (as root) or set PLUMBERLEADS_DATABASE_URL")
        }
        log("PostgreSQL is not installed: installing Debian's postgresql package (set PLUMBERLEADS_NO_INSTALL=1 to prevent this)")
        let update = try Subprocess.run(["/usr/bin/apt-get", "update", "-qq"])
        guard update.status == 0 else { throw StoreError(.postgresNotFound, "apt-get update failed: \(update.output.suffix(500))") }
        let install = try Subprocess.run(["/usr/bin/env", "DEBIAN_FRONTEND=noninteractive", "/usr/bin/apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"])
        guard install.status == 0 else { throw StoreError(.postgresNotFound, "apt-get install postgresql failed: \(install.output.suffix(500))") }
        _ = try LocalCluster.tool("initdb")
        return "installed PostgreSQL from Debian's packages"
    }
}
