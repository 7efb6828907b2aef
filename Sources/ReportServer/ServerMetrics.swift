import Foundation
import Hummingbird
import Prometheus

/// Requests by route and status, and their latency, in a Prometheus registry of the server's own (no
/// global metrics system, so tests can run many servers in one process). `/metrics` shows it to admins
/// and to the machine itself (a scraper on the loopback), no one else.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2)]

    public init() {}

    /// Counts a request to `route` (the route's pattern, never the raw path) that answered `status`.
    func record(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "plumberleads", subsystem: "http", metricName: "requests", unitName: "total", helpText: "Requests by route and status"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "plumberleads", subsystem: "http", metricName: "request_duration", unitName: "seconds", helpText: "Time to answer, by route"),
            labels: [("method", method), ("route", route)], buckets: Self.buckets
        ).record(duration)
    }

    /// The registry in Prometheus' text format.
    var text: String { registry.emitToString() }
}

/// Records every request's route, status and time (outermost but for the headers, so errors count too).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        // The matched route's pattern (`/me/days/{date}`), so ids never become labels; unmatched paths are all `NotFound`.
        let route = context.endpointPath ?? "NotFound"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}
