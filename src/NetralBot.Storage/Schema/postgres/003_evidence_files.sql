-- Evidence files: the (metadata-stripped, encrypted) file lives on disk under its random id; this row tells which tip
-- it belongs to (NULL while still in a draft) so retention can overwrite and remove it with its tip or stale draft.
CREATE TABLE evidence_files (
    file_id    TEXT   NOT NULL PRIMARY KEY,        -- random, from the dialog; names the file on disk
    tip_id     BIGINT REFERENCES tips (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX evidence_files_tip ON evidence_files (tip_id);
