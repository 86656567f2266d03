-- Scheduled go-live (an approved version that becomes live at a set time) and webhook
-- notifications (an outbox of events, written in the transaction of the transition, and
-- their deliveries to each endpoint).

-- An approval "effective at" a future time: the version exists from the approval on, and
-- becomes live when the time comes. `scheduled` → `live` | `cancelled`; a new approval or a
-- rollback of the partner cancels a pending schedule (superseded).
CREATE TABLE schedules (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partner_id    text NOT NULL,
  submission_id uuid NOT NULL REFERENCES submissions (id),
  version_id    uuid NOT NULL REFERENCES versions (id),
  effective_at  timestamptz NOT NULL,
  state         text NOT NULL CHECK (state IN ('scheduled', 'live', 'cancelled')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  ended_at      timestamptz,
  ended_by      text
);
-- At most one pending schedule per partner, whatever the code path.
CREATE UNIQUE INDEX schedules_one_pending ON schedules (partner_id) WHERE state = 'scheduled';
CREATE INDEX schedules_due ON schedules (effective_at) WHERE state = 'scheduled';

-- The time a scheduled approval takes effect, on its audit events.
ALTER TABLE audit_events ADD COLUMN effective_at timestamptz;

-- Where notifications go: registered by reviewers, or the deployment's COBRAND_WEBHOOK_URL (id `env`).
CREATE TABLE webhook_endpoints (
  id          text PRIMARY KEY,
  url         text NOT NULL CHECK (length(url) <= 2000),
  secret      text NOT NULL,
  description text,
  source      text NOT NULL CHECK (source IN ('reviewer', 'environment')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL,
  deleted_at  timestamptz
);

-- The outbox: one row per event, in the transaction of the transition it reports. `body` is
-- the exact JSON sent (and signed), so that every attempt sends the same bytes.
CREATE TABLE webhook_events (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type          text NOT NULL,
  partner_id    text NOT NULL,
  submission_id uuid,
  body          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
-- `submission.overdue` is sent once per submission, however many instances notice.
CREATE UNIQUE INDEX webhook_events_overdue_once ON webhook_events (submission_id) WHERE type = 'submission.overdue';

-- One delivery per event and endpoint. A sender claims a row by setting `lease_until` (and a
-- fresh `lease_token`); a row whose lease expired (its sender was killed) is claimed again.
CREATE TABLE webhook_deliveries (
  id              bigserial PRIMARY KEY,
  event_id        uuid NOT NULL REFERENCES webhook_events (id),
  endpoint_id     text NOT NULL REFERENCES webhook_endpoints (id),
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  lease_token     uuid,
  last_status     integer,
  last_error      text,
  last_attempt_at timestamptz,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (id DESC);
