/// The roster's limits as SQL, for tests that prove no run — interrupted or not — exceeds them.
public enum RosterLimits {
    /// One row per broken limit (`PL-0006 daily 2026-11-24: 4 > 3`); none when every cap and budget holds.
    public static let violations = """
        SELECT p.external_id || ' daily ' || a.business_date || ': ' || count(*) || ' > ' || p.daily_cap
        FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE a.status = 'active'
        GROUP BY p.external_id, p.daily_cap, a.business_date HAVING count(*) > p.daily_cap
        UNION ALL
        SELECT p.external_id || ' weekly ' || date_trunc('week', a.business_date)::date || ': ' || count(*) || ' > ' || p.weekly_cap
        FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE a.status = 'active' AND p.weekly_cap IS NOT NULL
        GROUP BY p.external_id, p.weekly_cap, date_trunc('week', a.business_date) HAVING count(*) > p.weekly_cap
        UNION ALL
        SELECT p.external_id || ' budget ' || date_trunc('month', a.business_date)::date || ': ' || sum(a.price_cents) || ' > ' || p.monthly_budget_cents
        FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE a.status = 'active' AND p.monthly_budget_cents IS NOT NULL
        GROUP BY p.external_id, p.monthly_budget_cents, date_trunc('month', a.business_date) HAVING sum(a.price_cents) > p.monthly_budget_cents
        UNION ALL
        SELECT p.external_id || ' paused but assigned lead ' || a.lead_id
        FROM assignments a JOIN plumbers p ON p.id = a.plumber_id WHERE NOT p.active
        UNION ALL
        SELECT 'assignment ' || a.id || ' charged ' || count(*) || ' times'
        FROM assignments a JOIN charges c ON c.assignment_id = a.id GROUP BY a.id HAVING count(*) > 1
        """
}
