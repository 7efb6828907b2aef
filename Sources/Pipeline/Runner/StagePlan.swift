/// Which stages a run will execute: a pure decision from the recorded statuses and `--rerun`.
public enum StagePlan {
    /// The stages to reset before running (the rerun stage and every stage after it).
    public static func resets(stages: [StageName], rerun: StageName?) -> [StageName] {
        guard let rerun else { return [] }
        return stages.filter { $0 >= rerun }
    }

    /// The stages still to run, in order: every stage not recorded as done.
    public static func pending(stages: [StageName], statuses: [String: String]) -> [StageName] {
        stages.filter { statuses[$0.rawValue] != "done" }
    }
}
