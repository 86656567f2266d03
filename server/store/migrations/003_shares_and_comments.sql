-- Share links (a snapshot anyone with the secret may view) and reviewers' comments anchored to fields.

-- A read-only preview of a snapshot. Only the secret's SHA-256 is kept (as for tokens).
CREATE TABLE shares (
  id             text PRIMARY KEY,
  hash           text NOT NULL UNIQUE,
  partner_id     text NOT NULL,
  source         text NOT NULL CHECK (source IN ('draft', 'submission')),
  submission_id  uuid REFERENCES submissions (id),
  draft_revision integer,
  document       jsonb NOT NULL,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  last_opened_at timestamptz,
  opened         integer NOT NULL DEFAULT 0,
  CHECK ((source = 'submission') = (submission_id IS NOT NULL)),
  CHECK (expires_at > created_at)
);
CREATE INDEX shares_partner ON shares (partner_id, created_at DESC);

-- A reviewer's comment on one JSON Pointer of a submission; resolved by the partner in a later submission.
CREATE TABLE review_comments (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The order they were written in (several share one transaction's now()).
  seq            bigint GENERATED ALWAYS AS IDENTITY,
  partner_id     text NOT NULL,
  submission_id  uuid NOT NULL REFERENCES submissions (id),
  pointer        text NOT NULL,
  -- The id of each array entry the pointer passes through, so the comment can follow an entry that moves.
  anchor         jsonb NOT NULL DEFAULT '[]',
  text           text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  author         text NOT NULL,
  decision       text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  resolved_in    uuid REFERENCES submissions (id),
  resolved_at    timestamptz,
  resolved_by    text
);
CREATE INDEX review_comments_partner ON review_comments (partner_id, seq);
CREATE INDEX review_comments_submission ON review_comments (submission_id);
