-- Travel payments stored with the wrong currency exponent.
--
-- Until this version the web form for travel payments turned the typed amount into minor units
-- with the display digits of Intl.NumberFormat (CLDR), not the ISO 4217 exponent that every other
-- screen, every sum and the API use. The two differ for seventeen currencies, in each case CLDR
-- shows no decimals where ISO 4217 has two or three: AFN, ALL, COP, HUF, IDR, IRR, KPW, LAK, LBP,
-- MGA, MMK, PKR, SLL, SOS, SYP, YER (ISO 2) and IQD (ISO 3). So 50,000 IQD typed in the form was
-- stored as 50,000 minor units, which reads as 50 IQD.
--
-- How the affected rows were found: a payment in one of those currencies whose creation was
-- recorded over HTTP. The web form was the only client that sent payments over HTTP, and every
-- such request left a `travel.payment.recorded` audit event carrying the client's address (`ip`);
-- payments written by Homeward itself (demo data) carry none and were already in ISO units. The
-- factor is 10^(ISO exponent - 0). Each correction is kept in travel_payment_correction, with the
-- amount before and after, so that nothing is overwritten without a trace.

CREATE TABLE travel_payment_correction (
  payment_id          uuid NOT NULL REFERENCES travel_payment(id) ON DELETE CASCADE,
  currency            char(3) NOT NULL,
  amount_minor_before bigint NOT NULL,
  amount_minor_after  bigint NOT NULL,
  reason              text NOT NULL,
  corrected_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (payment_id, reason)
);

WITH affected(currency, iso_exponent) AS (
  VALUES ('AFN', 2), ('ALL', 2), ('COP', 2), ('HUF', 2), ('IDR', 2), ('IRR', 2), ('KPW', 2), ('LAK', 2), ('LBP', 2),
         ('MGA', 2), ('MMK', 2), ('PKR', 2), ('SLL', 2), ('SOS', 2), ('SYP', 2), ('YER', 2), ('IQD', 3)
),
wrong AS (
  SELECT p.id, p.currency, p.amount_minor, p.amount_minor * (10::numeric ^ a.iso_exponent)::bigint AS corrected
    FROM travel_payment p
    JOIN affected a ON a.currency = p.currency
   WHERE EXISTS (
           SELECT 1 FROM audit_event e
            WHERE e.event = 'travel.payment.recorded'
              AND e.entity_type = 'travel_payment'
              AND e.entity_id = p.id
              AND e.ip IS NOT NULL)
),
logged AS (
  INSERT INTO travel_payment_correction (payment_id, currency, amount_minor_before, amount_minor_after, reason)
  SELECT id, currency, amount_minor, corrected, 'web form used display digits instead of the ISO 4217 exponent' FROM wrong
  RETURNING payment_id, amount_minor_after
)
UPDATE travel_payment p
   SET amount_minor = l.amount_minor_after
  FROM logged l
 WHERE p.id = l.payment_id;
