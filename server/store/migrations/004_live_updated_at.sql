-- The cache's safety sweep (server/live-sweep.ts) asks which partners' live version changed
-- since its last look, once a minute on every instance: an index, not a scan of every partner.
CREATE INDEX live_updated_at ON live (updated_at);
