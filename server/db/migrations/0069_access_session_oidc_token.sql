-- Single logout at the OpenID provider: a session opened by single sign-on keeps the provider's ID
-- token, encrypted with the master key (`v1.`), to send it back as `id_token_hint` when the user
-- signs out of Homeward. It is emptied when the session is signed out; no other column holds it.
ALTER TABLE user_session ADD COLUMN oidc_id_token text;
