-- What ops should know about a loaded file that is not an error: spend it replaced from another file.
ALTER TABLE source_files ADD COLUMN notes text[] NOT NULL DEFAULT '{}';
