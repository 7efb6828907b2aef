-- A run can exist before it has started: `plumberleads ingest` loads files into a day ahead of its run.
ALTER TABLE pipeline_runs DROP CONSTRAINT pipeline_runs_status_check;
ALTER TABLE pipeline_runs ADD CONSTRAINT pipeline_runs_status_check CHECK (status IN ('pending', 'running', 'done', 'failed'));
