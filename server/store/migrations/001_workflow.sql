-- The review workflow: drafts, immutable submissions, approved versions, what is live, audit.

CREATE TABLE tokens (
  id          text PRIMARY KEY,
  hash        text NOT NULL UNIQUE,
  role        text NOT NULL CHECK (role IN ('partner', 'reviewer')),
  partner_id  text,
  label       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  CHECK ((role = 'partner') = (partner_id IS NOT NULL))
);

-- One draft per partner, saved even when invalid, with its validation result.
CREATE TABLE drafts (
  partner_id  text PRIMARY KEY,
  document    jsonb NOT NULL,
  revision    integer NOT NULL CHECK (revision > 0),
  valid       boolean NOT NULL,
  errors      jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL
);

CREATE TABLE submissions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partner_id     text NOT NULL,
  document       jsonb NOT NULL,
  draft_revision integer NOT NULL,
  status         text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  submitted_at   timestamptz NOT NULL DEFAULT now(),
  submitted_by   text NOT NULL,
  due_at         timestamptz NOT NULL,
  decided_at     timestamptz,
  decided_by     text,
  reason         text,
  CHECK (status <> 'rejected' OR length(reason) > 0)
);
-- At most one pending submission per partner, whatever the code path.
CREATE UNIQUE INDEX submissions_one_pending ON submissions (partner_id) WHERE status = 'pending';
CREATE INDEX submissions_queue ON submissions (due_at, id) WHERE status = 'pending';
CREATE INDEX submissions_partner ON submissions (partner_id, submitted_at DESC);

-- A snapshot never changes, and a decided submission is final.
CREATE FUNCTION submissions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.document IS DISTINCT FROM OLD.document OR NEW.partner_id IS DISTINCT FROM OLD.partner_id THEN
    RAISE EXCEPTION 'a submission snapshot is immutable';
  END IF;
  IF OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'submission % is already %', OLD.id, OLD.status;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER submissions_guard BEFORE UPDATE ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_guard();

-- Every approved document, kept for rollback.
CREATE TABLE versions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partner_id    text NOT NULL,
  submission_id uuid NOT NULL REFERENCES submissions (id),
  document      jsonb NOT NULL,
  approved_at   timestamptz NOT NULL DEFAULT now(),
  approved_by   text NOT NULL
);
CREATE INDEX versions_partner ON versions (partner_id, approved_at DESC);

-- The partner's effective version: what every landing sees.
CREATE TABLE live (
  partner_id  text PRIMARY KEY,
  version_id  uuid NOT NULL REFERENCES versions (id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_events (
  id            bigserial PRIMARY KEY,
  partner_id    text NOT NULL,
  submission_id uuid,
  actor         text NOT NULL,
  action        text NOT NULL,
  from_status   text,
  to_status     text,
  reason        text,
  at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX audit_partner ON audit_events (partner_id, id);
CREATE INDEX audit_submission ON audit_events (submission_id, id);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_append_only();

CREATE TABLE assets (
  sha256        text PRIMARY KEY,
  content_type  text NOT NULL,
  bytes         bytea NOT NULL,
  width         integer NOT NULL,
  height        integer NOT NULL,
  partner_id    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
