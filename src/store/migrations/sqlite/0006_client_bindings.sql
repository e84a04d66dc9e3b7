-- 0006_client_bindings.sql: addresses signed in to browse through the
-- captive portal (identity/client_bindings.h). Requests from client_ip are
-- the person's, under group_name, until expires_at or until they sign out.
-- A row is deleted when the binding ends; the audit trail keeps the
-- sign-in and the sign-out ("portal.sign_in", "portal.sign_out").

CREATE TABLE client_bindings (
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  client_ip  TEXT    NOT NULL CHECK (client_ip <> ''),
  person_id  INTEGER NOT NULL,
  group_name TEXT    NOT NULL,
  bound_at   INTEGER NOT NULL,
  expires_at INTEGER NOT NULL CHECK (expires_at > bound_at),
  PRIMARY KEY (school_id, client_ip),
  FOREIGN KEY (school_id, person_id) REFERENCES people (school_id, id)
);
