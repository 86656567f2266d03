-- A share link's snapshot is kept only while the link can show it: revoking it, or the partner's
-- next link after it expired, drops the document (made and revoked in a loop, 256 KB snapshots
-- would otherwise fill the disk within the write limits). The link's other columns stay, for
-- the partner's list and the audit trail.
ALTER TABLE shares ALTER COLUMN document DROP NOT NULL;
UPDATE shares SET document = NULL WHERE revoked_at IS NOT NULL OR expires_at <= now();
